import { Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { BENEFIT_LABELS, type BenefitPlacement } from '../../../domain/eligibility/codes.ts';
import type { StandardCode, Standards } from '../../../domain/policy/pack.ts';
import { yuan } from './format.ts';
import { BENEFIT_PLACEMENT_LABELS } from './labels.ts';

const CODES: StandardCode[] = ['orphan-allowance', 'fuc-allowance', 'hiv-allowance'];
const PLACEMENTS: BenefitPlacement[] = ['institution', 'scattered'];

/** An unset standard is shown as such, never as 0: the engine pays nothing and warns. */
export function Unset() {
  return (
    <Tooltip title="本地政策未设定此标准，测算时不予发放并给出提示">
      <Tag color="warning" variant="outlined">
        未设定
      </Tag>
    </Tooltip>
  );
}

export function Amount({ fen }: { fen: number | undefined }) {
  const y = yuan(fen);
  return y === undefined ? <Unset /> : <Typography.Text strong>{y}</Typography.Text>;
}

interface Row {
  code: StandardCode;
  standards: Standards;
}

/** 保障项目 × 机构养育/散居, monthly, yuan. */
export function StandardsTable({ standards }: { standards: Standards }) {
  const columns: TableColumnsType<Row> = [
    { title: '保障项目', dataIndex: 'code', render: (c: StandardCode) => BENEFIT_LABELS[c] },
    ...PLACEMENTS.map((p) => ({
      title: `${BENEFIT_PLACEMENT_LABELS[p]}（元/月）`,
      key: p,
      align: 'right' as const,
      width: 180,
      render: (_: unknown, r: Row) => <Amount fen={r.standards[r.code]?.[p]} />,
    })),
  ];
  return (
    <Table<Row>
      rowKey="code"
      size="small"
      bordered
      pagination={false}
      columns={columns}
      dataSource={CODES.map((code) => ({ code, standards }))}
      data-testid="standards-table"
    />
  );
}
