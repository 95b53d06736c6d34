import type { PlainDate } from '../shared/dates.ts';
import { AppError, ErrorCode, notFound } from '../shared/errors.ts';
import { isWithinRegion } from '../shared/region-code.ts';
import type { EffectivePack, PolicyPack } from '../policy/pack.ts';
import { resolvePack, selectPack } from '../policy/resolve.ts';
import { decideBenefits } from './benefits.ts';
import { CATEGORY_LABELS, type CategoryCode } from './codes.ts';
import type { Determination, Explanation } from './determination.ts';
import { parseChildFacts, type ChildFacts, type ParseResult } from './facts.ts';
import { childAgeStatus } from './rules/age.ts';
import { BASIS } from './rules/basis.ts';
import { buildContext, type RuleContext, type RuleOutcome } from './rules/context.ts';
import { fucRule } from './rules/fuc.ts';
import { hivRule } from './rules/hiv.ts';
import { leftBehindRule } from './rules/left-behind.ts';
import { migrantRule } from './rules/migrant.ts';
import {
  familyHardshipRule,
  guardianshipHardshipRule,
  selfHardshipRule,
  temporaryHardshipRule,
} from './rules/ningxia.ts';
import { orphanRule } from './rules/orphan.ts';

/** One rule per category; a category fires only when the pack's taxonomy uses it. */
const CATEGORY_RULES: readonly (readonly [CategoryCode, (ctx: RuleContext) => RuleOutcome])[] = [
  ['orphan', orphanRule],
  ['de-facto-unsupported', fucRule],
  ['hiv-infected', hivRule],
  ['family-hardship', familyHardshipRule],
  ['self-hardship', selfHardshipRule],
  ['guardianship-hardship', guardianshipHardshipRule],
  ['temporary-hardship', temporaryHardshipRule],
  ['left-behind', leftBehindRule],
  ['migrant', migrantRule],
];

/**
 * Categories that end with adoption: the child has parents and guardians again (民发〔2019〕62号
 * 终止情形; 未成年人保护法 §95: guardianship passes to the adopters), so neither the birth parents'
 * circumstances nor harm from their guardianship (Ningxia 监护困境) describe the child any more.
 * The child's own disability or illness (自身困境) continues after adoption (seed 004 §二).
 */
const ENDED_BY_ADOPTION: readonly CategoryCode[] = [
  'orphan',
  'de-facto-unsupported',
  'guardianship-hardship',
];
/** Left-behind and migrant apply their own under-16 test; the rest need a "child" (R1). */
const UNDER_16_RULES: readonly CategoryCode[] = ['left-behind', 'migrant'];

/** The pack named by `facts.policy`, else the one selected by the 户籍 code (domain.md §4). */
export function packForFacts(facts: ChildFacts, packs: readonly PolicyPack[]): EffectivePack {
  if (facts.policy !== undefined) {
    const pack = resolvePack(packs, facts.policy, facts.asOf);
    if (!pack) throw notFound(`政策包 ${facts.policy}（${facts.asOf} 有效版本）`);
    return pack;
  }
  const pack = selectPack(packs, facts.child.hukouRegion, facts.asOf);
  if (!pack) throw notFound(`适用于户籍地 ${facts.child.hukouRegion} 的政策包（${facts.asOf} 有效版本）`);
  return pack;
}

/**
 * The eligibility determination for one child on `facts.asOf` (interchange.md §2): categories
 * derived by the rules with one explanation each, the living allowance, warnings for facts that
 * need evidence or standards that are missing. "Not eligible" is a determination with no
 * categories, not an error; only a missing policy pack throws (NOT_FOUND).
 *
 * A child past 18 who is still in school keeps the under-18 categories, with an explanation
 * "年满18周岁仍在校就读，继续保障至毕业" (ADR 0003).
 */
export function evaluate(facts: ChildFacts, packs: readonly PolicyPack[]): Determination {
  const pack = packForFacts(facts, packs);
  const ctx = buildContext(facts, pack);
  const explanations: Explanation[] = [];
  const warnings: string[] = [];
  const age = childAgeStatus(ctx);

  const categories: CategoryCode[] = [];
  const adopted = facts.child.placement === 'adopted';
  for (const [code, rule] of CATEGORY_RULES) {
    if (!pack.categories.includes(code)) continue;
    if (!age.eligible && !UNDER_16_RULES.includes(code)) continue;
    const out = rule(ctx);
    warnings.push(...(out.warnings ?? []));
    if (!out.fired) continue;
    if (adopted && ENDED_BY_ADOPTION.includes(code)) {
      explanations.push({
        rule: 'adopted',
        text: `已依法被收养，不再认定为${CATEGORY_LABELS[code]}`,
        basis: BASIS.adopted,
      });
      continue;
    }
    categories.push(code);
    explanations.push(...out.explanations);
  }
  const underAgeFired = categories.some((c) => !UNDER_16_RULES.includes(c));
  if (age.explanation && (underAgeFired || !age.eligible)) explanations.push(age.explanation);
  if (age.warning && underAgeFired) warnings.push(age.warning);

  if (facts.policy !== undefined && !isWithinRegion(facts.child.hukouRegion, pack.jurisdiction)) {
    warnings.push(`指定的政策包 ${pack.id} 不适用于户籍地 ${facts.child.hukouRegion}`);
  }
  explanations.push({
    rule: 'policy',
    text: `适用政策包 ${pack.name}（${pack.id}，${pack.version} 起施行）`,
    basis: pack.sources[0] ?? pack.name,
  });

  const money = decideBenefits(ctx, categories, packs);
  explanations.push(...money.explanations);
  warnings.push(...ctx.warnings, ...money.warnings);

  return {
    asOf: facts.asOf,
    policy: { id: pack.id, version: pack.version },
    age: ctx.age,
    categories: [...categories].sort(),
    benefits: money.benefits,
    monthlyTotalFen: money.benefits.reduce((sum, b) => sum + b.monthlyFen, 0),
    explanations,
    warnings: [...new Set(warnings)],
  };
}

/**
 * Parse, then evaluate: for the CLI and API. Bad input and an unknown policy pack come back
 * as issues (path + Chinese message), never as a thrown error.
 */
export function evaluateJson(
  input: unknown,
  packs: readonly PolicyPack[],
  today: PlainDate,
): ParseResult<Determination> {
  const parsed = parseChildFacts(input, today);
  if (!parsed.ok) return parsed;
  try {
    return { ok: true, value: evaluate(parsed.value, packs) };
  } catch (e) {
    if (e instanceof AppError && e.code === ErrorCode.NOT_FOUND) {
      return { ok: false, issues: [{ path: 'policy', message: e.message }] };
    }
    throw e;
  }
}
