import { describe, expect, it } from 'vitest';
import { Determination } from './determination.ts';
import { INTERCHANGE_EXAMPLE } from './example.ts';
import { evaluate, evaluateJson } from './evaluate.ts';
import { dead, facts, PACKS, type FactsOptions } from './test-support.ts';

const determination = (o: FactsOptions) => evaluate(facts(o), PACKS);
const orphan = { father: [dead()], mother: [dead('2021-03-15')] };
const fucParents = {
  father: [dead()],
  mother: [{ kind: 'imprisoned' as const, since: '2023-01-01', until: '2030-01-01' }],
};

describe('the interchange.md §1 example', () => {
  const example = INTERCHANGE_EXAMPLE;

  it('R2/R12: Wuzhong 640302, both parents deceased, kinship → orphan at the scattered standard 1200 yuan', () => {
    const r = evaluateJson(example, PACKS, '2025-07-01');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = r.value;
    expect(Determination.parse(d)).toEqual(d);
    expect(d).toMatchObject({
      asOf: '2025-07-01',
      policy: { id: 'cn-640300', version: '2025-01-01' },
      age: 10,
      categories: ['orphan'],
      benefits: [
        { code: 'orphan-allowance', placement: 'scattered', standardFen: 120000, monthlyFen: 120000 },
      ],
      monthlyTotalFen: 120000,
      warnings: [],
    });
    expect(d.explanations[0]).toEqual({
      rule: 'orphan',
      text: '父母双方死亡，认定为孤儿',
      basis: '国办发〔2010〕54号',
    });
  });

  it('the same facts without `policy` select the same pack by the 户籍 code; cn-6403 is the same pack', () => {
    const { policy: _policy, ...rest } = example;
    const auto = evaluateJson(rest, PACKS, '2025-07-01');
    const short = evaluateJson({ ...example, policy: 'cn-6403' }, PACKS, '2025-07-01');
    expect(auto.ok && auto.value.policy).toEqual({ id: 'cn-640300', version: '2025-01-01' });
    expect(short.ok && short.value.policy.id).toBe('cn-640300');
  });

  it('an unknown policy pack is an issue on `policy`, not a crash', () => {
    const r = evaluateJson({ ...example, policy: 'cn-990000' }, PACKS, '2025-07-01');
    expect(r).toEqual({
      ok: false,
      issues: [{ path: 'policy', message: expect.stringContaining('cn-990000') }],
    });
  });
});

describe('standards and placement', () => {
  it('R2: an orphan in an institution is paid the institution standard (Wuzhong 1600)', () => {
    const d = determination({ ...orphan, child: { placement: 'institution' } });
    expect(d.benefits).toEqual([
      { code: 'orphan-allowance', placement: 'institution', standardFen: 160000, monthlyFen: 160000 },
    ]);
  });

  it('R12: the FUC allowance equals the local scattered-orphan standard', () => {
    expect(determination(fucParents).benefits).toEqual([
      { code: 'fuc-allowance', placement: 'scattered', standardFen: 120000, monthlyFen: 120000 },
    ]);
  });

  it('R12: a FUC child in an institution is paid the scattered standard when the pack sets no institution FUC standard', () => {
    const d = determination({ ...fucParents, child: { placement: 'institution' } });
    expect(d.benefits[0]).toMatchObject({
      code: 'fuc-allowance',
      placement: 'scattered',
      standardFen: 120000,
    });
  });

  it('R16: an HIV-infected child is paid the orphan standard in full, by placement', () => {
    expect(determination({ child: { hiv: true } }).benefits[0]).toMatchObject({
      code: 'hiv-allowance',
      placement: 'scattered',
      standardFen: 120000,
    });
    expect(determination({ child: { hiv: true, placement: 'institution' } }).benefits[0]).toMatchObject({
      code: 'hiv-allowance',
      standardFen: 160000,
    });
  });

  it('one living allowance only: an HIV-infected orphan gets the orphan allowance once', () => {
    const d = determination({ ...orphan, child: { hiv: true } });
    expect(d.categories).toEqual(['hiv-infected', 'orphan']);
    expect(d.benefits).toHaveLength(1);
    expect(d.benefits[0]?.code).toBe('orphan-allowance');
    expect(d.explanations.map((e) => e.rule)).toContain('one-allowance');
  });

  it('a pack without amounts derives categories, pays nothing and names the missing standard', () => {
    const d = determination({ ...fucParents, hukou: '150302' });
    expect(d.policy.id).toBe('cn-150300');
    expect(d.categories).toEqual(['de-facto-unsupported']);
    expect(d.benefits).toEqual([]);
    expect(d.monthlyTotalFen).toBe(0);
    expect(d.warnings).toContain('政策包 cn-150300 未设定事实无人抚养儿童基本生活补贴标准');
    expect(determination({ ...orphan, hukou: '150302' }).warnings).toContain(
      '政策包 cn-150300 未设定散居孤儿基本生活费标准',
    );
  });
});

describe('R13 补差 and R14/R15 interplay with 低保 and 特困', () => {
  it('R13: a child already receiving 300 yuan of 低保 gets the difference 900 yuan', () => {
    const d = determination({ ...fucParents, household: { assistance: 'dibao', receivedMonthlyFen: 30000 } });
    expect(d.benefits[0]).toMatchObject({ standardFen: 120000, monthlyFen: 90000 });
    expect(d.monthlyTotalFen).toBe(90000);
    expect(d.explanations.find((e) => e.rule === 'partial-payment')?.text).toContain('补差发放900.00元');
  });

  it('R13: receiving at least the standard leaves nothing to pay, never a negative amount', () => {
    const d = determination({
      ...fucParents,
      household: { assistance: 'tekun', receivedMonthlyFen: 150000 },
    });
    expect(d.benefits[0]).toMatchObject({ monthlyFen: 0 });
    expect(d.monthlyTotalFen).toBe(0);
  });

  it('R14: a 低保 household with nothing recorded as received is paid in full, and the gap is flagged', () => {
    const d = determination({ ...orphan, household: { assistance: 'dibao' } });
    expect(d.benefits[0]?.monthlyFen).toBe(120000);
    expect(d.warnings.some((w) => w.includes('未填写儿童已享受的救助金额'))).toBe(true);
  });

  it('R15: a 特困 child choosing the orphan/FUC allowance is warned that they stop being 特困', () => {
    const d = determination({ ...orphan, household: { assistance: 'tekun', receivedMonthlyFen: 50000 } });
    expect(d.warnings.some((w) => w.includes('不再认定为特困人员'))).toBe(true);
  });
});

describe('Daxing 2024 (seed 003)', () => {
  it('orphans and FUC children are paid 2650 yuan', () => {
    expect(determination({ ...orphan, hukou: '110115' }).monthlyTotalFen).toBe(265000);
    expect(determination({ ...fucParents, hukou: '110115' }).monthlyTotalFen).toBe(265000);
  });

  it('R21: a disabled child of a 低保边缘 (poor) family is paid 40% of the orphan standard = 1060 yuan', () => {
    const d = determination({
      hukou: '110115',
      child: { disability: { kind: 'physical', grade: 3 } },
      household: { assistance: 'dibao-edge' },
    });
    expect(d.categories).toEqual(['self-hardship']);
    expect(d.benefits).toEqual([
      { code: 'hardship-allowance', placement: 'scattered', standardFen: 106000, monthlyFen: 106000 },
    ]);
  });

  it('a seriously ill child of a family that is not poor gets no hardship allowance', () => {
    const d = determination({ hukou: '110115', child: { seriousIllness: '白血病' } });
    expect(d.benefits).toEqual([]);
  });
});

describe('adoption and age 18', () => {
  it('R18: an adopted child is no longer an orphan and is not paid', () => {
    const d = determination({ ...orphan, child: { placement: 'adopted' } });
    expect(d.categories).toEqual([]);
    expect(d.benefits).toEqual([]);
    expect(d.explanations.map((e) => e.rule)).toContain('adopted');
  });

  it('R18: past 18 and still at college, an orphan keeps the benefit until graduation', () => {
    const d = determination({ ...orphan, birthDate: '2007-03-12', child: { schooling: 'college' } });
    expect(d.age).toBe(18);
    expect(d.categories).toEqual(['orphan']);
    expect(d.monthlyTotalFen).toBe(120000);
    expect(d.explanations.find((e) => e.rule === 'age-18-in-school')?.text).toBe(
      '2025-03-12年满18周岁，仍在校就读，继续保障至毕业',
    );
  });

  it('R18: a postgraduate past 18 is not covered', () => {
    expect(
      determination({ ...orphan, birthDate: '2007-03-12', child: { schooling: 'postgraduate' } }).categories,
    ).toEqual([]);
  });

  it('R22: for a 特困 household only compulsory, high school and vocational schooling continue past 18', () => {
    const o = { ...orphan, birthDate: '2006-01-01', household: { assistance: 'tekun' as const } };
    expect(determination({ ...o, child: { schooling: 'vocational' } }).categories).toEqual([
      'family-hardship',
      'orphan',
    ]);
    expect(determination({ ...o, child: { schooling: 'college' } }).categories).toEqual([]);
  });
});

describe('migrant top-up (补差发放 where the child lives, seed 000)', () => {
  const living = { residenceRegion: '110115', residentSince: '2024-01-01' };

  it('a Wuzhong orphan living in Daxing for 6 months is topped up to Daxing’s 2650 yuan by Daxing', () => {
    const d = determination({ ...orphan, child: living });
    expect(d.benefits).toEqual([
      { code: 'orphan-allowance', placement: 'scattered', standardFen: 120000, monthlyFen: 120000 },
      {
        code: 'orphan-allowance',
        placement: 'scattered',
        standardFen: 265000,
        monthlyFen: 145000,
        topUp: true,
        policy: { id: 'cn-110115', version: '2024-01-01' },
      },
    ]);
    expect(d.monthlyTotalFen).toBe(265000);
  });

  it('never double: with 300 yuan already received, the total is the higher standard minus it', () => {
    const d = determination({
      ...orphan,
      child: living,
      household: { assistance: 'dibao', receivedMonthlyFen: 30000 },
    });
    expect(d.monthlyTotalFen).toBe(235000);
  });

  it('no top-up before 6 months of residence, or where the residence standard is lower', () => {
    expect(
      determination({ ...orphan, child: { ...living, residentSince: '2025-01-02' } }).benefits,
    ).toHaveLength(1);
    const back = determination({
      ...orphan,
      hukou: '110115',
      child: { residenceRegion: '640302', residentSince: '2020-01-01' },
    });
    expect(back.benefits).toHaveLength(1);
    expect(back.monthlyTotalFen).toBe(265000);
  });
});
