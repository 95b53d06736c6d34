import { describe, expect, it } from 'vitest';
import { getPack } from '../policy/resolve.ts';
import { benefitStartMonth, detectExit, exitSchedule } from './exits.ts';
import { dead, facts, PACKS, type FactsOptions } from './test-support.ts';

const wz = getPack(PACKS, 'cn-640300', '2025-07-01');
const prison = (until: string) => ({ kind: 'imprisoned' as const, since: '2023-01-01', until });

describe('start (R10)', () => {
  it('R10: benefits start the month after county confirmation', () => {
    expect(benefitStartMonth('2025-07-15')).toBe('2025-08');
    expect(benefitStartMonth('2025-12-31')).toBe('2026-01');
  });
});

describe('exit schedule (R18, R19)', () => {
  it('R18: death ends payment from the next month, without a gradual-exit period', () => {
    expect(exitSchedule('died', '2025-07-15', wz)).toMatchObject({
      lastPaidMonth: '2025-07',
      gradualExitMonths: 0,
    });
  });
  it('R18: adoption ends payment from the next month, without a gradual-exit period', () => {
    expect(exitSchedule('adopted', '2025-07-31', wz)).toMatchObject({
      lastPaidMonth: '2025-07',
      gradualExitMonths: 0,
    });
  });
  it.each([
    'age-18',
    'graduated',
    'parent-resumed-care',
    'parent-released',
    'family-improved',
    'recovered',
  ] as const)('R19: %s keeps paying for the 6-month gradual-exit period', (reason) => {
    expect(exitSchedule(reason, '2025-03-12', wz)).toMatchObject({
      lastPaidMonth: '2025-09',
      gradualExitMonths: 6,
    });
  });
  it('R19: the gradual-exit length is a pack parameter', () => {
    expect(exitSchedule('recovered', '2025-03-12', { ...wz, gradualExitMonths: 3 }).lastPaidMonth).toBe(
      '2025-06',
    );
  });
  it('R18: recognition as an orphan switches FUC to orphan from the next month', () => {
    expect(exitSchedule('recognized-orphan', '2025-05-20', wz)).toMatchObject({
      lastPaidMonth: '2025-05',
      switchToOrphanFrom: '2025-06',
    });
  });
});

describe('detectExit between two dated fact sets', () => {
  const fuc: FactsOptions = { father: [dead()], mother: [prison('2025-05-10')] };

  it('seed 004 §一(一)5: a parent released from prison → parent-released on the release date, 6 months more', () => {
    const e = detectExit(facts({ ...fuc, asOf: '2025-04-01' }), facts({ ...fuc, asOf: '2025-06-01' }), PACKS);
    expect(e).toMatchObject({ reason: 'parent-released', eventDate: '2025-05-10', lastPaidMonth: '2025-11' });
  });

  it('seed 004 §一(一)1: turning 18 out of school → age-18 on the birthday, 6 months more', () => {
    const o = {
      ...fuc,
      birthDate: '2007-03-12',
      father: [dead()],
      mother: [prison('2035-01-01')],
      child: { schooling: 'none' as const },
    };
    const e = detectExit(facts({ ...o, asOf: '2025-03-01' }), facts({ ...o, asOf: '2025-04-01' }), PACKS);
    expect(e).toMatchObject({
      reason: 'age-18',
      eventDate: '2025-03-12',
      eventMonth: '2025-03',
      lastPaidMonth: '2025-09',
    });
  });

  it('seed 004 §一(一)1: an 18-year-old who leaves college → graduated', () => {
    const o = { birthDate: '2006-01-01', father: [dead()], mother: [dead()] };
    const e = detectExit(
      facts({ ...o, asOf: '2025-06-01', child: { schooling: 'college' } }),
      facts({ ...o, asOf: '2025-08-01', child: { schooling: 'none' } }),
      PACKS,
    );
    expect(e?.reason).toBe('graduated');
  });

  it('seed 004 §一(一)3: adoption → adopted, no gradual exit', () => {
    const o = { father: [dead()], mother: [dead()] };
    const e = detectExit(
      facts({ ...o, asOf: '2025-05-01' }),
      facts({ ...o, asOf: '2025-06-10', child: { placement: 'adopted' } }),
      PACKS,
    );
    expect(e).toMatchObject({ reason: 'adopted', lastPaidMonth: '2025-06', gradualExitMonths: 0 });
  });

  it('seed 004 §一(一)3: a Ningxia 监护困境 child who is adopted exits as adopted', () => {
    const o = { father: [dead()], mother: [{ kind: 'remarried' as const, since: '2020-01-01' }] };
    const e = detectExit(
      facts({ ...o, asOf: '2025-05-01' }),
      facts({ ...o, asOf: '2025-06-10', child: { placement: 'adopted' } }),
      PACKS,
    );
    expect(e).toMatchObject({ reason: 'adopted', lastPaidMonth: '2025-06', gradualExitMonths: 0 });
  });

  it('R18: a FUC child whose lost parent is declared dead is recognised as an orphan', () => {
    const before = facts({
      asOf: '2025-05-01',
      father: [dead()],
      mother: [{ kind: 'lost-contact', since: '2020-01-01' }],
    });
    const after = facts({
      asOf: '2025-06-01',
      father: [dead()],
      mother: [{ kind: 'declared-dead', since: '2025-05-20' }],
    });
    expect(detectExit(before, after, PACKS)).toMatchObject({
      reason: 'recognized-orphan',
      switchToOrphanFrom: '2025-06',
    });
  });

  it('R18: a death recorded late (both fact sets on the same day) dates the switch by the death', () => {
    const asOf = '2025-06-03';
    const before = facts({ asOf, father: [dead()], mother: [prison('2032-01-01')] });
    const after = facts({ asOf, father: [dead()], mother: [{ kind: 'deceased', since: '2025-05-24' }] });
    expect(detectExit(before, after, PACKS)).toMatchObject({
      reason: 'recognized-orphan',
      eventDate: '2025-05-24',
      switchToOrphanFrom: '2025-06',
    });
  });

  it('seed 004 §一(一)7: a parent’s illness cured → recovered', () => {
    const ill = { kind: 'serious-illness' as const, since: '2020-01-01', illness: '白血病' };
    const e = detectExit(
      facts({ asOf: '2025-05-01', father: [dead()], mother: [ill] }),
      facts({ asOf: '2025-06-01', father: [dead()], mother: [{ ...ill, until: '2025-05-15' }] }),
      PACKS,
    );
    expect(e).toMatchObject({ reason: 'recovered', eventDate: '2025-05-15' });
  });

  it('seed 004 §一(一)4: a lost parent who resumes care → parent-resumed-care', () => {
    const e = detectExit(
      facts({
        asOf: '2025-05-01',
        father: [dead()],
        mother: [{ kind: 'lost-contact', since: '2020-01-01' }],
      }),
      facts({ asOf: '2025-06-01', father: [dead()], mother: [] }),
      PACKS,
    );
    expect(e?.reason).toBe('parent-resumed-care');
  });

  it('seed 004 §一(一)6: a poor family that leaves 低保 → family-improved', () => {
    const e = detectExit(
      facts({ asOf: '2025-05-01', household: { assistance: 'dibao' } }),
      facts({ asOf: '2025-06-01', household: { assistance: 'none' } }),
      PACKS,
    );
    expect(e?.reason).toBe('family-improved');
  });

  it('a move of 户籍 to another county → moved-away for the old county, even if still covered', () => {
    const o = { father: [dead()], mother: [dead()] };
    const e = detectExit(
      facts({ ...o, asOf: '2025-05-01' }),
      facts({ ...o, asOf: '2025-06-01', hukou: '130102' }),
      PACKS,
    );
    expect(e).toMatchObject({ reason: 'moved-away', lastPaidMonth: '2025-06', gradualExitMonths: 0 });
  });

  it('a child still covered has no exit', () => {
    expect(
      detectExit(facts({ ...fuc, asOf: '2025-03-01' }), facts({ ...fuc, asOf: '2025-04-01' }), PACKS),
    ).toBeUndefined();
  });
});
