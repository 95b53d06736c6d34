import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { entitlementDetail, entitlementForMonth } from './entitlement.ts';
import { dead, FUC, monthRange, ORPHAN, PACKS, prison, record } from './test-support.ts';

const NOW = '2026-01-01T00:00:00Z';
const paid = (r: ReturnType<typeof record>, from: string, to: string) =>
  monthRange(from, to).map((m) => ({
    month: m,
    fen: entitlementForMonth(r, m, PACKS, NOW).reduce((s, l) => s + l.amountFen, 0),
  }));

describe('start month (R10)', () => {
  it('a child confirmed on 2025-01-15 is first paid for 2025-02', () => {
    const r = record({ ...FUC, confirmedOn: '2025-01-15' });
    expect(entitlementForMonth(r, '2025-01', PACKS, NOW)).toEqual([]);
    expect(entitlementDetail(r, '2025-01', PACKS, NOW).notes[0]?.text).toContain('自2025年2月起发放');
    expect(entitlementForMonth(r, '2025-02', PACKS, NOW)).toMatchObject([
      { item: 'fuc-allowance', amountFen: 120000, kind: 'regular', month: '2025-02', forMonth: '2025-02' },
    ]);
  });

  it('nothing is due before the first fact version was recorded', () => {
    expect(entitlementForMonth(record(FUC), '2025-02', PACKS, '2024-11-30T00:00:00Z')).toEqual([]);
  });
});

describe('one line per child, item and paying county', () => {
  it('a 吴忠 FUC child is paid 1200 yuan by the 户籍 county, with the reason and its basis', () => {
    const [line, ...rest] = entitlementForMonth(record(FUC), '2025-03', PACKS, NOW);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({
      childId: 'c1',
      item: 'fuc-allowance',
      placement: 'scattered',
      category: 'de-facto-unsupported',
      amountFen: 120000,
      payingRegion: '640302',
      hukouRegion: '640302100',
      source: '',
      id: 'c1|2025-03|fuc-allowance|640302|regular|',
    });
    expect(line?.explanation.text).toMatch(
      /^2025年3月发放事实无人抚养儿童基本生活补贴1200\.00元（.*事实无人抚养/,
    );
    expect(line?.explanation.basis).toContain('民发〔2019〕62号');
  });

  it('an institution-placed orphan is paid the institution standard, 1600 yuan', () => {
    const r = record({ ...ORPHAN, child: { placement: 'institution' } });
    expect(entitlementForMonth(r, '2025-03', PACKS, NOW)).toMatchObject([
      { item: 'orphan-allowance', placement: 'institution', amountFen: 160000 },
    ]);
  });

  it('one allowance: an HIV-infected orphan gets one living allowance, not two', () => {
    const r = record({ ...ORPHAN, child: { hiv: true } });
    const lines = entitlementForMonth(r, '2025-03', PACKS, NOW);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ item: 'orphan-allowance', amountFen: 120000 });
  });

  it('补差: a FUC child already receiving 低保 of 300 yuan is paid 900 of the 1200 standard', () => {
    const r = record({ ...FUC, household: { assistance: 'dibao', receivedMonthlyFen: 30000 } });
    const [line] = entitlementForMonth(r, '2025-03', PACKS, NOW);
    expect(line?.amountFen).toBe(90000);
    expect(line?.explanation.text).toContain('补差发放900.00元');
  });

  it('补差: assistance at or above the standard leaves no line at all', () => {
    const r = record({ ...FUC, household: { assistance: 'tekun', receivedMonthlyFen: 130000 } });
    expect(entitlementForMonth(r, '2025-03', PACKS, NOW)).toEqual([]);
  });

  it('migrant top-up: the 户籍 county pays its standard, the residence county the difference', () => {
    const r = record({ ...FUC, child: { residenceRegion: '110115', residentSince: '2023-01-01' } });
    const lines = entitlementForMonth(r, '2025-03', PACKS, NOW);
    expect(lines.map((l) => [l.item, l.payingRegion, l.amountFen])).toEqual([
      ['fuc-allowance', '640302', 120000],
      ['fuc-allowance', '110115', 145000],
    ]);
    expect(new Set(lines.map((l) => l.id)).size).toBe(2);
    expect(lines[1]?.explanation.text).toContain('由居住地补差发放');
  });
});

describe('exit month and 渐退期 (R18, R19)', () => {
  it('age 18 out of school: paid through the six gradual-exit months, then stops', () => {
    const r = record({ ...FUC, birthDate: '2007-03-12', child: { schooling: 'none' } });
    expect(paid(r, '2025-02', '2025-10')).toEqual([
      ...monthRange('2025-02', '2025-09').map((month) => ({ month, fen: 120000 })),
      { month: '2025-10', fen: 0 },
    ]);
    const [april] = entitlementForMonth(r, '2025-04', PACKS, NOW);
    expect(april?.explanation.text).toContain('渐退期第1个月（共6个月）');
    expect(entitlementDetail(r, '2025-10', PACKS, NOW).notes[0]?.text).toContain('发放至2025-09');
  });

  it('first-of-month rule: a child turning 18 on 1 April has April as the event month', () => {
    const r = record({ ...FUC, birthDate: '2007-04-01', child: { schooling: 'none' } });
    const fen = paid(r, '2025-03', '2025-11');
    expect(fen.filter((m) => m.fen > 0).map((m) => m.month)).toEqual(monthRange('2025-03', '2025-10'));
    expect(entitlementForMonth(r, '2025-04', PACKS, NOW)[0]?.explanation.text).toContain('退出事件当月');
  });

  it('age 18 still in school: paid on, no exit', () => {
    const r = record({ ...FUC, birthDate: '2007-03-12', child: { schooling: 'high-school' } });
    expect(paid(r, '2025-10', '2025-12').every((m) => m.fen === 120000)).toBe(true);
  });

  it('death: no 渐退期, paid for the month of death and stopped from the next month', () => {
    const r = record({
      ...FUC,
      exit: { reason: 'died', eventDate: '2025-02-10', recordedAt: '2025-02-20T00:00:00Z' },
    });
    expect(paid(r, '2025-01', '2025-04').map((m) => m.fen)).toEqual([120000, 120000, 0, 0]);
    expect(entitlementDetail(r, '2025-03', PACKS, NOW).notes[0]?.text).toBe(
      '2025-02-10死亡，自2025-03起停发',
    );
  });

  it('a parent released from prison: six gradual-exit months after the release month', () => {
    const r = record({ father: FUC.father, mother: [prison('2020-01-01', '2025-05-10')] });
    const fen = paid(r, '2025-04', '2025-12');
    expect(fen.filter((m) => m.fen > 0).map((m) => m.month)).toEqual(monthRange('2025-04', '2025-11'));
  });

  it('a recorded exit with a 渐退期 pays the allowance of the event month', () => {
    const r = record({
      ...FUC,
      exit: { reason: 'family-improved', eventDate: '2025-03-20', recordedAt: '2025-03-25T00:00:00Z' },
    });
    expect(paid(r, '2025-03', '2025-10').map((m) => m.fen)).toEqual([...Array(7).fill(120000), 0]);
  });

  it('an exit recorded later is not known to a payroll computed before it', () => {
    const r = record({
      ...FUC,
      exit: { reason: 'died', eventDate: '2025-02-10', recordedAt: '2025-04-20T00:00:00Z' },
    });
    expect(entitlementForMonth(r, '2025-03', PACKS, '2025-03-25T00:00:00Z')).toHaveLength(1);
    expect(entitlementForMonth(r, '2025-03', PACKS, '2025-04-21T00:00:00Z')).toEqual([]);
  });

  it('recognition as an orphan switches a FUC child to the orphan allowance from the next month', () => {
    const r = record({
      father: FUC.father,
      mother: [
        { kind: 'lost-contact', since: '2020-01-01' },
        { kind: 'declared-dead', since: '2025-05-20' },
      ],
    });
    expect(entitlementForMonth(r, '2025-05', PACKS, NOW)[0]?.item).toBe('fuc-allowance');
    expect(entitlementForMonth(r, '2025-06', PACKS, NOW)[0]?.item).toBe('orphan-allowance');
  });
});

describe('school-year grants (大兴)', () => {
  const daxing = { hukou: '110115001' };

  it('an orphan in school gets 10,000 yuan in September only, besides the monthly allowance', () => {
    const r = record({ ...daxing, ...ORPHAN });
    const sep = entitlementForMonth(r, '2025-09', PACKS, NOW);
    expect(sep.map((l) => [l.item, l.amountFen, l.payingRegion])).toEqual([
      ['orphan-allowance', 265000, '110115'],
      ['school-year-grant', 1000000, '110115'],
    ]);
    expect(sep[1]?.explanation.text).toContain('2025—2026学年助学金10000.00元');
    for (const m of ['2025-08', '2025-10'])
      expect(entitlementForMonth(r, m, PACKS, NOW).map((l) => l.item)).toEqual(['orphan-allowance']);
  });

  it('a FUC child in school gets 8,000 yuan; a child out of school gets none', () => {
    const fuc = record({ ...daxing, ...FUC });
    expect(
      entitlementForMonth(fuc, '2025-09', PACKS, NOW).find((l) => l.item === 'school-year-grant'),
    ).toMatchObject({
      amountFen: 800000,
      category: 'de-facto-unsupported',
    });
    const out = record({ ...daxing, ...FUC, child: { schooling: 'none' } });
    expect(entitlementForMonth(out, '2025-09', PACKS, NOW).map((l) => l.item)).toEqual(['fuc-allowance']);
  });

  it('吴忠 has no school-year grant', () => {
    expect(entitlementForMonth(record(ORPHAN), '2025-09', PACKS, NOW)).toHaveLength(1);
  });
});

describe('a pack without amounts cannot be paid', () => {
  it('a 吴忠 child in 2024 (宁夏 pack, no standards) is refused with the missing standard named', () => {
    const run = () => entitlementForMonth(record(FUC), '2024-06', PACKS, NOW);
    expect(run).toThrow(AppError);
    expect(run).toThrow(/2024年6月无法发放：政策包 cn-640000 未设定/);
  });

  it('a child who qualifies for nothing is not an error: no lines, with the reason', () => {
    const r = record({ father: [dead()] });
    expect(entitlementForMonth(r, '2025-03', PACKS, NOW)).toEqual([]);
    expect(entitlementDetail(r, '2025-03', PACKS, NOW).notes[0]?.text).toContain('2025年3月不予发放');
  });
});
