import { BASIS } from './basis.ts';
import {
  bothParents,
  fired,
  FUC_2020_FROM,
  notFired,
  type RuleContext,
  type RuleOutcome,
} from './context.ts';
import { describePair } from './orphan.ts';

/**
 * R3–R8 事实无人抚养儿童 (民发〔2019〕62号, 民发〔2020〕125号): with S = {重残, 重病, 服刑在押,
 * 强制隔离戒毒, 其他限制人身自由, 失联, 被撤销监护资格, 被遣送（驱逐）出境}, both parents in S,
 * or one parent dead / declared missing (or not findable) and the other in S. When both
 * parents are dead or missing the child is an orphan instead (R4: orphan takes precedence).
 * Which circumstances count on asOf (grades, list, 6-month terms) is decided in context.ts.
 */
export function fucRule(ctx: RuleContext): RuleOutcome {
  const pair = bothParents(ctx);
  if (!pair) return notFired;
  const [a, b] = pair;
  if (a.absent && b.absent) return notFired;
  const sText = (p: typeof a) => p.fuc.map((c) => c.text).join('、');
  let text: string | undefined;
  if (a.fuc.length > 0 && b.fuc.length > 0) text = describePair(a, sText(a), b, sText(b));
  else if (a.absent && b.fuc.length > 0) text = `${a.label}${a.absent.text}、${b.label}${sText(b)}`;
  else if (b.absent && a.fuc.length > 0) text = `${b.label}${b.absent.text}、${a.label}${sText(a)}`;
  if (!text) return notFired;
  const added = [...a.fuc, ...b.fuc].some((c) => c.kind === 'guardianship-revoked' || c.kind === 'deported');
  const basis = added ? `${BASIS.fuc2020}（${FUC_2020_FROM}起）` : BASIS.fuc;
  return fired('de-facto-unsupported', `${text}，认定为事实无人抚养儿童`, basis);
}
