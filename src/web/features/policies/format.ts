/** Pure display helpers of the policy pages. */
import { addDays, type PlainDate } from '../../../domain/shared/dates.ts';
import { fenToYuanString } from '../../../domain/shared/money.ts';
import { toSixDigits } from '../../../domain/shared/region-code.ts';
import type { WorkingDayCalendar } from '../../../domain/shared/working-days.ts';

/** 120000 → "1200.00"; unset stays undefined so the page can say 未设定 instead of guessing. */
export function yuan(fen: number | undefined): string | undefined {
  return fen === undefined ? undefined : fenToYuanString(fen);
}

/** "" → 全国; a stored (normalised) code in its six-digit form: 6403 → 640300. */
export function jurisdictionText(code: string): string {
  return code === '' ? '全国' : toSixDigits(code);
}

/** "2024-02-10" → "2月10日". */
function monthDay(date: PlainDate): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/**
 * Consecutive dates folded into ranges, for a compact calendar:
 * [02-10 … 02-17, 04-04] → ["2月10日–2月17日", "4月4日"].
 */
export function dateRanges(dates: readonly PlainDate[]): string[] {
  const sorted = [...new Set(dates)].sort();
  const out: string[] = [];
  let start: PlainDate | undefined;
  let end: PlainDate | undefined;
  const flush = () => {
    if (start === undefined || end === undefined) return;
    out.push(start === end ? monthDay(start) : `${monthDay(start)}–${monthDay(end)}`);
  };
  for (const d of sorted) {
    if (end !== undefined && addDays(end, 1) === d) {
      end = d;
      continue;
    }
    flush();
    start = d;
    end = d;
  }
  flush();
  return out;
}

export interface CalendarYear {
  year: string;
  holidays: string[];
  holidayCount: number;
  makeupWorkdays: string[];
}

/** The working-day calendar, one row per year (newest first). */
export function calendarByYear(cal: WorkingDayCalendar): CalendarYear[] {
  const years = new Set([...cal.holidays, ...cal.makeupWorkdays].map((d) => d.slice(0, 4)));
  return [...years]
    .sort((a, b) => b.localeCompare(a))
    .map((year) => {
      const holidays = cal.holidays.filter((d) => d.startsWith(year));
      return {
        year,
        holidays: dateRanges(holidays),
        holidayCount: new Set(holidays).size,
        makeupWorkdays: dateRanges(cal.makeupWorkdays.filter((d) => d.startsWith(year))),
      };
    });
}

interface PackRef {
  id: string;
  jurisdiction: string;
}

/** The pack that governs a user's own jurisdiction: the longest jurisdiction on its path. */
export function packForJurisdiction<T extends PackRef>(
  packs: readonly T[],
  jurisdiction: string,
): T | undefined {
  let best: T | undefined;
  for (const p of packs) {
    if (!jurisdiction.startsWith(p.jurisdiction)) continue;
    if (!best || p.jurisdiction.length > best.jurisdiction.length) best = p;
  }
  return best ?? packs[0];
}
