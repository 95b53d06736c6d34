import { addMonths, type PlainDate } from '../shared/dates.ts';

/**
 * Re-review (资格复审, domain.md §5): a child in the payroll is reviewed every
 * `reviewIntervalMonths` (pack; default 12) counted from county confirmation or from the last
 * review that kept the child. A campaign lists every child whose review falls due by its due date.
 */
export function reviewDueSince(
  confirmedAt: PlainDate,
  lastReviewed: PlainDate | undefined,
  intervalMonths: number,
): PlainDate {
  const from = lastReviewed !== undefined && lastReviewed > confirmedAt ? lastReviewed : confirmedAt;
  return addMonths(from, intervalMonths);
}

export const isReviewDue = (dueSince: PlainDate, campaignDue: PlainDate) => dueSince <= campaignDue;

export interface ReviewState {
  /** Township (first 9 digits of the 户籍 code). */
  township: string;
  decided: boolean;
}

export interface ReviewProgress {
  due: number;
  done: number;
  overdue: number;
}

/** Undecided items are overdue once the campaign's due date has passed. */
export function reviewProgress(
  items: readonly ReviewState[],
  campaignDue: PlainDate,
  today: PlainDate,
): { total: ReviewProgress; byTownship: Map<string, ReviewProgress> } {
  const total = { due: 0, done: 0, overdue: 0 };
  const byTownship = new Map<string, ReviewProgress>();
  const late = today > campaignDue;
  for (const item of items) {
    let t = byTownship.get(item.township);
    if (!t) byTownship.set(item.township, (t = { due: 0, done: 0, overdue: 0 }));
    for (const p of [total, t]) {
      p.due += 1;
      if (item.decided) p.done += 1;
      else if (late) p.overdue += 1;
    }
  }
  return { total, byTownship };
}
