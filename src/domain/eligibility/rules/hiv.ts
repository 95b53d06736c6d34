import { BASIS } from './basis.ts';
import { fired, notFired, type RuleContext, type RuleOutcome } from './context.ts';

/** R16 艾滋病病毒感染儿童 (民发〔2012〕179号): under 18 and infected; paid the orphan standard in full. */
export function hivRule(ctx: RuleContext): RuleOutcome {
  return ctx.facts.child.hiv
    ? fired('hiv-infected', '感染艾滋病病毒，认定为艾滋病病毒感染儿童', BASIS.hiv)
    : notFired;
}
