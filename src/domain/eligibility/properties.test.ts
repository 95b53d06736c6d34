import { describe, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../shared/dates.ts';
import { PARENT_CONDITION_KINDS, PLACEMENTS, SCHOOLING_STAGES } from './codes.ts';
import { Determination } from './determination.ts';
import { evaluate } from './evaluate.ts';
import { ChildFacts, type ChildFactsInput } from './facts.ts';
import { PACKS } from './test-support.ts';

const AS_OF = '2025-07-01';
const REGIONS = ['640302', '640104', '640105', '110115', '150302', '130102'];
const offset = (days: number) => addDays(AS_OF, days);

const condition = fc
  .record(
    {
      kind: fc.constantFrom(...PARENT_CONDITION_KINDS),
      since: fc.integer({ min: -4000, max: -1 }).map(offset),
      until: fc.integer({ min: -300, max: 3000 }).map(offset),
      disability: fc.record({
        kind: fc.constantFrom('physical', 'intellectual', 'mental', 'visual'),
        grade: fc.integer({ min: 1, max: 4 }),
      }),
      illness: fc.constantFrom('白血病', '感冒', '尿毒症'),
    },
    { requiredKeys: ['kind', 'since'] },
  )
  .filter((c) => c.until === undefined || c.until > c.since);

const input: fc.Arbitrary<ChildFactsInput> = fc.record({
  asOf: fc.constant(AS_OF),
  child: fc.record({
    birthDate: fc.integer({ min: -7300, max: -1 }).map(offset),
    hukouRegion: fc.constantFrom(...REGIONS),
    residenceRegion: fc.constantFrom(...REGIONS),
    residentSince: fc.integer({ min: -3000, max: 0 }).map(offset),
    hiv: fc.boolean(),
    placement: fc.constantFrom(...PLACEMENTS),
    schooling: fc.constantFrom(...SCHOOLING_STAGES),
  }),
  parents: fc
    .tuple(fc.array(condition, { maxLength: 3 }), fc.array(condition, { maxLength: 3 }))
    .map(([f, m]) => [
      { role: 'father' as const, conditions: f },
      { role: 'mother' as const, conditions: m },
    ]),
  household: fc.record({
    assistance: fc.constantFrom('dibao', 'tekun', 'dibao-edge', 'none'),
    receivedMonthlyFen: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 300000 })),
  }),
}) as fc.Arbitrary<ChildFactsInput>;

const run = (i: ChildFactsInput) => evaluate(ChildFacts.parse(i), PACKS);

describe('properties of every determination', () => {
  it('R4: orphan and FUC are never both derived', () => {
    fc.assert(
      fc.property(input, (i) => {
        const c = run(i).categories;
        return !(c.includes('orphan') && c.includes('de-facto-unsupported'));
      }),
    );
  });

  it('at most one living allowance (plus at most one residence top-up of the same allowance)', () => {
    fc.assert(
      fc.property(input, (i) => {
        const b = run(i).benefits;
        const own = b.filter((x) => !x.topUp);
        const top = b.filter((x) => x.topUp);
        return own.length <= 1 && top.length <= 1 && top.every((t) => t.code === own[0]?.code);
      }),
    );
  });

  it('R13: 补差 is never negative and never more than the standard; totals add up; never double', () => {
    fc.assert(
      fc.property(input, (i) => {
        const d = run(i);
        const received = i.household?.receivedMonthlyFen ?? 0;
        const highest = Math.max(0, ...d.benefits.map((b) => b.standardFen));
        return (
          d.benefits.every((b) => b.monthlyFen >= 0 && b.monthlyFen <= b.standardFen) &&
          d.benefits
            .filter((b) => !b.topUp)
            .every((b) => b.monthlyFen === Math.max(0, b.standardFen - received)) &&
          d.monthlyTotalFen === d.benefits.reduce((s, b) => s + b.monthlyFen, 0) &&
          d.monthlyTotalFen <= highest
        );
      }),
    );
  });

  it('facts not yet in force (since > asOf) are ignored', () => {
    const future = fc.array(
      fc.record({
        kind: fc.constantFrom(...PARENT_CONDITION_KINDS),
        since: fc.integer({ min: 1, max: 900 }).map(offset),
      }),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(input, future, future, (i, f, m) => {
        const later: ChildFactsInput = {
          ...i,
          parents: (i.parents ?? []).map((p) => ({
            ...p,
            conditions: [...(p.conditions ?? []), ...(p.role === 'father' ? f : m)],
          })),
          child: { ...i.child, hardships: [{ kind: 'accident', since: offset(10) }] },
        };
        const a = run(i);
        const b = run(later);
        return JSON.stringify([a.categories, a.benefits]) === JSON.stringify([b.categories, b.benefits]);
      }),
    );
  });

  it('every determination matches the interchange schema, with sorted categories', () => {
    fc.assert(
      fc.property(input, (i) => {
        const d = run(i);
        Determination.parse(d);
        return JSON.stringify(d.categories) === JSON.stringify([...d.categories].sort());
      }),
    );
  });
});
