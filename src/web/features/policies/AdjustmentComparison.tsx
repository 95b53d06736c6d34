import { Col, Row, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { BENEFIT_LABELS } from '../../../domain/eligibility/codes.ts';
import type { Standards } from '../../../domain/policy/pack.ts';
import { compareStandards, type ComparisonRow } from './adjustment-rows.ts';
import { yuan } from './format.ts';
import { BENEFIT_PLACEMENT_LABELS } from './labels.ts';
import type { AdjustmentResult } from './policies.api.ts';
import { Amount } from './StandardsTable.tsx';

const columns: TableColumnsType<ComparisonRow> = [
  { title: '保障项目', dataIndex: 'code', render: (c: ComparisonRow['code']) => BENEFIT_LABELS[c] },
  {
    title: '标准类别',
    dataIndex: 'placement',
    width: 100,
    render: (p: ComparisonRow['placement']) => BENEFIT_PLACEMENT_LABELS[p],
  },
  {
    title: '现行标准（元/月）',
    dataIndex: 'current',
    align: 'right',
    width: 160,
    render: (f?: number) => <Amount fen={f} />,
  },
  {
    title: '拟议标准（元/月）',
    dataIndex: 'proposed',
    align: 'right',
    width: 160,
    render: (f?: number) => <Amount fen={f} />,
  },
  {
    title: '每月增加（元）',
    dataIndex: 'increment',
    align: 'right',
    width: 140,
    render: (f?: number) =>
      f === undefined ? (
        '—'
      ) : (
        <Typography.Text type={f > 0 ? 'success' : undefined}>{`+${yuan(f) ?? ''}`}</Typography.Text>
      ),
  },
];

/** The increments at a glance, then every standard current → proposed. */
export function AdjustmentComparison({ current, result }: { current?: Standards; result: AdjustmentResult }) {
  const inc = result.increments;
  return (
    <>
      <Row gutter={16} data-testid="increments" style={{ marginBottom: 16 }}>
        {(
          [
            ['机构养育孤儿每月增加', inc.institution],
            ['散居孤儿每月增加', inc.scattered],
            ['事实无人抚养儿童每月增加', inc.fuc],
          ] as const
        ).map(([label, fen]) => (
          <Col key={label} xs={24} md={8}>
            <Statistic title={label} value={yuan(fen)} prefix="+" suffix="元" />
          </Col>
        ))}
      </Row>
      <Table<ComparisonRow>
        rowKey={(r) => `${r.code}-${r.placement}`}
        size="small"
        bordered
        pagination={false}
        loading={current === undefined}
        columns={columns}
        dataSource={current ? compareStandards(current, result.proposal.standards ?? {}) : []}
        data-testid="adjustment-table"
      />
    </>
  );
}
