import { describe, expect, it } from 'vitest';
import { proposeAdjustment } from '../policy/adjustment.ts';
import { forecast } from './forecast.ts';
import { FUC, ORPHAN, PACKS, record } from './test-support.ts';

const wuzhong = PACKS.find((p) => p.id === 'cn-640300');
if (!wuzhong) throw new Error('吴忠 pack missing');
// Income growth of 1200 yuan: +80 / +60 / +50 yuan a month (seed 002).
const { proposal } = proposeAdjustment(wuzhong, {
  lastYearIncomeYuan: '17200',
  yearBeforeIncomeYuan: '16000',
  effectiveFrom: '2026-01-01',
});

const children = [
  record({ ...ORPHAN, childId: 'a', child: { placement: 'institution' } }),
  record({ ...ORPHAN, childId: 'b' }),
  record({ ...FUC, childId: 'c' }),
  // Turns 18 on 2026-03-12 out of school: paid through September (渐退期).
  record({ ...FUC, childId: 'd', birthDate: '2008-03-12', child: { schooling: 'none' } }),
];

describe('budget forecast', () => {
  const f = forecast(children, 2026, PACKS, proposal);

  it('costs next year month by month under the packs in force', () => {
    expect(f.current.months).toHaveLength(12);
    expect(f.current.months[0]).toEqual({
      month: '2026-01',
      totalFen: 160000 + 3 * 120000,
      byItem: { 'fuc-allowance': 240000, 'orphan-allowance': 280000 },
    });
    expect(f.current.months[11]?.totalFen).toBe(160000 + 2 * 120000);
    expect(f.current.totalFen).toBe(12 * 400000 + 9 * 120000);
  });

  it('costs the proposed standards as if approved, without approving them for the current case', () => {
    expect(proposal.status).toBe('proposed');
    expect(f.proposed?.months[0]?.byItem).toEqual({
      'fuc-allowance': 2 * 125000,
      'orphan-allowance': 168000 + 126000,
    });
    expect(f.proposed?.totalFen).toBe(12 * (168000 + 126000 + 125000) + 9 * 125000);
    expect(f.differenceFen).toBe((f.proposed?.totalFen ?? 0) - f.current.totalFen);
    expect(forecast(children, 2026, PACKS).proposed).toBeUndefined();
  });
});
