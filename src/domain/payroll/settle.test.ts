import { describe, expect, it } from 'vitest';
import { entitlementForMonth } from './entitlement.ts';
import type { PayrollLine } from './line.ts';
import { reissue, settle } from './settle.ts';
import { FUC, monthRange, PACKS, packsWith, prison, record } from './test-support.ts';

type Record_ = ReturnType<typeof record>;

/** Runs the monthly payrolls from..to, each on the 25th of its month, as the server would. */
function runPayrolls(r: Record_, from: string, to: string, packs = PACKS, stored: PayrollLine[] = []) {
  for (const month of monthRange(from, to)) {
    const knownAt = `${month}-25T00:00:00Z`;
    stored.push(
      ...entitlementForMonth(r, month, packs, knownAt),
      ...settle(r, month, stored, packs, knownAt, { from }),
    );
  }
  return stored;
}

describe('corrections: back-pay and recovery', () => {
  it('a death recorded in April for February recovers March and April, with the reason', () => {
    const r = record({
      ...FUC,
      exit: { reason: 'died', eventDate: '2025-02-10', recordedAt: '2025-04-28T00:00:00Z' },
    });
    const stored = runPayrolls(r, '2025-01', '2025-04');
    expect(stored.every((l) => l.kind === 'regular' && l.amountFen === 120000)).toBe(true);
    const lines = settle(r, '2025-05', stored, PACKS, '2025-05-25T00:00:00Z', { from: '2025-01' });
    expect(lines.map((l) => [l.kind, l.forMonth, l.amountFen, l.month])).toEqual([
      ['recovery', '2025-03', -120000, '2025-05'],
      ['recovery', '2025-04', -120000, '2025-05'],
    ]);
    expect(lines[0]?.explanation.text).toBe(
      '2025年3月事实无人抚养儿童基本生活补贴应发0.00元，已发1200.00元，追回1200.00元（2025-02-10死亡，自2025-03起停发）',
    );
    expect(lines[0]?.id).toBe('c1|2025-05|fuc-allowance|640302|recovery|2025-03');
    expect(entitlementForMonth(r, '2025-05', PACKS, '2025-05-25T00:00:00Z')).toEqual([]);
  });

  it('a release recorded late recovers the months paid after the 渐退期 ended', () => {
    const r = record({
      ...FUC,
      versions: [['2025-09-28T00:00:00Z', { mother: [prison('2020-01-01', '2025-01-20')] }]],
    });
    const stored = runPayrolls(r, '2025-01', '2025-09');
    const lines = settle(r, '2025-10', stored, PACKS, '2025-10-25T00:00:00Z', { from: '2025-01' });
    // Released 2025-01-20: paid through 2025-07 (6 gradual-exit months); Aug and Sep were paid.
    expect(lines.map((l) => [l.kind, l.forMonth, l.amountFen])).toEqual([
      ['recovery', '2025-08', -120000],
      ['recovery', '2025-09', -120000],
    ]);
    expect(lines[0]?.explanation.text).toContain(
      '2025-01-20父（母）刑满释放或强制戒毒结束，渐退期6个月，发放至2025-07',
    );
  });

  it('a retroactive standard raise is back-paid for every month already paid at the old rate', () => {
    const raise = {
      id: 'cn-640300',
      name: '宁夏回族自治区吴忠市',
      jurisdiction: '640300',
      version: '2025-04-01',
      parent: 'cn-640000',
      sources: ['吴忠市标准调整（示例）'],
      standards: {
        'orphan-allowance': { institution: 170000, scattered: 130000 },
        'fuc-allowance': { scattered: 130000 },
        'hiv-allowance': { institution: 170000, scattered: 130000 },
      },
    };
    const r = record(FUC);
    const stored = runPayrolls(r, '2025-03', '2025-06');
    const lines = settle(r, '2025-07', stored, packsWith(raise), '2025-07-25T00:00:00Z', { from: '2025-03' });
    expect(lines.map((l) => [l.kind, l.forMonth, l.amountFen])).toEqual([
      ['back-pay', '2025-04', 10000],
      ['back-pay', '2025-05', 10000],
      ['back-pay', '2025-06', 10000],
    ]);
    expect(lines[0]?.explanation.text).toMatch(/^2025年4月.*应发1300\.00元，已发1200\.00元，补发100\.00元（/);
  });

  it('a child entered late is back-paid from the month after confirmation', () => {
    const r = record({ ...FUC, confirmedOn: '2025-01-15' });
    const lines = settle(r, '2025-04', [], PACKS, '2025-04-25T00:00:00Z');
    expect(lines.map((l) => [l.kind, l.forMonth, l.amountFen])).toEqual([
      ['back-pay', '2025-02', 120000],
      ['back-pay', '2025-03', 120000],
    ]);
  });

  it('`from` keeps history paid outside the system from being paid again', () => {
    expect(settle(record(FUC), '2025-04', [], PACKS, '2025-04-25T00:00:00Z', { from: '2025-04' })).toEqual(
      [],
    );
  });

  it('settling is deterministic and settles nothing twice', () => {
    const r = record({
      ...FUC,
      exit: { reason: 'died', eventDate: '2025-02-10', recordedAt: '2025-04-28T00:00:00Z' },
    });
    const stored = runPayrolls(r, '2025-01', '2025-05');
    const june = settle(r, '2025-06', stored, PACKS, '2025-06-25T00:00:00Z', { from: '2025-01' });
    expect(june).toEqual([]);
    const may = stored.filter((l) => l.month === '2025-05');
    expect(settle(r, '2025-05', stored, PACKS, '2025-05-25T00:00:00Z', { from: '2025-01' })).toEqual(may);
  });
});

describe('failed bank lines are reissued once', () => {
  const r = record(FUC);
  const [march] = entitlementForMonth(r, '2025-03', PACKS, '2025-03-25T00:00:00Z');
  if (!march) throw new Error('no March line');

  it('a failed March line is reissued in April, kind reissue, sourced by the failed line', () => {
    expect(reissue([march])).toEqual([
      expect.objectContaining({
        month: '2025-04',
        forMonth: '2025-03',
        kind: 'reissue',
        amountFen: 120000,
        source: march.id,
        id: `c1|2025-04|fuc-allowance|640302|reissue|${march.id}`,
      }),
    ]);
  });

  it('calling reissue twice, or with the line twice, yields one line', () => {
    const once = reissue([march]);
    expect(reissue([march, march])).toEqual(once);
    expect(new Set([...once, ...reissue([march])].map((l) => l.id)).size).toBe(1);
  });

  it('a reissued month is not back-paid as well: the failed line still counts as settled', () => {
    const stored = [march, ...reissue([march])];
    expect(settle(r, '2025-05', stored, PACKS, '2025-05-25T00:00:00Z', { from: '2025-03' })).toEqual([
      expect.objectContaining({ kind: 'back-pay', forMonth: '2025-04' }),
    ]);
  });

  it('recovery lines are never reissued', () => {
    const recovery = { ...march, kind: 'recovery' as const, amountFen: -120000 };
    expect(reissue([recovery])).toEqual([]);
  });
});
