import { z } from 'zod';
import { addDays, dayOfWeek, PlainDate } from './dates.ts';

/**
 * A working-day calendar: Monday–Friday are working days except `holidays`; Saturdays and
 * Sundays are off except `makeupWorkdays` (调休上班). Data lives in the policy pack.
 */
export const WorkingDayCalendar = z.object({
  holidays: z.array(PlainDate).default([]),
  makeupWorkdays: z.array(PlainDate).default([]),
});
export type WorkingDayCalendar = z.output<typeof WorkingDayCalendar>;

export function isWorkingDay(date: PlainDate, cal: WorkingDayCalendar): boolean {
  if (cal.makeupWorkdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6;
}

/**
 * The n-th working day after `start` (the start day itself is not counted, as for a deadline
 * "within 15 working days of receipt"); n = 0 gives `start`; negative n counts backwards.
 */
export function addWorkingDays(start: PlainDate, n: number, cal: WorkingDayCalendar): PlainDate {
  const step = n < 0 ? -1 : 1;
  let date = start;
  for (let left = Math.abs(n); left > 0;) {
    date = addDays(date, step);
    if (isWorkingDay(date, cal)) left -= 1;
  }
  return date;
}

/**
 * Working days in the half-open interval (from, to]: how many working days have passed
 * since `from` by the end of `to`. Negative when `to` is before `from`.
 * Inverse of addWorkingDays: workingDaysBetween(d, addWorkingDays(d, n)) = n.
 */
export function workingDaysBetween(from: PlainDate, to: PlainDate, cal: WorkingDayCalendar): number {
  if (to < from) return -workingDaysBetween(to, from, cal);
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1)) {
    if (isWorkingDay(date, cal)) count += 1;
  }
  return count;
}
