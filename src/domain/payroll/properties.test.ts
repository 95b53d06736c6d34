import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addYearMonths } from '../shared/dates.ts';
import { entitlementForMonth } from './entitlement.ts';
import type { PayrollLine } from './line.ts';
import { reissue, settle } from './settle.ts';
import { dead, monthRange, PACKS, prison, record, type DocOptions } from './test-support.ts';

const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));
const instant = (date: string) => `${date}T12:00:00Z`;

/** One child's history: fact versions and an exit recorded at arbitrary times in 2025. */
const history = fc.record({
  birthDate: day('2007-01-01', 4 * 365),
  schooling: fc.constantFrom('none' as const, 'high-school' as const),
  placement: fc.constantFrom('kinship' as const, 'institution' as const),
  confirmedOn: day('2024-12-01', 150),
  versions: fc.array(
    fc.record({
      recordedAt: day('2025-01-01', 330),
      release: fc.option(day('2025-01-01', 330), { nil: undefined }),
      received: fc.constantFrom(0, 30000, 150000),
    }),
    { maxLength: 3 },
  ),
  exit: fc.option(
    fc.record({
      reason: fc.constantFrom('died' as const, 'adopted' as const, 'family-improved' as const),
      eventDate: day('2025-01-01', 300),
      recordedAt: day('2025-01-01', 330),
    }),
    { nil: undefined },
  ),
  runDays: fc.array(fc.integer({ min: 1, max: 28 }), { minLength: 12, maxLength: 12 }),
  failSeed: fc.array(fc.boolean(), { minLength: 64, maxLength: 64 }),
});

type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

function buildRecord(h: History) {
  const base: DocOptions = {
    birthDate: h.birthDate,
    father: [dead()],
    mother: [prison('2020-01-01', '2032-01-01')],
    child: { schooling: h.schooling, placement: h.placement },
  };
  return record({
    ...base,
    confirmedOn: h.confirmedOn,
    versions: [...h.versions]
      .sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : 1))
      .map((v): [string, DocOptions] => [
        instant(v.recordedAt),
        {
          mother: [prison('2020-01-01', v.release ?? '2032-01-01')],
          household: { assistance: v.received > 0 ? 'dibao' : 'none', receivedMonthlyFen: v.received },
        },
      ]),
    ...(h.exit && { exit: { ...h.exit, recordedAt: instant(h.exit.recordedAt) } }),
  });
}

const sumBy = (lines: readonly PayrollLine[]) => {
  const out = new Map<string, number>();
  for (const l of lines) {
    const k = `${l.forMonth}|${l.item}|${l.payingRegion}`;
    out.set(k, (out.get(k) ?? 0) + l.amountFen);
  }
  return new Map([...out].filter(([, fen]) => fen !== 0));
};

describe('no double payment', () => {
  it('for any sequence of payroll runs with late records and bank failures, the lines for each month and item add up to the entitlement as known at the end', () => {
    fc.assert(
      fc.property(history, (h) => {
        const r = buildRecord(h);
        const months = monthRange('2025-01', '2025-12');
        const stored: PayrollLine[] = [];
        let failures: PayrollLine[] = [];
        let knownAt = '';
        let failIndex = 0;
        months.forEach((month, i) => {
          knownAt = instant(`${month}-${String(h.runDays[i] ?? 1).padStart(2, '0')}`);
          const lines = [
            ...entitlementForMonth(r, month, PACKS, knownAt),
            ...settle(r, month, stored, PACKS, knownAt, { from: '2025-01' }),
            ...reissue(failures),
          ];
          stored.push(...lines);
          // Some transfers of this month fail and come back from the bank.
          failures = lines.filter((l) => l.amountFen > 0 && h.failSeed[failIndex++ % 64]);
        });

        const accounted = sumBy(stored.filter((l) => l.kind !== 'reissue'));
        const due = sumBy(months.flatMap((m) => entitlementForMonth(r, m, PACKS, knownAt)));
        expect(accounted).toEqual(due);
        // Paid months are never rewritten: every line sits in a payroll at or after its month.
        expect(stored.every((l) => l.month >= l.forMonth)).toBe(true);
        // Each line is unique under the idempotency key, and each failure is reissued once.
        expect(new Set(stored.map((l) => l.id)).size).toBe(stored.length);
        const sources = stored.filter((l) => l.kind === 'reissue').map((l) => l.source);
        expect(new Set(sources).size).toBe(sources.length);
      }),
      { numRuns: 150 },
    );
  });

  it('once a month is settled, the next payroll with nothing new learned adds no correction', () => {
    fc.assert(
      fc.property(history, fc.constantFrom('2025-04', '2025-08', '2025-12'), (h, month) => {
        const r = buildRecord(h);
        const knownAt = instant(`${month}-28`);
        const earlier = monthRange('2025-01', month)
          .filter((m) => m < month)
          .flatMap((m) => entitlementForMonth(r, m, PACKS, instant(`${m}-01`)));
        const current = [
          ...entitlementForMonth(r, month, PACKS, knownAt),
          ...settle(r, month, earlier, PACKS, knownAt, { from: '2025-01' }),
        ];
        const next = addYearMonths(month, 1);
        expect(settle(r, next, [...earlier, ...current], PACKS, knownAt, { from: '2025-01' })).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });
});
