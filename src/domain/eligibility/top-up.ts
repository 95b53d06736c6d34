import type { PolicyPack } from '../policy/pack.ts';
import { selectPack } from '../policy/resolve.ts';
import { BENEFIT_LABELS, type BenefitCode, type BenefitPlacement } from './codes.ts';
import type { Benefit, Explanation } from './determination.ts';
import { BASIS } from './rules/basis.ts';
import type { RuleContext } from './rules/context.ts';
import { livesAwayLongEnough } from './rules/migrant.ts';
import { lookupStandard, yuanText } from './standards.ts';

/**
 * 补差发放 for migrant orphans and FUC children (seed 000: 在宁流动儿童中孤儿和事实无人抚养儿童
 * 生活补贴补差发放): when the child has lived across county lines for ≥ 6 months in a place whose
 * pack pays a higher standard for the same allowance, the residence jurisdiction pays the
 * difference. Represented as a second benefit entry with `topUp: true` and the residence
 * `policy`; its monthlyFen is only the difference, so the total equals the higher standard
 * (after 补差 against own assistance) — never a double payment (ADR 0003).
 */
export function migrantTopUp(
  ctx: RuleContext,
  packs: readonly PolicyPack[],
  chosen: { code: BenefitCode; placement: BenefitPlacement; fen: number },
  mainMonthlyFen: number,
): { benefit: Benefit; explanation: Explanation } | undefined {
  if (chosen.code !== 'orphan-allowance' && chosen.code !== 'fuc-allowance') return undefined;
  if (!livesAwayLongEnough(ctx)) return undefined;
  const { residenceRegion, placement } = ctx.facts.child;
  const residencePack = selectPack(packs, residenceRegion, ctx.asOf);
  if (!residencePack || residencePack.id === ctx.pack.id) return undefined;
  const there = lookupStandard(residencePack, chosen.code, placement);
  if (there.fen === undefined || there.fen <= chosen.fen) return undefined;
  const total = Math.max(0, there.fen - ctx.facts.household.receivedMonthlyFen);
  const difference = total - mainMonthlyFen;
  if (difference <= 0) return undefined;
  return {
    benefit: {
      code: chosen.code,
      placement: there.placement,
      standardFen: there.fen,
      monthlyFen: difference,
      topUp: true,
      policy: { id: residencePack.id, version: residencePack.version },
    },
    explanation: {
      rule: 'migrant-top-up',
      text: `居住地${residencePack.name}${there.label}每月${yuanText(there.fen)}高于户籍地标准${yuanText(chosen.fen)}，由居住地补差发放${BENEFIT_LABELS[chosen.code]}${yuanText(difference)}`,
      basis: BASIS.migrantTopUp,
    },
  };
}
