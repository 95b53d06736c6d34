import { fenToYuanString } from '../../../domain/shared/money.ts';
import { ITEM_LABELS, LINE_KIND_LABELS } from '../../../domain/payroll/line.ts';

export { ITEM_LABELS, LINE_KIND_LABELS };

export const yuan = (fen: number) => `${fenToYuanString(fen)} 元`;

export const STATUS_COLORS: Record<string, string> = {
  draft: 'default',
  reviewed: 'processing',
  approved: 'success',
};

export const ACTION_LABELS: Record<string, string> = {
  review: '审核',
  approve: '审批并锁定',
  reopen: '退回修改',
};

export const BANK_STATUS: Record<string, { label: string; color: string }> = {
  pending: { label: '待回盘', color: 'default' },
  paid: { label: '已到账', color: 'success' },
  failed: { label: '失败', color: 'error' },
};

export const itemLabel = (k: string) => (ITEM_LABELS as Record<string, string>)[k] ?? k;
export const kindLabel = (k: string) => (LINE_KIND_LABELS as Record<string, string>)[k] ?? k;
