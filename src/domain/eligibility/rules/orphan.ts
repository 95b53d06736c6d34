import { BASIS } from './basis.ts';
import {
  bothParents,
  fired,
  notFired,
  type ParentStatus,
  type RuleContext,
  type RuleOutcome,
} from './context.ts';

/** "父母双方死亡" when both are the same, else "父亲死亡、母亲宣告失踪". */
export function describePair(a: ParentStatus, aText: string, b: ParentStatus, bText: string): string {
  return aText === bText ? `父母双方${aText}` : `${a.label}${aText}、${b.label}${bText}`;
}

/**
 * R2, R9 孤儿 (国办发〔2010〕54号): both parents dead (natural death or 宣告死亡), one dead and the
 * other 宣告失踪, both 宣告失踪, or birth parents cannot be found (查找不到生父母). Every
 * combination of these four is an orphan. Age (R1) and adoption are checked by evaluate().
 */
export function orphanRule(ctx: RuleContext): RuleOutcome {
  const pair = bothParents(ctx);
  if (!pair) return notFired;
  const [a, b] = pair;
  if (!a.absent || !b.absent) return notFired;
  if (a.absent.kind === 'unknown' && b.absent.kind === 'unknown') {
    return fired('orphan', '查找不到生父母，认定为孤儿', BASIS.orphan);
  }
  return fired('orphan', `${describePair(a, a.absent.text, b, b.absent.text)}，认定为孤儿`, BASIS.orphan);
}
