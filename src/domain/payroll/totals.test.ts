import { describe, expect, it } from 'vitest';
import { entitlementForMonth } from './entitlement.ts';
import { settle } from './settle.ts';
import { mergeTotals, repeatTotals, totals } from './totals.ts';
import { FUC, ORPHAN, PACKS, record } from './test-support.ts';

const NOW = '2025-05-25T00:00:00Z';

describe('control totals', () => {
  const a = record({ ...ORPHAN, childId: 'a', hukou: '640302001001' });
  const b = record({ ...FUC, childId: 'b', hukou: '640302002' });
  const dies = record({
    ...FUC,
    childId: 'c',
    hukou: '640302002',
    exit: { reason: 'died', eventDate: '2025-03-05', recordedAt: '2025-05-02T00:00:00Z' },
  });
  const april = [a, b, dies].flatMap((c) => entitlementForMonth(c, '2025-04', PACKS, '2025-04-25T00:00:00Z'));
  const may = [
    ...[a, b, dies].flatMap((c) => entitlementForMonth(c, '2025-05', PACKS, NOW)),
    ...settle(dies, '2025-05', april, PACKS, NOW, { from: '2025-04' }),
  ];

  it('sum in integer fen by item, category, township (first 9 digits of 户籍), kind and paying county', () => {
    expect(totals(may)).toEqual({
      lineCount: 3,
      childCount: 3,
      totalFen: 120000,
      byItem: { 'fuc-allowance': 0, 'orphan-allowance': 120000 },
      byCategory: { 'de-facto-unsupported': 0, orphan: 120000 },
      byTownship: { '640302001': 120000, '640302002': 0 },
      byKind: { recovery: -120000, regular: 240000 },
      byPayingRegion: { '640302': 120000 },
    });
  });

  it('totals computed in batches merge to the totals of the whole', () => {
    expect(mergeTotals([totals(may.slice(0, 1)), totals(may.slice(1))])).toEqual(totals(may));
  });

  it('the totals of n children sharing one set of lines equal the totals of all their lines', () => {
    const shared = entitlementForMonth(a, '2025-04', PACKS, NOW);
    const many = ['x', 'y', 'z'].flatMap((childId) =>
      shared.map((l) => ({ ...l, childId, id: `${childId}${l.id}` })),
    );
    expect(repeatTotals(totals(shared), 3)).toEqual(totals(many));
  });

  it('an empty payroll totals zero', () => {
    expect(totals([]).totalFen).toBe(0);
  });
});
