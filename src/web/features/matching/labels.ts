import { LEAD_TYPES } from '../../../domain/matching/lead-types.ts';
import {
  ASSISTANCE_KIND_VALUES,
  CUSTODY_KIND_VALUES,
  DISABILITY_KIND_VALUES,
  RELATION_VALUES,
  ROSTER_LABELS,
  ROSTER_TYPES,
  SCHOOL_STATUS_VALUES,
  SCHOOLING_VALUES,
} from '../../../domain/matching/roster-types.ts';

export { ROSTER_LABELS, ROSTER_TYPES, LEAD_TYPES };

export const LEAD_TYPE_LABELS: Record<string, { label: string; color: string }> = {
  discover: { label: '发现线索', color: 'volcano' },
  review: { label: '档案变更', color: 'blue' },
  conflict: { label: '重复享受', color: 'magenta' },
  'data-quality': { label: '数据质量', color: 'default' },
};

export const LEAD_STATUS_LABELS: Record<string, { label: string; color: string }> = {
  open: { label: '待处理', color: 'processing' },
  'application-started': { label: '已发起申请', color: 'success' },
  'facts-updated': { label: '已更新事实', color: 'success' },
  dismissed: { label: '不予处理', color: 'default' },
};

export const DEADLINE_COLORS: Record<string, { label: string; color: string }> = {
  'on-track': { label: '正常', color: 'green' },
  'due-soon': { label: '即将到期', color: 'orange' },
  overdue: { label: '已逾期', color: 'red' },
};

export const ROSTER_STATUS: Record<string, { label: string; color: string }> = {
  running: { label: '处理中', color: 'processing' },
  done: { label: '已完成', color: 'success' },
  failed: { label: '失败', color: 'error' },
  cancelled: { label: '已取消', color: 'default' },
};

const FIELD_LABELS: Record<string, string> = {
  deathDate: '死亡日期',
  hukouCancelledDate: '注销户口日期',
  kind: '类型',
  since: '起始日期',
  until: '终止日期',
  expectedRelease: '预计释放日期',
  actualRelease: '实际释放日期',
  disability: '残疾',
  issuedDate: '发证日期',
  cancelledDate: '注销日期',
  monthlyFen: '月救助金额',
  householdNo: '户号',
  relation: '与户主关系',
  hukouRegion: '户籍地区划代码',
  school: '学校',
  schooling: '就读阶段',
  status: '学籍状态',
  statusDate: '状态日期',
  adoptionDate: '收养登记日期',
  residenceRegion: '居住地区划代码',
  residentSince: '居住起始日期',
};

const VALUE_LABELS: Record<string, string> = Object.fromEntries(
  [
    CUSTODY_KIND_VALUES,
    ASSISTANCE_KIND_VALUES,
    RELATION_VALUES,
    SCHOOLING_VALUES,
    SCHOOL_STATUS_VALUES,
    DISABILITY_KIND_VALUES,
  ].flatMap((m) => Object.entries(m).map(([zh, code]) => [code, zh])),
);

function valueText(key: string, v: unknown): string {
  if (key === 'monthlyFen' && typeof v === 'number') return `${(v / 100).toFixed(2)} 元`;
  if (key === 'disability' && typeof v === 'object' && v !== null) {
    const d = v as { kind: string; grade: number };
    return `${VALUE_LABELS[d.kind] ?? d.kind}${d.grade}级`;
  }
  return typeof v === 'string' ? (VALUE_LABELS[v] ?? v) : JSON.stringify(v);
}

/** A roster row's content in Chinese: "死亡日期：2025-07-01；…". */
export function evidenceText(data: Record<string, unknown>): string {
  return Object.entries(data)
    .filter(([k]) => k !== 'roster')
    .map(([k, v]) => `${FIELD_LABELS[k] ?? k}：${valueText(k, v)}`)
    .join('；');
}
