import { monthsElapsed } from '../../shared/dates.ts';
import type { EffectivePack } from '../../policy/pack.ts';
import { BASIS } from './basis.ts';
import { fired, notFired, type RuleContext, type RuleOutcome } from './context.ts';

const county = (code: string) => (code.length >= 6 ? code.slice(0, 6) : undefined);

/**
 * Whether two region codes lie in different counties (first six digits). A code above county
 * level counts as different only when it does not contain the other. Counties the pack groups
 * together (银川市辖三区) count as one.
 */
export function isCrossCounty(hukou: string, residence: string, pack: EffectivePack): boolean {
  const a = county(hukou);
  const b = county(residence);
  if (a === undefined || b === undefined) return !hukou.startsWith(residence) && !residence.startsWith(hukou);
  if (a === b) return false;
  return !pack.migrantSameCountyGroups.some((g) => g.includes(a) && g.includes(b));
}

/** Cross-county residence for ≥ 6 months on asOf (the test shared by R24 and migrant top-up). */
export function livesAwayLongEnough(ctx: RuleContext, pack: EffectivePack = ctx.pack): boolean {
  const { hukouRegion, residenceRegion, residentSince } = ctx.facts.child;
  if (!isCrossCounty(hukouRegion, residenceRegion, pack)) return false;
  return residentSince !== undefined && monthsElapsed(residentSince, ctx.asOf, 6);
}

/**
 * R24 流动儿童 (policy definition, not the census one): under 16, living with a parent or
 * guardian outside the 户籍 county for ≥ 6 months since `residentSince`. Children in state
 * care (institution, temporary care) are not "with a parent or guardian" in this sense.
 */
export function migrantRule(ctx: RuleContext): RuleOutcome {
  const { child } = ctx.facts;
  if (ctx.age >= 16 || child.placement === 'institution' || child.placement === 'temporary-care')
    return notFired;
  if (!isCrossCounty(child.hukouRegion, child.residenceRegion, ctx.pack)) return notFired;
  if (child.residentSince === undefined) {
    return { ...notFired, warnings: ['居住地与户籍地不在同一县，但未填写居住起始日期，暂不认定为流动儿童'] };
  }
  if (!livesAwayLongEnough(ctx)) return notFired;
  return fired(
    'migrant',
    `离开户籍地跨县域居住自${child.residentSince}起已满6个月，认定为流动儿童`,
    BASIS.migrant,
  );
}
