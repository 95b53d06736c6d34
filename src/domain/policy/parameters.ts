import { addWorkingDays } from '../shared/working-days.ts';
import type { PlainDate, YearMonth } from '../shared/dates.ts';
import type { CategoryCode } from '../eligibility/codes.ts';
import type { EffectivePack } from './pack.ts';

/** Small readers of pack parameters for workflows, visits and payroll. */

/** Months between visits for a child: the shortest interval of any of its categories (R29). */
export function visitIntervalMonths(pack: EffectivePack, categories: readonly CategoryCode[]): number {
  const byCategory = categories.map(
    (c) => pack.visits.intervalMonthsByCategory[c] ?? pack.visits.defaultIntervalMonths,
  );
  return Math.min(pack.visits.defaultIntervalMonths, ...byCategory);
}

export type DeadlineStep = 'townshipVerify' | 'countyConfirm' | 'forward' | 'verify' | 'decide' | 'notify';

/** The last day for a step that started on `start` (R10, R11), in working days on the pack calendar. */
export function deadlineFor(pack: EffectivePack, step: DeadlineStep, start: PlainDate): PlainDate {
  const days =
    step === 'townshipVerify' || step === 'countyConfirm'
      ? pack.deadlines[step]
      : pack.deadlines.crossProvince[step];
  return addWorkingDays(start, days, pack.calendar);
}

/**
 * The school-year grant due in `month` (大兴: orphans 10,000 yuan, FUC 8,000 yuan per school
 * year, paid in the pack's grant month) for a child in school; 0 otherwise. The highest
 * applicable amount, once.
 */
export function schoolYearGrantFen(
  pack: EffectivePack,
  categories: readonly CategoryCode[],
  month: YearMonth,
  inSchool: boolean,
): number {
  if (!inSchool || Number(month.slice(5, 7)) !== pack.schoolYearGrants.grantMonth) return 0;
  return Math.max(0, ...categories.map((c) => pack.schoolYearGrants.amounts[c] ?? 0));
}
