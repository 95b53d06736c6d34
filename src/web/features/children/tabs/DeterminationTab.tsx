import { Alert, Card, Empty, List, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import { errorMessage } from '../../../api/client.ts';
import { useDeterminations, type Determination, type ExitInfo } from '../children.api.ts';
import { BENEFIT_LABELS, CATEGORY_COLORS, categoryLabel, formatFen } from '../labels.ts';

const benefitLabel = (code: string) => BENEFIT_LABELS[code as keyof typeof BENEFIT_LABELS] ?? code;

function Categories({ codes }: { codes: string[] }) {
  if (codes.length === 0) return <Typography.Text type="secondary">不符合分类保障条件</Typography.Text>;
  return codes.map((c) => (
    <Tag key={c} color={CATEGORY_COLORS[c as keyof typeof CATEGORY_COLORS]}>
      {categoryLabel(c)}
    </Tag>
  ));
}

/** Why: every rule that fired, with the document and clause it rests on. */
export function Explanations({ determination }: { determination: Determination }) {
  return (
    <>
      <List
        size="small"
        dataSource={determination.explanations}
        renderItem={(e) => (
          <List.Item>
            <List.Item.Meta
              title={e.text}
              description={<Typography.Text type="secondary">依据：{e.basis}</Typography.Text>}
            />
          </List.Item>
        )}
      />
      {determination.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginTop: 8 }} />
      ))}
    </>
  );
}

function Benefits({ d }: { d: Determination }) {
  if (d.benefits.length === 0) return <Typography.Text type="secondary">—</Typography.Text>;
  return d.benefits.map((b) => (
    <div key={b.code}>
      {benefitLabel(b.code)}（{b.placement === 'institution' ? '集中养育' : '散居'}）{formatFen(b.monthlyFen)}
      /月
    </div>
  ));
}

/**
 * 认定与保障: categories, allowance and their explanations, month by month. After an exit the
 * engine's view of a later month still shows what the facts would give; the amount is marked 停发
 * (not paid) past the exit's last paid month.
 */
export function DeterminationTab({ childId, exit }: { childId: string; exit: ExitInfo | null }) {
  const view = useDeterminations(childId);
  const lastPaid = exit && exit.reason !== 'recognized-orphan' ? exit.lastPaidMonth : undefined;
  if (view.isPending) return <Skeleton active />;
  if (view.isError) return <Alert type="error" showIcon title={errorMessage(view.error)} />;
  const { items, evaluated, problem } = view.data;

  if (items.length === 0) {
    return (
      <>
        <Alert
          type="info"
          showIcon
          title="尚未确认纳入保障"
          description="以下为按当前登记事实的预评估，县级民政部门确认后自次月起发放。"
          style={{ marginBottom: 16 }}
        />
        {problem && <Alert type="warning" showIcon title={problem} />}
        {evaluated ? (
          <Card size="small" title={`预评估（${evaluated.asOf}）`}>
            <Categories codes={evaluated.categories} />
            <div style={{ margin: '8px 0' }}>
              <Benefits d={evaluated} />
            </div>
            <Explanations determination={evaluated} />
          </Card>
        ) : (
          <Empty />
        )}
      </>
    );
  }

  return (
    <Table
      rowKey="month"
      size="middle"
      dataSource={items}
      pagination={{ pageSize: 12, hideOnSinglePage: true }}
      expandable={{
        expandedRowRender: (r) => <Explanations determination={r.determination} />,
        defaultExpandedRowKeys: items[0] ? [items[0].month] : [],
      }}
      columns={[
        { title: '月份', dataIndex: 'month', width: 100 },
        { title: '儿童类别', dataIndex: 'categories', render: (c: string[]) => <Categories codes={c} /> },
        { title: '保障项目', key: 'benefits', render: (_, r) => <Benefits d={r.determination} /> },
        {
          title: '月保障金额',
          dataIndex: 'monthlyTotalFen',
          align: 'right',
          width: 130,
          render: (fen: number, r) =>
            lastPaid !== undefined && r.month > lastPaid ? (
              <Tooltip title={`已退出保障（${exit?.reasonLabel ?? ''}），末次发放月份 ${lastPaid}`}>
                <Tag>停发</Tag>
                <Typography.Text delete type="secondary">
                  {formatFen(fen)}
                </Typography.Text>
              </Tooltip>
            ) : (
              <Typography.Text strong>{formatFen(fen)}</Typography.Text>
            ),
        },
        {
          title: '政策包',
          key: 'policy',
          width: 170,
          render: (_, r) => `${r.determination.policy.id}（${r.determination.policy.version}）`,
        },
        { title: '事实版本', dataIndex: 'factsVersion', width: 90, render: (v: number) => `第 ${v} 版` },
      ]}
    />
  );
}
