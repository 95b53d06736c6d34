import { AppError, ErrorCode } from '../shared/errors.ts';
import type { PayrollLine } from './line.ts';

/**
 * Control totals (控制总数) of a set of lines: the payroll reviewer checks them against the bank
 * file and the budget. All sums are integer fen; recovery lines are negative, so `totalFen` is
 * the net amount of the payroll.
 */
export interface ControlTotals {
  lineCount: number;
  childCount: number;
  totalFen: number;
  byItem: Record<string, number>;
  byCategory: Record<string, number>;
  /** First 9 digits of the 户籍 code (乡镇/街道); a county-level code stands for itself. */
  byTownship: Record<string, number>;
  byKind: Record<string, number>;
  byPayingRegion: Record<string, number>;
}

/** The township (乡镇/街道) part of a 户籍 code. */
export const townshipOf = (hukouRegion: string): string => hukouRegion.slice(0, 9);

function add(into: Record<string, number>, key: string, fen: number): void {
  into[key] = safeSum(into[key] ?? 0, fen);
}

function safeSum(a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new AppError(ErrorCode.INTERNAL, '金额合计超出安全整数范围');
  return s;
}

/** Keys in code order, so two runs print the same JSON. */
function sorted(r: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function totals(lines: Iterable<PayrollLine>): ControlTotals {
  const t: ControlTotals = {
    lineCount: 0,
    childCount: 0,
    totalFen: 0,
    byItem: {},
    byCategory: {},
    byTownship: {},
    byKind: {},
    byPayingRegion: {},
  };
  const children = new Set<string>();
  for (const l of lines) {
    if (!Number.isSafeInteger(l.amountFen)) {
      throw new AppError(ErrorCode.INTERNAL, `金额应为整数（分）：${l.id}`);
    }
    t.lineCount += 1;
    children.add(l.childId);
    t.totalFen = safeSum(t.totalFen, l.amountFen);
    add(t.byItem, l.item, l.amountFen);
    add(t.byCategory, l.category, l.amountFen);
    add(t.byTownship, townshipOf(l.hukouRegion), l.amountFen);
    add(t.byKind, l.kind, l.amountFen);
    add(t.byPayingRegion, l.payingRegion, l.amountFen);
  }
  return {
    ...t,
    childCount: children.size,
    byItem: sorted(t.byItem),
    byCategory: sorted(t.byCategory),
    byTownship: sorted(t.byTownship),
    byKind: sorted(t.byKind),
    byPayingRegion: sorted(t.byPayingRegion),
  };
}

/** Adds control totals computed in parts (e.g. one per batch of streamed children). */
export function mergeTotals(parts: readonly ControlTotals[]): ControlTotals {
  const merged: ControlTotals = {
    lineCount: 0,
    childCount: 0,
    totalFen: 0,
    byItem: {},
    byCategory: {},
    byTownship: {},
    byKind: {},
    byPayingRegion: {},
  };
  const keys = ['byItem', 'byCategory', 'byTownship', 'byKind', 'byPayingRegion'] as const;
  for (const p of parts) {
    merged.lineCount += p.lineCount;
    // Batches hold disjoint children (one child's lines are computed together).
    merged.childCount += p.childCount;
    merged.totalFen = safeSum(merged.totalFen, p.totalFen);
    for (const k of keys) for (const [key, fen] of Object.entries(p[k])) add(merged[k], key, fen);
  }
  for (const k of keys) merged[k] = sorted(merged[k]);
  return merged;
}

/** The totals of `n` children who each have the lines `t` was computed from (one shared shape). */
export function repeatTotals(t: ControlTotals, n: number): ControlTotals {
  const times = (fen: number) => {
    const r = fen * n;
    if (!Number.isSafeInteger(r)) throw new AppError(ErrorCode.INTERNAL, '金额合计超出安全整数范围');
    return r;
  };
  const each = (r: Record<string, number>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, times(v)]));
  return {
    lineCount: t.lineCount * n,
    childCount: t.childCount * n,
    totalFen: times(t.totalFen),
    byItem: each(t.byItem),
    byCategory: each(t.byCategory),
    byTownship: each(t.byTownship),
    byKind: each(t.byKind),
    byPayingRegion: each(t.byPayingRegion),
  };
}
