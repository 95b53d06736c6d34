import { ageAt, monthsElapsed, type PlainDate } from '../../shared/dates.ts';
import type { EffectivePack } from '../../policy/pack.ts';
import { PARENT_CONDITION_LABELS, type ParentConditionKind } from '../codes.ts';
import type { Explanation } from '../determination.ts';
import type { ChildFacts, Disability, ParentCondition, ParentFacts } from '../facts.ts';

/** What every rule reads: the facts as of `asOf`, the effective pack, and derived parent status. */
export interface RuleContext {
  facts: ChildFacts;
  pack: EffectivePack;
  asOf: PlainDate;
  age: number;
  father?: ParentStatus;
  mother?: ParentStatus;
  /** Notes for facts that need evidence; deduplicated by the caller. */
  warnings: string[];
}

export interface RuleOutcome {
  fired: boolean;
  explanations: Explanation[];
  warnings?: string[];
}

export const notFired: RuleOutcome = { fired: false, explanations: [] };
export const fired = (rule: string, text: string, basis: string): RuleOutcome => ({
  fired: true,
  explanations: [{ rule, text, basis }],
});

/** A circumstance a parent is in on `asOf`, with the Chinese words used in explanations. */
export interface Circumstance {
  kind: ParentConditionKind;
  text: string;
}

export interface ParentStatus {
  role: ParentFacts['role'];
  label: '父亲' | '母亲';
  /** Conditions in force on asOf: since ≤ asOf and (no until or asOf < until). */
  inForce: ParentCondition[];
  /** 死亡 / 宣告死亡 / 宣告失踪 / 查找不到 (the set D of national-rules §1.5), if any. */
  absent?: Circumstance;
  /** The R3 circumstances that count for FUC on asOf (R5–R8 applied). */
  fuc: Circumstance[];
}

/** interchange.md §1: in force when since ≤ asOf and (until absent or asOf < until). */
export function inForce(c: { since?: PlainDate; until?: PlainDate }, asOf: PlainDate): boolean {
  return (c.since === undefined || c.since <= asOf) && (c.until === undefined || asOf < c.until);
}

/** R5 重残: grade 1–2 of any kind, or grade 3–4 mental or intellectual (民发〔2019〕62号). */
export function isSevereDisability(d: Disability | undefined): boolean {
  if (!d) return false;
  return d.grade <= 2 || d.kind === 'mental' || d.kind === 'intellectual';
}

/** R6 重病: on the pack's list (an entry contained in the illness name). */
export function isListedIllness(illness: string | undefined, pack: EffectivePack): boolean {
  const name = illness?.trim();
  return !!name && pack.seriousIllnesses.some((entry) => name.includes(entry));
}

const ABSENT_KINDS: readonly ParentConditionKind[] = [
  'deceased',
  'declared-dead',
  'declared-missing',
  'unknown',
];
const CUSTODY_KINDS: readonly ParentConditionKind[] = ['imprisoned', 'drug-rehab', 'detained'];
/** 民发〔2020〕125号 adds these two circumstances, back-paid from 2021-01-01. */
export const FUC_2020_FROM = '2021-01-01';

/**
 * Whether condition `c` (in force) is one of the eight R3 circumstances on `asOf`.
 * R7: custody counts when its term is ≥ 6 months — judged from since/until; without `until`
 * the term is open-ended (e.g. a life or undetermined sentence) and counts.
 * R8: 失联 counts once 6 months have passed since the police acceptance date (`since`).
 */
function fucCircumstance(c: ParentCondition, ctx: RuleContext, label: string): Circumstance | undefined {
  const name = PARENT_CONDITION_LABELS[c.kind];
  switch (c.kind) {
    case 'severe-disability':
      if (!c.disability) ctx.warnings.push(`${label}残疾未填写残疾类别和等级，无法判断是否重残`);
      return isSevereDisability(c.disability) ? { kind: c.kind, text: '重残' } : undefined;
    case 'serious-illness':
      if (!isListedIllness(c.illness, ctx.pack)) {
        ctx.warnings.push(
          `${label}所患疾病“${c.illness ?? '未填写'}”不在政策包 ${ctx.pack.id} 重病目录中，未按重病认定`,
        );
        return undefined;
      }
      return { kind: c.kind, text: `重病（${c.illness ?? ''}）` };
    case 'imprisoned':
    case 'drug-rehab':
    case 'detained':
      if (c.since !== undefined && c.until !== undefined && !monthsElapsed(c.since, c.until, 6))
        return undefined;
      if (c.until === undefined)
        ctx.warnings.push(`${label}${name}未填写截止（预计释放）日期，按期限6个月以上认定，需核验相关文书`);
      return { kind: c.kind, text: `${name}（期限6个月以上）` };
    case 'lost-contact':
      if (c.since === undefined || !monthsElapsed(c.since, ctx.asOf, 6)) {
        ctx.warnings.push(`${label}失联自公安受理之日起未满6个月，暂不认定为失联`);
        return undefined;
      }
      ctx.warnings.push(`${label}失联须提供《儿童失联父母查找情况回执单》`);
      return { kind: c.kind, text: '失联（自公安受理之日起6个月以上）' };
    case 'guardianship-revoked':
    case 'deported':
      return ctx.asOf >= FUC_2020_FROM ? { kind: c.kind, text: name } : undefined;
    default:
      return undefined;
  }
}

export function parentStatus(p: ParentFacts, ctx: RuleContext): ParentStatus {
  const label = p.role === 'father' ? '父亲' : '母亲';
  const conditions = p.conditions.filter((c) => inForce(c, ctx.asOf));
  const absentCondition = ABSENT_KINDS.map((k) => conditions.find((c) => c.kind === k)).find((c) => c);
  return {
    role: p.role,
    label,
    inForce: conditions,
    absent: absentCondition && {
      kind: absentCondition.kind,
      text: PARENT_CONDITION_LABELS[absentCondition.kind],
    },
    fuc: absentCondition ? [] : conditions.flatMap((c) => fucCircumstance(c, ctx, label) ?? []),
  };
}

export function buildContext(facts: ChildFacts, pack: EffectivePack): RuleContext {
  const ctx: RuleContext = {
    facts,
    pack,
    asOf: facts.asOf,
    age: ageAt(facts.child.birthDate, facts.asOf),
    warnings: [],
  };
  const father = facts.parents.find((p) => p.role === 'father');
  const mother = facts.parents.find((p) => p.role === 'mother');
  if (father) ctx.father = parentStatus(father, ctx);
  if (mother) ctx.mother = parentStatus(mother, ctx);
  return ctx;
}

/** Both parents' statuses, or undefined when either is not recorded. */
export function bothParents(ctx: RuleContext): [ParentStatus, ParentStatus] | undefined {
  return ctx.father && ctx.mother ? [ctx.father, ctx.mother] : undefined;
}

export function hasInForce(p: ParentStatus | undefined, ...kinds: ParentConditionKind[]): boolean {
  return !!p && p.inForce.some((c) => kinds.includes(c.kind));
}

export { CUSTODY_KINDS };
