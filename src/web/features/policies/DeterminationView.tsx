import { Alert, Descriptions, Flex, Table, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import { BENEFIT_LABELS, CATEGORY_LABELS } from '../../../domain/eligibility/codes.ts';
import type { Benefit, Determination } from '../../../domain/eligibility/determination.ts';
import { yuan } from './format.ts';
import { BENEFIT_PLACEMENT_LABELS, ruleLabel } from './labels.ts';

const columns: TableColumnsType<Benefit> = [
  {
    title: '保障项目',
    dataIndex: 'code',
    render: (c: Benefit['code'], b) => (
      <>
        {BENEFIT_LABELS[c]}
        {b.topUp && (
          <Tag color="purple" style={{ marginLeft: 6 }}>
            补差
          </Tag>
        )}
      </>
    ),
  },
  {
    title: '标准类别',
    dataIndex: 'placement',
    width: 90,
    render: (p: Benefit['placement']) => BENEFIT_PLACEMENT_LABELS[p],
  },
  {
    title: '标准（元/月）',
    dataIndex: 'standardFen',
    align: 'right',
    width: 110,
    render: (f: number) => yuan(f),
  },
  {
    title: '月发放（元）',
    dataIndex: 'monthlyFen',
    align: 'right',
    width: 110,
    render: (f: number) => <Typography.Text strong>{yuan(f)}</Typography.Text>,
  },
];

/** The engine's answer: categories, amounts, and why — every rule that fired with its document. */
export function DeterminationView({ result, name }: { result: Determination; name?: string }) {
  return (
    <Flex vertical gap={16} data-testid="determination">
      <Descriptions
        size="small"
        column={1}
        bordered
        styles={{ label: { whiteSpace: 'nowrap', width: 100 } }}
        items={[
          { key: 'who', label: '儿童', children: name || '（未填姓名）' },
          { key: 'age', label: '年龄', children: `${result.age} 周岁` },
          { key: 'asOf', label: '测算日期', children: result.asOf },
          {
            key: 'policy',
            label: '适用政策',
            children: `${result.policy.id}（${result.policy.version} 版）`,
          },
          {
            key: 'cat',
            label: '认定类别',
            span: 'filled',
            children:
              result.categories.length > 0 ? (
                result.categories.map((c) => (
                  <Tag key={c} color="blue">
                    {CATEGORY_LABELS[c]}
                  </Tag>
                ))
              ) : (
                <Typography.Text type="secondary">不属于保障类别</Typography.Text>
              ),
          },
        ]}
      />
      {result.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title="请注意"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {result.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
        />
      )}
      <Table<Benefit>
        rowKey={(b) => `${b.code}-${b.placement}`}
        size="small"
        bordered
        pagination={false}
        columns={columns}
        dataSource={result.benefits}
        locale={{ emptyText: '无应发放的保障金' }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={3}>
              <Typography.Text strong>每月合计</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <Typography.Text strong style={{ color: '#1f5fbf' }} data-testid="monthly-total">
                {yuan(result.monthlyTotalFen)}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <div>
        <Typography.Title level={5}>认定依据</Typography.Title>
        <Timeline
          items={result.explanations.map((e, i) => ({
            key: i,
            color: e.rule in CATEGORY_LABELS ? 'blue' : 'gray',
            content: (
              <>
                <div>
                  <Tag>{ruleLabel(e.rule)}</Tag>
                  {e.text}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  依据：{e.basis}
                </Typography.Text>
              </>
            ),
          }))}
        />
      </div>
    </Flex>
  );
}
