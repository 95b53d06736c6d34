import type { PlainDate } from '../shared/dates.ts';
import { fenToYuanString, yuanToFen } from '../shared/money.ts';
import type { Explanation } from '../eligibility/determination.ts';
import type { PolicyPack, StandardPair, Standards } from './pack.ts';

/**
 * Dynamic adjustment (宁政发〔2017〕86号 §三(一)): each year the monthly standards rise by the
 * growth of last year's rural per-capita disposable income over the year before × 80%
 * (institution orphans), 60% (scattered orphans), 50% (FUC), ÷ 12, rounded to the yuan. HIV
 * standards follow the orphan standards (民发〔2012〕179号). The result is a *proposed* version
 * (status "proposed"): selectPack ignores it until a person approves it.
 */
export const ADJUSTMENT_PERCENTS = { institution: 80, scattered: 60, fuc: 50 } as const;
const BASIS = '宁政发〔2017〕86号 §三（一）';

export interface AdjustmentInput {
  /** Rural per-capita disposable income, yuan, of the last year and of the year before it. */
  lastYearIncomeYuan: string;
  yearBeforeIncomeYuan: string;
  effectiveFrom: PlainDate;
  percents?: { institution: number; scattered: number; fuc: number };
}

export interface AdjustmentProposal {
  proposal: PolicyPack;
  /** Monthly increments in fen (whole yuan). */
  increments: { institution: number; scattered: number; fuc: number };
  explanations: Explanation[];
  warnings: string[];
}

/** growth × percent ÷ 12, rounded half up to the whole yuan, in fen. */
export function monthlyIncrementFen(growthFen: number, percent: number): number {
  if (growthFen <= 0) return 0;
  return Math.round((growthFen * percent) / (100 * 12 * 100)) * 100;
}

const bump = (pair: StandardPair | undefined, inst: number, scat: number): StandardPair | undefined =>
  pair && {
    ...(pair.institution !== undefined && { institution: pair.institution + inst }),
    ...(pair.scattered !== undefined && { scattered: pair.scattered + scat }),
  };

export function proposeAdjustment(pack: PolicyPack, input: AdjustmentInput): AdjustmentProposal {
  const percents = input.percents ?? ADJUSTMENT_PERCENTS;
  const growth = yuanToFen(input.lastYearIncomeYuan) - yuanToFen(input.yearBeforeIncomeYuan);
  const inc = {
    institution: monthlyIncrementFen(growth, percents.institution),
    scattered: monthlyIncrementFen(growth, percents.scattered),
    fuc: monthlyIncrementFen(growth, percents.fuc),
  };
  const warnings: string[] = [];
  const s = pack.standards ?? {};
  const standards: Standards = {
    ...(s['orphan-allowance'] && {
      'orphan-allowance': bump(s['orphan-allowance'], inc.institution, inc.scattered),
    }),
    ...(s['fuc-allowance'] && { 'fuc-allowance': bump(s['fuc-allowance'], inc.fuc, inc.fuc) }),
    ...(s['hiv-allowance'] && { 'hiv-allowance': bump(s['hiv-allowance'], inc.institution, inc.scattered) }),
  };
  if (!s['orphan-allowance'] && !s['fuc-allowance'])
    warnings.push(`政策包 ${pack.id} 未设定保障标准，无法调整`);
  if (growth <= 0) warnings.push('农村居民人均可支配收入未增长，标准不作调整');
  const fuc = standards['fuc-allowance']?.scattered;
  const scattered = standards['orphan-allowance']?.scattered;
  if (fuc !== undefined && scattered !== undefined && fuc !== scattered) {
    warnings.push(
      `按50%调整后事实无人抚养儿童标准（${fenToYuanString(fuc)}元）与散居孤儿标准（${fenToYuanString(scattered)}元）不同；` +
        '民发〔2019〕62号要求参照散居孤儿标准，审批时请确认',
    );
  }
  const y = (fen: number) => `${fenToYuanString(fen)}元`;
  const explanations: Explanation[] = [
    {
      rule: 'adjustment-growth',
      text: `农村居民人均可支配收入由${y(yuanToFen(input.yearBeforeIncomeYuan))}增至${y(yuanToFen(input.lastYearIncomeYuan))}，增长${y(growth)}`,
      basis: BASIS,
    },
    {
      rule: 'adjustment-increments',
      text:
        `每月标准增加：机构养育孤儿${y(inc.institution)}（${percents.institution}%÷12），` +
        `散居孤儿${y(inc.scattered)}（${percents.scattered}%÷12），事实无人抚养儿童${y(inc.fuc)}（${percents.fuc}%÷12），取整到元`,
      basis: BASIS,
    },
  ];
  const proposal: PolicyPack = {
    ...pack,
    version: input.effectiveFrom,
    status: 'proposed',
    standards,
    notes: [...(pack.notes ?? []), `动态调整建议（${input.effectiveFrom} 起），待审批`],
  };
  return { proposal, increments: inc, explanations, warnings };
}
