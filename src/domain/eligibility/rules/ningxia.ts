import { BENEFIT_LABELS } from '../codes.ts';
import type { Explanation } from '../determination.ts';
import { BASIS } from './basis.ts';
import {
  fired,
  inForce,
  isListedIllness,
  isSevereDisability,
  notFired,
  type ParentStatus,
  type RuleContext,
  type RuleOutcome,
} from './context.ts';
import { describePair } from './orphan.ts';

/**
 * Ningxia's four categories (宁政发〔2017〕86号 §二). The 2017 text gives no duration tests, so a
 * parent's condition counts when it is in force on asOf; 重残/重病 use the national tests (R5, R6).
 */

type Test = (p: ParentStatus, ctx: RuleContext) => boolean;
const dead: Test = (p) => p.absent?.kind === 'deceased' || p.absent?.kind === 'declared-dead';
const missing: Test = (p) => p.absent?.kind === 'declared-missing';
const severe: Test = (p) =>
  p.inForce.some((c) => c.kind === 'severe-disability' && isSevereDisability(c.disability));
const ill: Test = (p, ctx) =>
  p.inForce.some((c) => c.kind === 'serious-illness' && isListedIllness(c.illness, ctx.pack));
const illOrSevere: Test = (p, ctx) => ill(p, ctx) || severe(p, ctx);
const prison: Test = (p) => p.inForce.some((c) => c.kind === 'imprisoned');
const remarried: Test = (p) => p.inForce.some((c) => c.kind === 'remarried');

const WORDS = new Map<Test, string>([
  [dead, '死亡'],
  [missing, '失踪'],
  [severe, '重残'],
  [ill, '重病'],
  [illOrSevere, '重病或重残'],
  [prison, '服刑'],
  [remarried, '改嫁'],
]);

/** The first (x, y) combination matching either way round, described in Chinese. */
function matchPair(ctx: RuleContext, combos: readonly (readonly [Test, Test])[]): string | undefined {
  const { father, mother } = ctx;
  if (!father || !mother) return undefined;
  for (const [x, y] of combos) {
    for (const [a, b] of [
      [father, mother],
      [mother, father],
    ] as const) {
      if (x(a, ctx) && y(b, ctx)) return describePair(a, WORDS.get(x) ?? '', b, WORDS.get(y) ?? '');
    }
  }
  return undefined;
}

const POOR = ['dibao', 'tekun', 'dibao-edge'] as const;
const ASSISTANCE_WORDS = { dibao: '低保', tekun: '特困', 'dibao-edge': '低保边缘', none: '' } as const;

/** 家庭困境: one parent dead and the other 重病/重残; both 重病/重残; or family poverty. */
export function familyHardshipRule(ctx: RuleContext): RuleOutcome {
  const pair = matchPair(ctx, [
    [dead, illOrSevere],
    [illOrSevere, illOrSevere],
  ]);
  if (pair) return fired('family-hardship', `${pair}，认定为家庭困境儿童`, BASIS.ningxiaFamily);
  const assistance = ctx.facts.household.assistance;
  if ((POOR as readonly string[]).includes(assistance)) {
    return fired(
      'family-hardship',
      `家庭为${ASSISTANCE_WORDS[assistance]}家庭，因家庭贫困导致生活困难，认定为家庭困境儿童`,
      BASIS.ningxiaFamily,
    );
  }
  return notFired;
}

/** 自身困境: own disability (二代残疾人证) or serious illness. */
export function selfHardshipRule(ctx: RuleContext): RuleOutcome {
  const { disability, seriousIllness } = ctx.facts.child;
  const basis = `国发〔2016〕36号；${BASIS.ningxiaSelf}`;
  if (disability) {
    return {
      ...fired('self-hardship', `本人${disability.grade}级残疾，认定为自身困境儿童`, basis),
      warnings: ['自身残疾须持有残联核发的第二代残疾人证'],
    };
  }
  if (isListedIllness(seriousIllness, ctx.pack)) {
    return fired('self-hardship', `本人身患重大疾病（${seriousIllness ?? ''}），认定为自身困境儿童`, basis);
  }
  if (seriousIllness) {
    return { ...notFired, warnings: [`本人所患疾病“${seriousIllness}”不在政策包 ${ctx.pack.id} 重病目录中`] };
  }
  return notFired;
}

const HARM_WORDS = {
  abuse: '虐待',
  abandonment: '遗弃',
  neglect: '监护缺失',
  injury: '意外伤害',
  'unlawful-harm': '不法侵害',
};

/** 监护困境: the listed parent combinations, or harm from absent or improper guardianship. */
export function guardianshipHardshipRule(ctx: RuleContext): RuleOutcome {
  const pair = matchPair(ctx, [
    [dead, missing],
    [dead, remarried],
    [dead, prison],
    [missing, severe],
    [missing, prison],
    [severe, prison],
    [missing, missing],
    [prison, prison],
  ]);
  if (pair) {
    return fired(
      'guardianship-hardship',
      `${pair}，无法履行抚养义务和监护职责，认定为监护困境儿童`,
      BASIS.ningxiaGuardianship,
    );
  }
  const harms = ctx.facts.child.guardianshipHarm;
  if (harms.length > 0) {
    return fired(
      'guardianship-hardship',
      `因家庭监护缺失或监护不当遭受${harms.map((h) => HARM_WORDS[h]).join('、')}，认定为监护困境儿童`,
      BASIS.ningxiaGuardianship,
    );
  }
  return notFired;
}

const HARDSHIP_WORDS = {
  accident: '意外事故',
  disaster: '灾害',
  'sudden-illness': '突发重大疾病',
  other: '其他特殊困难',
};

/** 临时困境: a sudden event, accident, serious illness or other special hardship in force. */
export function temporaryHardshipRule(ctx: RuleContext): RuleOutcome {
  const current = ctx.facts.child.hardships.filter((h) => inForce(h, ctx.asOf));
  const first = current[0];
  if (!first) return notFired;
  return fired(
    'temporary-hardship',
    `自${first.since}起遭遇${current.map((h) => HARDSHIP_WORDS[h.kind]).join('、')}陷入困境，认定为临时困境儿童`,
    BASIS.ningxiaTemporary,
  );
}

/**
 * 宁政发〔2017〕86号 §三(一): children of parents both 重残, one 失踪 and the other 重残 or 服刑,
 * or one 重残 and the other 服刑, are paid at the FUC standard (as a hardship allowance).
 */
export function ningxiaFucStandardClause(ctx: RuleContext): Explanation | undefined {
  if (!ctx.pack.ningxiaFucStandardClauses) return undefined;
  const pair = matchPair(ctx, [
    [severe, severe],
    [missing, severe],
    [missing, prison],
    [severe, prison],
  ]);
  return pair
    ? {
        rule: 'ningxia-fuc-standard',
        text: `${pair}，${BENEFIT_LABELS['hardship-allowance']}按事实无人抚养儿童标准执行`,
        basis: BASIS.ningxiaFucClause,
      }
    : undefined;
}
