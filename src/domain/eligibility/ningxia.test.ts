import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.ts';
import { dead, facts, PACKS, type FactsOptions } from './test-support.ts';

/** 宁政发〔2017〕86号 (seed 002) under the Wuzhong pack, which inherits Ningxia's taxonomy. */
const determination = (o: FactsOptions) => evaluate(facts(o), PACKS);
const categoriesOf = (o: FactsOptions) => determination(o).categories;
const c = (kind: string, extra: Record<string, unknown> = {}) =>
  ({ kind, since: '2020-01-01', ...extra }) as never;
const severe = c('severe-disability', { disability: { kind: 'physical', grade: 1 } });
const ill = c('serious-illness', { illness: '白血病' });
const shortPrison = { kind: 'imprisoned', since: '2025-03-01', until: '2025-08-01' } as never;

describe('seed 002 §二(一) 家庭困境', () => {
  it('seed 002 §二(一): one parent dead and the other seriously ill → family hardship', () => {
    expect(categoriesOf({ father: [dead()], mother: [ill] })).toContain('family-hardship');
  });
  it('seed 002 §二(一): both parents seriously ill or severely disabled → family hardship', () => {
    expect(categoriesOf({ father: [ill], mother: [severe] })).toContain('family-hardship');
  });
  it('seed 002 §二(一): family poverty (低保) → family hardship', () => {
    const d = determination({ household: { assistance: 'dibao' } });
    expect(d.categories).toEqual(['family-hardship']);
    expect(d.explanations[0]?.basis).toBe('宁政发〔2017〕86号 §二（一）');
  });
});

describe('seed 002 §二(二) 自身困境', () => {
  it('seed 002 §二(二): own disability → self hardship, with a reminder of the second-generation certificate', () => {
    const d = determination({ child: { disability: { kind: 'hearing', grade: 4 } } });
    expect(d.categories).toEqual(['self-hardship']);
    expect(d.warnings).toContain('自身残疾须持有残联核发的第二代残疾人证');
  });
  it('seed 002 §二(二): own serious illness on the list → self hardship', () => {
    expect(categoriesOf({ child: { seriousIllness: '先天性心脏病' } })).toEqual(['self-hardship']);
  });
});

describe('seed 002 §二(三) 监护困境', () => {
  it.each([
    ['one dead, the other remarried', [dead()], [c('remarried')]],
    ['one dead, the other in prison', [dead()], [shortPrison]],
    ['one missing, the other severely disabled', [c('declared-missing')], [severe]],
    ['one severely disabled, the other in prison', [severe], [shortPrison]],
    ['both in prison', [shortPrison], [shortPrison]],
  ])('seed 002 §二(三): %s → guardianship hardship', (_n, father, mother) => {
    expect(categoriesOf({ father: father as never, mother: mother as never })).toContain(
      'guardianship-hardship',
    );
  });
  it('seed 002 §二(三): abuse from improper guardianship → guardianship hardship', () => {
    expect(categoriesOf({ child: { guardianshipHarm: ['abuse'] } })).toEqual(['guardianship-hardship']);
  });
  it("民发〔2019〕62号 + 未保法 §95: adoption ends guardianship hardship, not the child's own hardship", () => {
    const adopted = determination({
      father: [dead()],
      mother: [c('remarried')],
      child: { placement: 'adopted', disability: { kind: 'hearing', grade: 4 } },
    });
    expect(adopted.categories).toEqual(['self-hardship']);
    expect(adopted.explanations.map((e) => e.rule)).toContain('adopted');
  });
  it('a pack whose taxonomy lacks the Ningxia categories never derives them (Daxing)', () => {
    expect(categoriesOf({ hukou: '110115', child: { guardianshipHarm: ['abuse'] } })).toEqual([]);
  });
});

describe('seed 002 §二(四) 临时困境', () => {
  it('seed 002 §二(四): an accident in force → temporary hardship', () => {
    expect(categoriesOf({ child: { hardships: [{ kind: 'accident', since: '2025-06-01' }] } })).toEqual([
      'temporary-hardship',
    ]);
  });
  it('seed 002 §二(四): a hardship that starts after asOf, or has ended, is ignored', () => {
    expect(categoriesOf({ child: { hardships: [{ kind: 'accident', since: '2025-07-02' }] } })).toEqual([]);
    expect(
      categoriesOf({
        child: { hardships: [{ kind: 'disaster', since: '2025-01-01', until: '2025-06-01' }] },
      }),
    ).toEqual([]);
  });
});

describe('seed 002 §三(一) benefits', () => {
  it('seed 002 §三(一): one parent missing and the other in prison under 6 months is paid at the FUC standard (not FUC itself)', () => {
    const d = determination({ father: [c('declared-missing')], mother: [shortPrison] });
    expect(d.categories).toEqual(['guardianship-hardship']);
    expect(d.benefits).toEqual([
      { code: 'hardship-allowance', placement: 'scattered', standardFen: 120000, monthlyFen: 120000 },
    ]);
    expect(d.explanations.find((e) => e.rule === 'hardship-allowance')?.basis).toContain(
      '按事实无人抚养孤儿标准执行',
    );
  });

  it('seed 002 §三(一): both parents severely disabled → FUC allowance once, not also a hardship allowance', () => {
    const d = determination({ father: [severe], mother: [severe] });
    expect(d.categories).toEqual(['de-facto-unsupported', 'family-hardship']);
    expect(d.benefits).toEqual([
      { code: 'fuc-allowance', placement: 'scattered', standardFen: 120000, monthlyFen: 120000 },
    ]);
  });

  it('seed 002 §三(一): a FUC child in temporary state care is paid the institution orphan standard', () => {
    const d = determination({
      father: [dead()],
      mother: [c('lost-contact')],
      child: { placement: 'temporary-care' },
    });
    expect(d.benefits).toEqual([
      { code: 'fuc-allowance', placement: 'institution', standardFen: 160000, monthlyFen: 160000 },
    ]);
  });

  it('seed 002 §三(一): an abused child in temporary state care gets the institution orphan standard', () => {
    const d = determination({ child: { guardianshipHarm: ['abuse'], placement: 'temporary-care' } });
    expect(d.benefits).toEqual([
      { code: 'hardship-allowance', placement: 'institution', standardFen: 160000, monthlyFen: 160000 },
    ]);
  });

  it('seed 002 §三(一): family poverty alone carries no living allowance from this system (低保 channel)', () => {
    expect(determination({ household: { assistance: 'dibao' } }).benefits).toEqual([]);
  });
});
