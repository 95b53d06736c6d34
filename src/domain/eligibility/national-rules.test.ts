import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { dead, facts, PACKS, type FactsOptions } from './test-support.ts';

/** National rules are tested under the national pack (a Hebei 户籍 has no local pack). */
const NATIONAL = '130102';
const determination = (o: FactsOptions) => evaluate(facts({ hukou: NATIONAL, ...o }), PACKS);
const categoriesOf = (o: FactsOptions) => determination(o).categories;
const cond = (kind: string, since = '2020-01-01', extra: Record<string, unknown> = {}) =>
  ({ kind, since, ...extra }) as never;

describe('R1 child = under 18 on the evaluated date', () => {
  it('R1: an orphan the day before the 18th birthday is still a child', () => {
    expect(
      categoriesOf({
        birthDate: '2007-07-02',
        father: [dead()],
        mother: [dead()],
        child: { schooling: 'none' },
      }),
    ).toEqual(['orphan']);
  });
  it('R1: on the 18th birthday (not in school) the child is no longer covered', () => {
    const d = determination({
      birthDate: '2007-07-01',
      father: [dead()],
      mother: [dead()],
      child: { schooling: 'none' },
    });
    expect(d.categories).toEqual([]);
    expect(d.age).toBe(18);
    expect(d.explanations.map((e) => e.rule)).toContain('age-18');
  });
});

describe('R2 orphan, all four ways (国办发〔2010〕54号)', () => {
  it.each([
    ['both parents dead', [dead()], [dead()], '父母双方死亡，认定为孤儿'],
    [
      'one dead, one declared missing',
      [dead()],
      [cond('declared-missing')],
      '父亲死亡、母亲宣告失踪，认定为孤儿',
    ],
    [
      'both declared missing',
      [cond('declared-missing')],
      [cond('declared-missing')],
      '父母双方宣告失踪，认定为孤儿',
    ],
    [
      'birth parents cannot be found',
      [{ kind: 'unknown' }],
      [{ kind: 'unknown' }],
      '查找不到生父母，认定为孤儿',
    ],
    [
      'one declared dead by a court, one dead',
      [cond('declared-dead')],
      [dead()],
      '父亲宣告死亡、母亲死亡，认定为孤儿',
    ],
  ])('R2: %s → orphan', (_name, father, mother, text) => {
    const d = determination({ father: father as never, mother: mother as never });
    expect(d.categories).toEqual(['orphan']);
    expect(d.explanations[0]).toEqual({ rule: 'orphan', text, basis: '国办发〔2010〕54号' });
  });

  it('R2: one parent dead and the other alive is not an orphan', () => {
    expect(categoriesOf({ father: [dead()], mother: [] })).toEqual([]);
  });

  it('R2: a missing parent entry is "not recorded", not dead', () => {
    expect(categoriesOf({ father: [dead()] })).toEqual([]);
  });
});

describe('R3/R4 FUC: eight circumstances, both branches (民发〔2019〕62号, 民发〔2020〕125号)', () => {
  const S = [
    ['重残', cond('severe-disability', '2020-01-01', { disability: { kind: 'physical', grade: 1 } })],
    ['重病', cond('serious-illness', '2020-01-01', { illness: '急性淋巴细胞白血病' })],
    ['服刑在押', cond('imprisoned', '2023-01-01', { until: '2030-01-01' })],
    ['强制隔离戒毒', cond('drug-rehab', '2024-01-01', { until: '2026-01-01' })],
    ['其他限制人身自由', cond('detained', '2025-01-01', { until: '2025-07-02' })],
    ['失联', cond('lost-contact', '2024-01-01')],
    ['被撤销监护资格', cond('guardianship-revoked', '2022-01-01')],
    ['被遣送（驱逐）出境', cond('deported', '2022-01-01')],
  ] as const;

  it.each(S)('R3: father dead and mother %s → FUC', (_name, c) => {
    expect(categoriesOf({ father: [dead()], mother: [c] })).toEqual(['de-facto-unsupported']);
  });

  it.each(S)('R3: mother declared missing and father %s → FUC', (_name, c) => {
    expect(categoriesOf({ father: [c], mother: [cond('declared-missing')] })).toEqual([
      'de-facto-unsupported',
    ]);
  });

  it.each(S)('R4: both parents in S (father %s, mother imprisoned) → FUC', (_name, c) => {
    expect(
      categoriesOf({ father: [c], mother: [cond('imprisoned', '2024-01-01', { until: '2029-01-01' })] }),
    ).toEqual(['de-facto-unsupported']);
  });

  it('R4: one parent in S and the other without any circumstance is not FUC', () => {
    expect(categoriesOf({ father: [cond('imprisoned', '2024-01-01')], mother: [] })).toEqual([]);
  });

  it('R4: orphan takes precedence — both dead is never also FUC', () => {
    expect(categoriesOf({ father: [dead(), cond('imprisoned', '2010-01-01')], mother: [dead()] })).toEqual([
      'orphan',
    ]);
  });

  it('R3: guardianship revoked and deported count only from 2021-01-01', () => {
    expect(
      categoriesOf({
        asOf: '2020-12-31',
        father: [dead()],
        mother: [cond('guardianship-revoked', '2019-01-01')],
      }),
    ).toEqual([]);
    expect(
      categoriesOf({ asOf: '2020-12-31', father: [dead()], mother: [cond('deported', '2019-01-01')] }),
    ).toEqual([]);
    const d = determination({
      asOf: '2021-01-01',
      father: [dead()],
      mother: [cond('deported', '2019-01-01')],
    });
    expect(d.categories).toEqual(['de-facto-unsupported']);
    expect(d.explanations[0]?.basis).toContain('民发〔2020〕125号');
  });
});

describe('R5 重残 and R6 重病', () => {
  it.each([
    ['physical', 2, true],
    ['physical', 3, false],
    ['visual', 4, false],
    ['intellectual', 3, true],
    ['mental', 4, true],
    ['multiple', 1, true],
    ['hearing', 3, false],
  ])('R5: %s grade %i is 重残 = %s', (kind, grade, expected) => {
    const got = categoriesOf({
      father: [dead()],
      mother: [cond('severe-disability', '2020-01-01', { disability: { kind, grade } })],
    });
    expect(got.includes('de-facto-unsupported')).toBe(expected);
  });

  it('R5: a disability without kind and grade cannot be judged and is flagged', () => {
    const d = determination({ father: [dead()], mother: [cond('severe-disability')] });
    expect(d.categories).toEqual([]);
    expect(d.warnings).toContain('母亲残疾未填写残疾类别和等级，无法判断是否重残');
  });

  it('R6: an illness on the pack list is 重病; one off the list is not, with a warning', () => {
    expect(
      categoriesOf({
        father: [dead()],
        mother: [cond('serious-illness', '2020-01-01', { illness: '尿毒症' })],
      }),
    ).toEqual(['de-facto-unsupported']);
    const d = determination({
      father: [dead()],
      mother: [cond('serious-illness', '2020-01-01', { illness: '感冒' })],
    });
    expect(d.categories).toEqual([]);
    expect(d.warnings[0]).toContain('不在政策包 cn 重病目录中');
  });
});

describe('R7 custody must last at least 6 months', () => {
  it('R7: custody of exactly 6 months counts toward FUC', () => {
    expect(
      categoriesOf({ father: [dead()], mother: [cond('imprisoned', '2025-01-15', { until: '2025-07-15' })] }),
    ).toEqual(['de-facto-unsupported']);
  });
  it('R7: custody shorter than 6 months does not count toward FUC', () => {
    expect(
      categoriesOf({ father: [dead()], mother: [cond('drug-rehab', '2025-01-15', { until: '2025-07-14' })] }),
    ).toEqual([]);
  });
  it('R7: custody without an end date is open-ended and counts, with a warning to check the judgment', () => {
    const d = determination({ father: [dead()], mother: [cond('detained', '2025-06-01')] });
    expect(d.categories).toEqual(['de-facto-unsupported']);
    expect(d.warnings.some((w) => w.includes('未填写截止'))).toBe(true);
  });
  it('R7: custody that has ended (until ≤ asOf) is not in force', () => {
    expect(
      categoriesOf({ father: [dead()], mother: [cond('imprisoned', '2020-01-01', { until: '2025-07-01' })] }),
    ).toEqual([]);
  });
});

describe('R8 失联 counts after 6 months from the police acceptance date', () => {
  it('R8: exactly 6 months after acceptance the parent counts as lost contact', () => {
    const d = determination({ father: [dead()], mother: [cond('lost-contact', '2025-01-01')] });
    expect(d.categories).toEqual(['de-facto-unsupported']);
    expect(d.warnings).toContain('母亲失联须提供《儿童失联父母查找情况回执单》');
  });
  it('R8: one day short of 6 months does not count yet', () => {
    const d = determination({ father: [dead()], mother: [cond('lost-contact', '2025-01-02')] });
    expect(d.categories).toEqual([]);
    expect(d.warnings).toContain('母亲失联自公安受理之日起未满6个月，暂不认定为失联');
  });
});

describe('R9 死亡 and 失踪', () => {
  it('R9: lost contact for years is not 失踪 — only a court declaration is', () => {
    expect(categoriesOf({ father: [dead()], mother: [cond('lost-contact', '2015-01-01')] })).toEqual([
      'de-facto-unsupported',
    ]);
    expect(categoriesOf({ father: [dead()], mother: [cond('declared-missing', '2015-01-01')] })).toEqual([
      'orphan',
    ]);
  });
});

describe('R16 HIV-infected children', () => {
  it('R16: an HIV-infected child is in the category regardless of parents', () => {
    expect(categoriesOf({ child: { hiv: true }, father: [], mother: [] })).toEqual(['hiv-infected']);
  });
});

describe('R23 left-behind (国发〔2016〕13号)', () => {
  const away = (since: string) => cond('working-away', since);
  it('R23: both parents working away across counties for 6 months → left-behind', () => {
    expect(categoriesOf({ father: [away('2025-01-01')], mother: [away('2024-06-01')] })).toEqual([
      'left-behind',
    ]);
  });
  it('R23: one away and the other without guardianship capacity → left-behind', () => {
    expect(categoriesOf({ father: [away('2024-01-01')], mother: [cond('no-guardian-capacity')] })).toEqual([
      'left-behind',
    ]);
  });
  it('R23: away for less than 6 months does not count', () => {
    expect(categoriesOf({ father: [away('2025-01-02')], mother: [away('2024-01-01')] })).toEqual([]);
  });
  it('R23: from the 16th birthday a child is no longer left-behind', () => {
    const o = { father: [away('2020-01-01')], mother: [away('2020-01-01')] };
    expect(categoriesOf({ ...o, birthDate: '2009-07-02' })).toEqual(['left-behind']);
    expect(categoriesOf({ ...o, birthDate: '2009-07-01' })).toEqual([]);
  });
});

describe('R24 migrant (policy definition)', () => {
  const child = (residenceRegion: string, residentSince?: string) => ({
    residenceRegion,
    ...(residentSince && { residentSince }),
  });
  it('R24: living in another county for 6 months → migrant', () => {
    expect(categoriesOf({ child: child('130104', '2025-01-01') })).toEqual(['migrant']);
  });
  it('R24: one day short of 6 months is not yet migrant', () => {
    expect(categoriesOf({ child: child('130104', '2025-01-02') })).toEqual([]);
  });
  it('R24: a move inside the 户籍 county is not migration', () => {
    expect(categoriesOf({ child: child('130102100200', '2020-01-01') })).toEqual([]);
  });
  it('R24: moves among Yinchuan’s three districts are excluded (Ningxia pack)', () => {
    expect(categoriesOf({ hukou: '640104', child: child('640105', '2020-01-01') })).toEqual([]);
  });
  it('R24: without a residence start date the child is not migrant and the gap is flagged', () => {
    const d = determination({ child: child('130104') });
    expect(d.categories).toEqual([]);
    expect(d.warnings[0]).toContain('未填写居住起始日期');
  });
  it('R24: migrant needs age under 16', () => {
    expect(categoriesOf({ birthDate: '2009-01-01', child: child('130104', '2020-01-01') })).toEqual([]);
  });
});
