import { describe, expect, it } from 'vitest';
import { addDays } from '../shared/dates.ts';
import { isValidIdNumber } from '../shared/id-number.ts';
import { entitlementForMonth } from './entitlement.ts';
import type { PayrollLine } from './line.ts';
import type { PayrollRecord } from './record.ts';
import { settle } from './settle.ts';
import { mergeTotals, totals } from './totals.ts';
import { FUC, idFor, monthRange, ORPHAN, PACKS, record } from './test-support.ts';

/**
 * Acceptance (seed 001, 吴民函〔2025〕14号): 吴忠 paid 15 institution-placed children at 1600
 * yuan and 105 orphans and 1561 FUC children at 1200 yuan a month; January–June 2025 comes to
 * 12,031,200.00 yuan. The roster is generated; the total is computed by the payroll functions.
 */
const TOWNSHIPS = ['640302001', '640302002', '640302100', '640302101', '640302200'];

function roster(): PayrollRecord[] {
  const groups = [
    { count: 15, conditions: ORPHAN, placement: 'institution' as const },
    { count: 90, conditions: ORPHAN, placement: 'kinship' as const },
    { count: 1561, conditions: FUC, placement: 'kinship' as const },
  ];
  const out: PayrollRecord[] = [];
  for (const g of groups) {
    for (let n = 0; n < g.count; n++) {
      const i = out.length;
      const hukou = TOWNSHIPS[i % TOWNSHIPS.length] ?? '640302';
      out.push(
        record({
          ...g.conditions,
          childId: `wz-${i}`,
          hukou,
          idNumber: idFor('640302', addDays('2008-01-01', i), String(100 + (i % 800)).padStart(3, '0')),
          confirmedOn: addDays('2016-01-01', i),
          child: { placement: g.placement },
        }),
      );
    }
  }
  return out;
}

describe('acceptance: 吴忠 January–June 2025', () => {
  const children = roster();

  it('the roster holds 1,666 children with distinct, valid ID numbers, all confirmed before 2025', () => {
    const ids = children.map((c) => c.factVersions[0]?.facts.child.idNumber ?? '');
    expect(new Set(ids).size).toBe(1666);
    expect(ids.every((id) => isValidIdNumber(id))).toBe(true);
    expect(children.every((c) => c.confirmedOn < '2025-01-01')).toBe(true);
  });

  it('six monthly payrolls at 1600/1200/1200 yuan total exactly 1,203,120,000 fen', () => {
    const stored = new Map<string, PayrollLine[]>();
    const monthly = monthRange('2025-01', '2025-06').map((month) => {
      const knownAt = `${month}-25T00:00:00Z`;
      const lines = children.flatMap((c) => {
        const before = stored.get(c.childId) ?? [];
        const now = [
          ...entitlementForMonth(c, month, PACKS, knownAt),
          ...settle(c, month, before, PACKS, knownAt, { from: '2025-01' }),
        ];
        stored.set(c.childId, [...before, ...now]);
        return now;
      });
      return totals(lines);
    });

    expect(monthly.map((t) => t.totalFen)).toEqual(Array(6).fill(200_520_000));
    const half = mergeTotals(monthly);
    expect(half.totalFen).toBe(1_203_120_000);
    expect(half.lineCount).toBe(1666 * 6);
    expect(half.byKind).toEqual({ regular: 1_203_120_000 });
    expect(half.byItem).toEqual({ 'fuc-allowance': 1_123_920_000, 'orphan-allowance': 79_200_000 });
    expect(half.byCategory).toEqual({ 'de-facto-unsupported': 1_123_920_000, orphan: 79_200_000 });
    expect(Object.values(half.byTownship).reduce((a, b) => a + b, 0)).toBe(1_203_120_000);
    expect(Object.keys(half.byTownship)).toEqual([...TOWNSHIPS].sort());
    expect(half.byPayingRegion).toEqual({ '640302': 1_203_120_000 });
    expect(monthly[0]?.childCount).toBe(1666);
  });
});
