import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../shared/dates.ts';
import { entitlementDetail } from './entitlement.ts';
import type { PayrollRecord } from './record.ts';
import { shapeOf, shapeRecord, type Shape } from './shape.ts';
import { settle } from './settle.ts';
import { dead, idFor, monthRange, PACKS, prison, record, type DocOptions } from './test-support.ts';

const day = (from: string, span: number) => fc.integer({ min: 0, max: span }).map((n) => addDays(from, n));
const instant = (date: string) => `${date}T12:00:00Z`;

/** Parents' situations the engine tells apart: orphan, FUC, Ningxia hardship, nothing. */
const parents = fc.constantFrom<Pick<DocOptions, 'father' | 'mother'>>(
  { father: [dead()], mother: [dead('2021-03-15')] },
  { father: [dead()], mother: [prison('2020-01-01', '2032-01-01')] },
  { father: [dead()], mother: [prison('2020-01-01', '2025-06-10')] },
  { father: [dead()], mother: [{ kind: 'serious-illness', since: '2021-01-01', illness: '恶性肿瘤' }] },
  { father: [], mother: [] },
);

/** A child of 吴忠 or 大兴, possibly living elsewhere, with late fact versions and an exit. */
const child = fc.record({
  hukou: fc.constantFrom('640302100', '640302001', '110115001'),
  residence: fc.constantFrom(undefined, '110115001', '640302100'),
  birthDate: day('2007-01-01', 12 * 365),
  placement: fc.constantFrom('kinship' as const, 'institution' as const, 'temporary-care' as const),
  schooling: fc.constantFrom('none' as const, 'compulsory' as const, 'high-school' as const),
  hiv: fc.boolean(),
  parents,
  confirmedOn: day('2024-10-01', 200),
  received: fc.constantFrom(0, 30000, 200000),
  later: fc.option(fc.tuple(day('2025-01-01', 300), parents), { nil: undefined }),
  exit: fc.option(
    fc.record({
      reason: fc.constantFrom('died' as const, 'adopted' as const, 'family-improved' as const),
      eventDate: day('2025-01-01', 300),
      recordedAt: day('2025-01-01', 330),
    }),
    { nil: undefined },
  ),
});
type Child = typeof child extends fc.Arbitrary<infer T> ? T : never;

/** The same child under any id, name and ID numbers (which only identify the child). */
function build(c: Child, childId: string, name: string, sequence: string) {
  const base: DocOptions = {
    hukou: c.hukou,
    idNumber: idFor(c.hukou.slice(0, 6), c.birthDate, sequence),
    ...c.parents,
    child: {
      name,
      placement: c.placement,
      schooling: c.schooling,
      hiv: c.hiv,
      ...(c.residence !== undefined && { residenceRegion: c.residence, residentSince: '2023-01-01' }),
    },
    household: { assistance: c.received > 0 ? 'dibao' : 'none', receivedMonthlyFen: c.received },
  };
  return record({
    ...base,
    childId,
    confirmedOn: c.confirmedOn,
    ...(c.later && { versions: [[instant(c.later[0]), { ...base, ...c.later[1] }]] }),
    ...(c.exit && { exit: { ...c.exit, recordedAt: instant(c.exit.recordedAt) } }),
  });
}

/** Throws become values, so a refusal is compared like a result. */
const outcome = <T>(f: () => T): T | { error: string } => {
  try {
    return f();
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
};

/** The shape as the server has it: JSON written to and read back from the database. */
const stored = (r: PayrollRecord, knownAt: string) =>
  JSON.parse(JSON.stringify(shapeOf(r, knownAt))) as Shape;

describe('a child is owed what its shape is owed', { timeout: 30_000 }, () => {
  it("for every child, month and instant, the shape relabelled with the child gives exactly the child's entitlement", () => {
    fc.assert(
      fc.property(
        child,
        fc.constantFrom('2025-03-05T00:00:00Z', '2025-08-20T00:00:00Z', '2025-12-31T00:00:00Z'),
        (c, knownAt) => {
          const r = build(c, 'c1', '张三', '002');
          const shape = stored(r, knownAt);
          for (const month of monthRange('2025-01', '2025-12')) {
            expect(
              outcome(() => entitlementDetail(shapeRecord(shape, r.childId), month, PACKS, knownAt)),
            ).toEqual(outcome(() => entitlementDetail(r, month, PACKS, knownAt)));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("settles earlier months from the shape exactly as from the child's record", () => {
    fc.assert(
      fc.property(child, fc.constantFrom('2025-05', '2025-09', '2025-12'), (c, month) => {
        const r = build(c, 'c1', '王五', '002');
        const paid = monthRange('2025-01', month)
          .filter((m) => m < month)
          .flatMap((m) => {
            const due = outcome(() => entitlementDetail(r, m, PACKS, instant(`${m}-01`)).lines);
            return 'error' in due ? [] : due;
          });
        const knownAt = instant(`${month}-28`);
        const shape = stored(r, knownAt);
        expect(
          outcome(() =>
            settle(shapeRecord(shape, r.childId), month, paid, PACKS, knownAt, { from: '2025-01' }),
          ),
        ).toEqual(outcome(() => settle(r, month, paid, PACKS, knownAt, { from: '2025-01' })));
      }),
      { numRuns: 120 },
    );
  });

  it('children who differ only in id, name and ID numbers share one shape', () => {
    fc.assert(
      fc.property(child, (c) => {
        const knownAt = '2025-12-31T00:00:00Z';
        expect(stored(build(c, 'a', '张三', '002'), knownAt)).toEqual(
          stored(build(c, 'b', '李四四', '113'), knownAt),
        );
      }),
    );
  });

  it('another birth date, a later fact version or an exit not yet recorded make another shape', () => {
    const a = record({ birthDate: '2010-01-01', father: [dead()], mother: [dead()] });
    const b = record({ birthDate: '2010-01-02', father: [dead()], mother: [dead()] });
    expect(shapeOf(a, '2025-03-10T00:00:00Z')).not.toEqual(shapeOf(b, '2025-03-10T00:00:00Z'));
    const late = record({
      father: [dead()],
      mother: [dead()],
      exit: { reason: 'died', eventDate: '2025-02-10', recordedAt: '2025-04-10T00:00:00Z' },
    });
    expect(shapeOf(late, '2025-03-10T00:00:00Z').exit).toBeUndefined();
    expect(shapeOf(late, '2025-04-10T00:00:00Z').exit).toEqual({ reason: 'died', eventDate: '2025-02-10' });
  });
});
