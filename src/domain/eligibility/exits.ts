import { addYearMonths, dateOfAge, yearMonthOf, type PlainDate, type YearMonth } from '../shared/dates.ts';
import { isWithinRegion } from '../shared/region-code.ts';
import type { EffectivePack, PolicyPack } from '../policy/pack.ts';
import { EXIT_REASON_LABELS, type CategoryCode, type ExitReason, type ParentConditionKind } from './codes.ts';
import type { Determination, Explanation } from './determination.ts';
import { evaluate, packForFacts } from './evaluate.ts';
import type { ChildFacts, ParentRole } from './facts.ts';
import { inForce } from './rules/context.ts';

/**
 * Start and exit (domain.md §5). Benefits start the month after county confirmation; an exit
 * takes effect from the month after its event, so the event month is still paid. A 渐退期 of
 * `gradualExitMonths` (pack; default 6) keeps paying after the reasons in
 * `gradualExitReasons` (age 18 and graduation, parent resuming care or released, family
 * improved, recovered — seed 004 §一(一)); none after death, adoption or a move.
 * Recognition as an orphan is a switch, not a stop: FUC ends with the event month and the
 * orphan allowance is paid from the next month.
 */

const BASIS_EXIT = '民发〔2019〕62号（次月起终止）；乌海市实施意见（征求意见稿）§一（一）';

export interface ExitDecision {
  reason: ExitReason;
  eventDate: PlainDate;
  eventMonth: YearMonth;
  /** 渐退期 months paid after the event month. */
  gradualExitMonths: number;
  /** Last month paid, inclusive; the child leaves the payroll from the month after. */
  lastPaidMonth: YearMonth;
  /** For recognized-orphan: the orphan allowance is paid from this month. */
  switchToOrphanFrom?: YearMonth;
  explanation: Explanation;
}

/** The month benefits start: the month after county confirmation (R10). */
export function benefitStartMonth(confirmationDate: PlainDate): YearMonth {
  return addYearMonths(yearMonthOf(confirmationDate), 1);
}

export function exitSchedule(
  reason: ExitReason,
  eventDate: PlainDate,
  pack: Pick<EffectivePack, 'gradualExitMonths' | 'gradualExitReasons'>,
): ExitDecision {
  const eventMonth = yearMonthOf(eventDate);
  const gradual = pack.gradualExitReasons.includes(reason) ? pack.gradualExitMonths : 0;
  const lastPaidMonth = addYearMonths(eventMonth, gradual);
  const label = EXIT_REASON_LABELS[reason];
  if (reason === 'recognized-orphan') {
    const from = addYearMonths(eventMonth, 1);
    return {
      reason,
      eventDate,
      eventMonth,
      gradualExitMonths: 0,
      lastPaidMonth: eventMonth,
      switchToOrphanFrom: from,
      explanation: {
        rule: 'exit',
        text: `${eventDate}${label}，自${from}起改按孤儿保障`,
        basis: '民发〔2019〕62号（被认定为孤儿的终止事实无人抚养儿童保障）',
      },
    };
  }
  const tail =
    gradual > 0
      ? `，渐退期${gradual}个月，发放至${lastPaidMonth}`
      : `，自${addYearMonths(eventMonth, 1)}起停发`;
  return {
    reason,
    eventDate,
    eventMonth,
    gradualExitMonths: gradual,
    lastPaidMonth,
    explanation: { rule: 'exit', text: `${eventDate}${label}${tail}`, basis: BASIS_EXIT },
  };
}

const ALLOWANCE_CATEGORIES: readonly CategoryCode[] = [
  'orphan',
  'de-facto-unsupported',
  'hiv-infected',
  'family-hardship',
  'self-hardship',
  'guardianship-hardship',
  'temporary-hardship',
];
const covered = (d: Determination) => d.categories.some((c) => ALLOWANCE_CATEGORIES.includes(c));

const RELEASED: readonly ParentConditionKind[] = ['imprisoned', 'drug-rehab', 'detained'];
const RESUMED: readonly ParentConditionKind[] = [
  'lost-contact',
  'guardianship-revoked',
  'deported',
  'declared-missing',
];
const RECOVERED: readonly ParentConditionKind[] = ['severe-disability', 'serious-illness'];

/** Whether the parent in `role` has a condition of `kind` in force on the facts' as-of date. */
const holds = (facts: ChildFacts, role: ParentRole, kind: ParentConditionKind) =>
  facts.parents.some(
    (p) => p.role === role && p.conditions.some((c) => c.kind === kind && inForce(c, facts.asOf)),
  );

/** Parent conditions in force on before.asOf that are no longer in force on after.asOf. */
function endedConditions(
  before: ChildFacts,
  after: ChildFacts,
): { kind: ParentConditionKind; date: PlainDate }[] {
  const out: { kind: ParentConditionKind; date: PlainDate }[] = [];
  for (const parent of before.parents) {
    const later = after.parents.find((p) => p.role === parent.role);
    for (const c of parent.conditions.filter((x) => inForce(x, before.asOf))) {
      if (holds(after, parent.role, c.kind)) continue;
      const ended = later?.conditions.find(
        (x) => x.kind === c.kind && x.until !== undefined && x.until <= after.asOf,
      );
      out.push({ kind: c.kind, date: ended?.until ?? after.asOf });
    }
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * Compares the same child at two dates (two fact sets, or one history evaluated at two asOf
 * dates) and decides whether the living allowance ends, why, and the last month paid.
 * Undefined when the child is still covered (or never was). Death is not a fact of ChildFacts:
 * callers record it with exitSchedule('died', date, pack).
 */
export function detectExit(
  before: ChildFacts,
  after: ChildFacts,
  packs: readonly PolicyPack[],
): ExitDecision | undefined {
  const was = evaluate(before, packs);
  const now = evaluate(after, packs);
  if (!covered(was)) return undefined;
  const pack = packForFacts(after, packs);
  if (was.categories.includes('de-facto-unsupported') && now.categories.includes('orphan')) {
    // The day the child became an orphan: the start of a parent's condition in force now that
    // was not before (a condition recorded late keeps its own date: a mother who died ten days
    // ago, recorded today, makes the switch from the month after her death).
    const recognized = after.parents
      .flatMap((p) =>
        p.conditions.filter(
          (c) => c.since !== undefined && inForce(c, after.asOf) && !holds(before, p.role, c.kind),
        ),
      )
      .map((c) => c.since as PlainDate)
      .sort()[0];
    return exitSchedule('recognized-orphan', recognized ?? after.asOf, pack);
  }
  const schedule = (reason: ExitReason, date: PlainDate) => exitSchedule(reason, date, pack);
  // A 户籍 move ends payment by the old county even when the child stays covered: the new
  // county takes over (its own confirmation), so the old one pays no 渐退期.
  if (!isWithinRegion(after.child.hukouRegion, before.child.hukouRegion.slice(0, 6))) {
    return schedule('moved-away', after.asOf);
  }
  if (covered(now)) return undefined;

  if (after.child.placement === 'adopted' && before.child.placement !== 'adopted')
    return schedule('adopted', after.asOf);
  if (now.age >= 18) {
    return was.age >= 18
      ? schedule('graduated', after.asOf)
      : schedule('age-18', dateOfAge(after.child.birthDate, 18));
  }
  const ended = endedConditions(before, after);
  const first = (kinds: readonly ParentConditionKind[]) => ended.find((e) => kinds.includes(e.kind));
  const released = first(RELEASED);
  if (released) return schedule('parent-released', released.date);
  const resumed = first(RESUMED);
  if (resumed) return schedule('parent-resumed-care', resumed.date);
  const recovered = first(RECOVERED);
  if (recovered) return schedule('recovered', recovered.date);
  if (
    (before.child.seriousIllness && !after.child.seriousIllness) ||
    (before.child.disability && !after.child.disability)
  ) {
    return schedule('recovered', after.asOf);
  }
  if (before.household.assistance !== 'none' && after.household.assistance === 'none') {
    return schedule('family-improved', after.asOf);
  }
  return schedule('other', after.asOf);
}
