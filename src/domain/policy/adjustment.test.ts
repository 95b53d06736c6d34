import { describe, expect, it } from 'vitest';
import { PACKS } from '../eligibility/test-support.ts';
import { monthlyIncrementFen, proposeAdjustment } from './adjustment.ts';
import { findPackVersion, selectPack } from './resolve.ts';

const wuzhong = findPackVersion(PACKS, 'cn-640300', '2025-07-01');

describe('dynamic adjustment (宁政发〔2017〕86号 §三(一), seed 002)', () => {
  it('seed 002: growth × 80% / 60% / 50% ÷ 12, rounded to the yuan', () => {
    // growth 1,000 yuan: 800/12 = 66.67 → 67; 600/12 = 50; 500/12 = 41.67 → 42
    expect(monthlyIncrementFen(100000, 80)).toBe(6700);
    expect(monthlyIncrementFen(100000, 60)).toBe(5000);
    expect(monthlyIncrementFen(100000, 50)).toBe(4200);
    expect(monthlyIncrementFen(-100, 80)).toBe(0);
  });

  it('seed 002: proposes a new Wuzhong version with raised standards, not active until approved', () => {
    if (!wuzhong) throw new Error('pack missing');
    const r = proposeAdjustment(wuzhong, {
      lastYearIncomeYuan: '17500',
      yearBeforeIncomeYuan: '16500',
      effectiveFrom: '2026-01-01',
    });
    expect(r.increments).toEqual({ institution: 6700, scattered: 5000, fuc: 4200 });
    expect(r.proposal).toMatchObject({
      id: 'cn-640300',
      version: '2026-01-01',
      status: 'proposed',
      standards: {
        'orphan-allowance': { institution: 166700, scattered: 125000 },
        'fuc-allowance': { scattered: 124200 },
        'hiv-allowance': { institution: 166700, scattered: 125000 },
      },
    });
    expect(r.explanations[0]?.text).toBe('农村居民人均可支配收入由16500.00元增至17500.00元，增长1000.00元');
    expect(r.warnings[0]).toContain('民发〔2019〕62号');
    const packs = [...PACKS, r.proposal];
    expect(selectPack(packs, '640302', '2026-02-01')?.version).toBe('2025-01-01');
    expect(
      selectPack([...PACKS, { ...r.proposal, status: 'approved' }], '640302', '2026-02-01')?.version,
    ).toBe('2026-01-01');
  });
});
