import { monthsElapsed } from '../../shared/dates.ts';
import { BASIS } from './basis.ts';
import {
  fired,
  hasInForce,
  notFired,
  type ParentStatus,
  type RuleContext,
  type RuleOutcome,
} from './context.ts';

/** "Away" = working across county lines continuously for ≥ 6 months on asOf. */
function worksAway(p: ParentStatus | undefined, ctx: RuleContext): boolean {
  return !!p?.inForce.some(
    (c) => c.kind === 'working-away' && c.since !== undefined && monthsElapsed(c.since, ctx.asOf, 6),
  );
}

/**
 * R23 留守儿童 (国发〔2016〕13号): under 16; both parents work away, or one works away and the
 * other has no guardianship capacity; "away" = across county lines, continuously ≥ 6 months.
 */
export function leftBehindRule(ctx: RuleContext): RuleOutcome {
  if (ctx.age >= 16) return notFired;
  const { father, mother } = ctx;
  if (worksAway(father, ctx) && worksAway(mother, ctx)) {
    return fired('left-behind', '父母双方跨县外出务工连续6个月以上，认定为留守儿童', BASIS.leftBehind);
  }
  for (const [away, other] of [
    [father, mother],
    [mother, father],
  ] as const) {
    if (worksAway(away, ctx) && hasInForce(other, 'no-guardian-capacity')) {
      return fired(
        'left-behind',
        `${away?.label ?? ''}跨县外出务工连续6个月以上、${other?.label ?? ''}无监护能力，认定为留守儿童`,
        BASIS.leftBehind,
      );
    }
  }
  return notFired;
}
