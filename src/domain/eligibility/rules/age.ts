import { dateOfAge } from '../../shared/dates.ts';
import { BASIS } from './basis.ts';
import type { RuleContext } from './context.ts';
import type { Explanation } from '../determination.ts';

/**
 * R1: a "child" is under 18 on the evaluated date. Past 18, a child who was covered before and
 * is still in school keeps the benefit until graduation (seed 004 §一(一)1; compulsory, high
 * school, vocational, college; not postgraduate); for 特困 households only compulsory, general
 * high school and secondary vocational (§一(一)2). evaluate() then keeps the under-18
 * categories with this explanation; enrolment before 18 must be checked on the file.
 */
export function childAgeStatus(ctx: RuleContext): {
  eligible: boolean;
  explanation?: Explanation;
  warning?: string;
} {
  if (ctx.age < 18) return { eligible: true };
  const { schooling, birthDate } = ctx.facts.child;
  const stages =
    ctx.facts.household.assistance === 'tekun'
      ? ctx.pack.inSchoolAfter18.tekunStages
      : ctx.pack.inSchoolAfter18.stages;
  const turned18 = dateOfAge(birthDate, 18);
  if (stages.includes(schooling)) {
    return {
      eligible: true,
      explanation: {
        rule: 'age-18-in-school',
        text: `${turned18}年满18周岁，仍在校就读，继续保障至毕业`,
        basis: BASIS.inSchool,
      },
      warning: '年满18周岁仍在校就读：须核实18周岁前已纳入保障范围，毕业后退出',
    };
  }
  return {
    eligible: false,
    explanation: { rule: 'age-18', text: `${turned18}年满18周岁，不再属于儿童保障对象`, basis: BASIS.child },
  };
}
