import { percentOf } from '../shared/money.ts';
import type { PolicyPack } from '../policy/pack.ts';
import { BENEFIT_LABELS, type BenefitCode, type CategoryCode } from './codes.ts';
import type { Benefit, Explanation } from './determination.ts';
import { BASIS } from './rules/basis.ts';
import { isListedIllness, type RuleContext } from './rules/context.ts';
import { ningxiaFucStandardClause } from './rules/ningxia.ts';
import { lookupStandard, missingStandardWarning, yuanText, type StandardLookup } from './standards.ts';
import { migrantTopUp } from './top-up.ts';

/** A living allowance the child could receive; one is chosen (domain.md §4: never two). */
interface Candidate extends StandardLookup {
  code: BenefitCode;
  why: Explanation;
}

/** Tie-break when standards are equal: the more specific status wins. */
const PRIORITY: Record<BenefitCode, number> = {
  'orphan-allowance': 0,
  'hiv-allowance': 1,
  'fuc-allowance': 2,
  'hardship-allowance': 3,
};

const HARDSHIP_CATEGORIES: readonly CategoryCode[] = [
  'family-hardship',
  'self-hardship',
  'guardianship-hardship',
  'temporary-hardship',
];

function candidates(ctx: RuleContext, categories: readonly CategoryCode[]): Candidate[] {
  const { pack } = ctx;
  const { placement } = ctx.facts.child;
  const out: Candidate[] = [];
  const add = (code: BenefitCode, lookup: StandardLookup, basis: string, text?: string) =>
    out.push({
      ...lookup,
      code,
      why: {
        rule: code,
        text: text ?? `按${lookup.label}发放${BENEFIT_LABELS[code]}`,
        basis: lookup.temporaryCare ? BASIS.ningxiaTemporaryCare : basis,
      },
    });
  const packBasis = pack.sources[0] ?? pack.name;
  if (categories.includes('orphan'))
    add('orphan-allowance', lookupStandard(pack, 'orphan-allowance', placement), packBasis);
  if (categories.includes('hiv-infected'))
    add('hiv-allowance', lookupStandard(pack, 'hiv-allowance', placement), BASIS.hiv);
  if (categories.includes('de-facto-unsupported')) {
    add('fuc-allowance', lookupStandard(pack, 'fuc-allowance', placement), BASIS.fucStandard);
  }
  const clause = ningxiaFucStandardClause(ctx);
  if (clause)
    add('hardship-allowance', lookupStandard(pack, 'fuc-allowance', placement), clause.basis, clause.text);
  const hasHardship = categories.some((c) => HARDSHIP_CATEGORIES.includes(c));
  if (hasHardship && placement === 'temporary-care' && pack.temporaryCareAtInstitutionStandard) {
    add(
      'hardship-allowance',
      lookupStandard(pack, 'orphan-allowance', placement),
      BASIS.ningxiaTemporaryCare,
      '儿童福利机构临时监护照料的困境儿童，养育津贴按机构养育孤儿标准执行',
    );
  }
  const percent = pack.ratios.poorFamilyIllOrDisabledPercentOfOrphan;
  const { disability, seriousIllness } = ctx.facts.child;
  const poor = ['dibao', 'tekun', 'dibao-edge'].includes(ctx.facts.household.assistance);
  if (percent !== undefined && poor && (disability || isListedIllness(seriousIllness, pack))) {
    const orphan = lookupStandard(pack, 'orphan-allowance', 'home');
    add(
      'hardship-allowance',
      {
        placement: 'scattered',
        fen: orphan.fen === undefined ? undefined : percentOf(orphan.fen, percent),
        label: orphan.label,
      },
      BASIS.daxingHardship,
      `贫困家庭${disability ? '残疾' : '重病'}儿童，按孤儿基本生活费标准的${percent}%发放${BENEFIT_LABELS['hardship-allowance']}`,
    );
  }
  return out;
}

export interface BenefitResult {
  benefits: Benefit[];
  explanations: Explanation[];
  warnings: string[];
}

/**
 * Living allowance for the derived categories: the highest payable candidate (orphan / HIV /
 * FUC / hardship), 补差 against what the child already receives (R13), then a migrant
 * top-up where the child lives (top-up.ts). Adoption ends payment. A standard the pack does
 * not set is reported by name and nothing is paid for it.
 */
export function decideBenefits(
  ctx: RuleContext,
  categories: readonly CategoryCode[],
  packs: readonly PolicyPack[],
): BenefitResult {
  const result: BenefitResult = { benefits: [], explanations: [], warnings: [] };
  const all = candidates(ctx, categories);
  if (all.length === 0) return result;
  if (ctx.facts.child.placement === 'adopted') {
    result.explanations.push({
      rule: 'adopted',
      text: '已依法被收养，不再发放基本生活保障',
      basis: BASIS.adopted,
    });
    return result;
  }
  for (const c of all)
    if (c.fen === undefined) result.warnings.push(missingStandardWarning(ctx.pack, c.label));
  const payable = all
    .filter((c): c is Candidate & { fen: number } => c.fen !== undefined)
    .sort((a, b) => b.fen - a.fen || PRIORITY[a.code] - PRIORITY[b.code]);
  const chosen = payable[0];
  if (!chosen) return result;

  const received = ctx.facts.household.receivedMonthlyFen;
  const monthly = Math.max(0, chosen.fen - received);
  result.benefits.push({
    code: chosen.code,
    placement: chosen.placement,
    standardFen: chosen.fen,
    monthlyFen: monthly,
  });
  result.explanations.push({ ...chosen.why, text: `${chosen.why.text}，标准每月${yuanText(chosen.fen)}` });
  if (payable.length > 1) {
    result.explanations.push({
      rule: 'one-allowance',
      text: `基本生活保障不重复享受，取标准最高的${BENEFIT_LABELS[chosen.code]}`,
      basis: BASIS.noDuplicate,
    });
  }
  explainTopUpOwn(ctx, chosen, received, result);
  const topUp = migrantTopUp(ctx, packs, chosen, monthly);
  if (topUp) {
    result.benefits.push(topUp.benefit);
    result.explanations.push(topUp.explanation);
  }
  return result;
}

/** R13 补差 and R15 特困 choice, as explanations and warnings. */
function explainTopUpOwn(
  ctx: RuleContext,
  chosen: { code: BenefitCode; fen: number },
  received: number,
  out: BenefitResult,
): void {
  const standard = chosen.fen;
  const { assistance } = ctx.facts.household;
  if (received > 0) {
    out.explanations.push({
      rule: 'partial-payment',
      text:
        received >= standard
          ? `已享受低保、特困供养或困难残疾人生活补贴每月${yuanText(received)}，不低于标准，不再发放`
          : `已享受低保、特困供养或困难残疾人生活补贴每月${yuanText(received)}，补差发放${yuanText(standard - received)}`,
      basis: BASIS.topUpOwn,
    });
  } else if (assistance === 'dibao' || assistance === 'tekun') {
    out.warnings.push(
      '家庭享受低保或特困供养，但未填写儿童已享受的救助金额，按全额计算，请核实是否应补差发放',
    );
  }
  if (assistance === 'tekun' && (chosen.code === 'orphan-allowance' || chosen.code === 'fuc-allowance')) {
    out.warnings.push(
      '同时符合特困供养和孤儿、事实无人抚养儿童条件的，选择纳入后不再认定为特困人员，请确认儿童的选择',
    );
  }
}
