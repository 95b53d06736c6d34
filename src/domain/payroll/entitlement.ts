import {
  BENEFIT_LABELS,
  CATEGORY_LABELS,
  type BenefitCode,
  type CategoryCode,
} from '../eligibility/codes.ts';
import type { Benefit, Determination } from '../eligibility/determination.ts';
import { evaluate, packForFacts } from '../eligibility/evaluate.ts';
import { benefitStartMonth, detectExit, exitSchedule, type ExitDecision } from '../eligibility/exits.ts';
import { BASIS } from '../eligibility/rules/basis.ts';
import { schoolYearGrantFen } from '../policy/parameters.ts';
import type { EffectivePack, PolicyPack } from '../policy/pack.ts';
import { addYearMonths, firstDayOfMonth, yearMonthsBetween, type YearMonth } from '../shared/dates.ts';
import { validationError } from '../shared/errors.ts';
import { fenToYuanString } from '../shared/money.ts';
import { toSixDigits } from '../shared/region-code.ts';
import {
  ITEM_LABELS,
  monthText,
  SCHOOL_YEAR_GRANT,
  withId,
  type LineExplanation,
  type PayrollLine,
} from './line.ts';
import {
  exitKnownAt,
  factsKnownAt,
  factsOn,
  type FactsDocument,
  type Instant,
  type PayrollRecord,
} from './record.ts';

/**
 * What a child is entitled to for one month, as known at one instant (ADR 0005).
 *
 * The month is judged on its FIRST day: facts in force on the 1st decide the whole month, so a
 * child who turns 18 on 12 March is paid for March as a child, and the exit (with its 渐退期)
 * runs from April. This matches "the event month is paid; termination from the next month"
 * (民发〔2019〕62号) without pro-rating, and a fact dated inside a month changes that month only
 * when it is dated on the 1st.
 */

export interface MonthEntitlement {
  lines: PayrollLine[];
  /** Per line id: the reason alone, without amount and month (for correction lines). */
  reasons: Record<string, LineExplanation>;
  /** Why the month pays nothing, or what ends it (start, exit, not covered). */
  notes: LineExplanation[];
}

export const yuan = (fen: number) => `${fenToYuanString(fen)}元`;

const HARDSHIP: readonly CategoryCode[] = [
  'family-hardship',
  'self-hardship',
  'guardianship-hardship',
  'temporary-hardship',
];
const CATEGORY_OF_BENEFIT: Record<BenefitCode, CategoryCode | undefined> = {
  'orphan-allowance': 'orphan',
  'fuc-allowance': 'de-facto-unsupported',
  'hiv-allowance': 'hiv-infected',
  'hardship-allowance': undefined,
};
const ALLOWANCE_CATEGORIES: readonly CategoryCode[] = [
  'orphan',
  'de-facto-unsupported',
  'hiv-infected',
  ...HARDSHIP,
];

function categoryOf(b: Benefit, d: Determination): CategoryCode {
  return (
    CATEGORY_OF_BENEFIT[b.code] ??
    d.categories.find((c) => HARDSHIP.includes(c)) ??
    d.categories[0] ??
    'family-hardship'
  );
}

/** Evaluation context for one child as known at one instant. */
interface Ctx {
  record: PayrollRecord;
  doc: FactsDocument;
  packs: readonly PolicyPack[];
}

function determinationFor(ctx: Ctx, month: YearMonth): Determination {
  const d = evaluate(factsOn(ctx.record, ctx.doc, firstDayOfMonth(month)), ctx.packs);
  if (d.benefits.length === 0 && d.categories.some((c) => ALLOWANCE_CATEGORIES.includes(c))) {
    const missing = d.warnings.filter((w) => w.startsWith('政策包 ') && w.includes('未设定'));
    if (missing.length > 0) {
      // domain.md §4: a pack without amounts cannot be paid; payroll refuses by name.
      throw validationError(`${monthText(month)}无法发放：${missing.join('；')}`, [
        { path: 'policy', message: missing.join('；') },
      ]);
    }
  }
  return d;
}

function packFor(ctx: Ctx, month: YearMonth): EffectivePack {
  return packForFacts(factsOn(ctx.record, ctx.doc, firstDayOfMonth(month)), ctx.packs);
}

/** One line per benefit entry: the 户籍 county pays the standard, the residence county the top-up. */
function benefitLines(
  ctx: Ctx,
  month: YearMonth,
  d: Determination,
  why: (b: Benefit) => { reason: LineExplanation; text: string },
): MonthEntitlement {
  const { record, doc } = ctx;
  const out: MonthEntitlement = { lines: [], reasons: {}, notes: [] };
  for (const b of d.benefits.filter((x) => x.monthlyFen > 0)) {
    const { reason, text } = why(b);
    const line = withId({
      childId: record.childId,
      month,
      forMonth: month,
      item: b.code,
      placement: b.placement,
      category: categoryOf(b, d),
      amountFen: b.monthlyFen,
      payingRegion: toSixDigits(b.topUp ? doc.child.residenceRegion : record.hukouRegion),
      hukouRegion: record.hukouRegion,
      kind: 'regular',
      source: '',
      explanation: { text, basis: reason.basis },
    });
    out.lines.push(line);
    out.reasons[line.id] = reason;
  }
  return out;
}

/** The determination's own reasons for a benefit: category, standard, 补差, top-up. */
function benefitReason(b: Benefit, d: Determination): LineExplanation {
  const find = (rule: string) => d.explanations.find((e) => e.rule === rule);
  const category = find(categoryOf(b, d));
  const main = b.topUp ? find('migrant-top-up') : find(b.code);
  const partial = b.topUp ? undefined : find('partial-payment');
  const parts = [category, main, partial].filter((e) => e !== undefined);
  return {
    text: parts.map((e) => e.text).join('；'),
    basis: [...new Set(parts.map((e) => e.basis))].join('；'),
  };
}

function regularLines(ctx: Ctx, month: YearMonth, d: Determination): MonthEntitlement {
  return benefitLines(ctx, month, d, (b) => {
    const reason = benefitReason(b, d);
    const verb = b.topUp ? '由居住地补差发放' : '发放';
    return {
      reason,
      text: `${monthText(month)}${verb}${BENEFIT_LABELS[b.code]}${yuan(b.monthlyFen)}（${reason.text}）`,
    };
  });
}

const IN_SCHOOL_EXCLUDED = new Set(['none', 'preschool']);

/** School-year grant (大兴 助学金) in the pack's grant month, the highest applicable amount, once. */
function addGrant(ctx: Ctx, month: YearMonth, d: Determination, into: MonthEntitlement): void {
  const pack = packFor(ctx, month);
  const inSchool = !IN_SCHOOL_EXCLUDED.has(ctx.doc.child.schooling);
  const fen = schoolYearGrantFen(pack, d.categories, month, inSchool);
  if (fen <= 0) return;
  const category =
    [...d.categories].sort(
      (a, b) => (pack.schoolYearGrants.amounts[b] ?? 0) - (pack.schoolYearGrants.amounts[a] ?? 0),
    )[0] ?? 'orphan';
  const year = Number(month.slice(0, 4));
  const reason = {
    text: `${CATEGORY_LABELS[category]}在校就读，每学年发放一次`,
    basis: pack.sources[0] ?? pack.name,
  };
  const line = withId({
    childId: ctx.record.childId,
    month,
    forMonth: month,
    item: SCHOOL_YEAR_GRANT,
    category,
    amountFen: fen,
    payingRegion: toSixDigits(ctx.record.hukouRegion),
    hukouRegion: ctx.record.hukouRegion,
    kind: 'regular',
    source: '',
    explanation: {
      text: `${monthText(month)}发放${year}—${year + 1}学年${ITEM_LABELS[SCHOOL_YEAR_GRANT]}${yuan(fen)}（${reason.text}）`,
      basis: reason.basis,
    },
  });
  into.lines.push(line);
  into.reasons[line.id] = reason;
}

/** 渐退期 (or event-month) lines: the allowance as on the last covered month, unchanged. */
function gradualLines(ctx: Ctx, month: YearMonth, last: Determination, exit: ExitDecision): MonthEntitlement {
  const k = yearMonthsBetween(exit.eventMonth, month);
  const phase =
    k <= 0
      ? `${monthText(month)}为退出事件当月，照常发放`
      : `${monthText(month)}为渐退期第${k}个月（共${exit.gradualExitMonths}个月），按退出前待遇发放`;
  const reason = { text: `${exit.explanation.text}；${phase}`, basis: exit.explanation.basis };
  const out = benefitLines(ctx, month, last, (b) => ({
    reason,
    text: `${reason.text}${BENEFIT_LABELS[b.code]}${yuan(b.monthlyFen)}`,
  }));
  return { ...out, notes: [exit.explanation] };
}

const none = (text: string, basis: string): MonthEntitlement => ({
  lines: [],
  reasons: {},
  notes: [{ text, basis }],
});

/** Lines and reasons for one child and month, as known at `knownAt`. */
export function entitlementDetail(
  record: PayrollRecord,
  month: YearMonth,
  packs: readonly PolicyPack[],
  knownAt: Instant,
): MonthEntitlement {
  const doc = factsKnownAt(record, knownAt);
  if (!doc) return none(`截至${knownAt}尚无儿童档案事实记录`, BASIS.start);
  const ctx: Ctx = { record, doc, packs };
  const start = benefitStartMonth(record.confirmedOn);
  if (month < start) {
    return none(`${record.confirmedOn}县级确认，自${monthText(start)}起发放`, BASIS.start);
  }

  const exit = exitKnownAt(record, knownAt);
  // Recognition as an orphan is a switch of category, which the facts themselves carry.
  if (exit && exit.reason !== 'recognized-orphan') {
    const eventFacts = factsOn(record, doc, exit.eventDate);
    const schedule = exitSchedule(exit.reason, exit.eventDate, packForFacts(eventFacts, packs));
    if (month > schedule.lastPaidMonth) return none(schedule.explanation.text, schedule.explanation.basis);
    if (month > schedule.eventMonth) {
      // The allowance as on the event month, or the month before if the event fell on the 1st.
      let last = determinationFor(ctx, schedule.eventMonth);
      const previous = addYearMonths(schedule.eventMonth, -1);
      if (last.benefits.length === 0 && previous >= start) last = determinationFor(ctx, previous);
      return gradualLines(ctx, month, last, schedule);
    }
  }

  const d = determinationFor(ctx, month);
  if (d.benefits.length > 0) {
    const out = regularLines(ctx, month, d);
    addGrant(ctx, month, d, out);
    return out;
  }
  return derivedExit(ctx, month, start) ?? notCovered(month, d);
}

/**
 * Not covered on the 1st: if the child was covered in one of the last months, the exit
 * between the last covered month and the next (detectExit) may still pay this month.
 */
function derivedExit(ctx: Ctx, month: YearMonth, start: YearMonth): MonthEntitlement | undefined {
  const window = packFor(ctx, month).gradualExitMonths + 1;
  for (let k = 1; k <= window; k++) {
    const last = addYearMonths(month, -k);
    if (last < start) return undefined;
    const d = determinationFor(ctx, last);
    if (d.benefits.length === 0) continue;
    const before = factsOn(ctx.record, ctx.doc, firstDayOfMonth(last));
    const after = factsOn(ctx.record, ctx.doc, firstDayOfMonth(addYearMonths(last, 1)));
    const exit = detectExit(before, after, ctx.packs);
    if (!exit || exit.reason === 'recognized-orphan') return undefined;
    if (month > exit.lastPaidMonth) return none(exit.explanation.text, exit.explanation.basis);
    return gradualLines(ctx, month, d, exit);
  }
  return undefined;
}

function notCovered(month: YearMonth, d: Determination): MonthEntitlement {
  const reasons = d.explanations.filter((e) => e.rule !== 'policy');
  const text = reasons.length > 0 ? reasons.map((e) => e.text).join('；') : '不符合保障条件';
  return none(`${monthText(month)}不予发放：${text}`, reasons[0]?.basis ?? BASIS.child);
}

/**
 * The lines a child is entitled to for `month`, as known at `knownAt` (regular kind): one
 * living allowance (after 补差), a migrant top-up paid by the residence county, the
 * school-year grant in the grant month, and 渐退期 months after an exit. Throws VALIDATION
 * when the pack in force sets no amount for the child's allowance.
 */
export function entitlementForMonth(
  record: PayrollRecord,
  month: YearMonth,
  packs: readonly PolicyPack[],
  knownAt: Instant,
): PayrollLine[] {
  return entitlementDetail(record, month, packs, knownAt).lines;
}
