import { z } from 'zod';

/**
 * Calendar dates and months as plain strings ('YYYY-MM-DD', 'YYYY-MM'), never JS `Date`:
 * no time zones, no hidden clock. Arithmetic goes through a day number (days since
 * 1970-01-01, proleptic Gregorian) computed with integer formulas only.
 */
export type PlainDate = string;
export type YearMonth = string;

const MONTH_RE = /^(\d{4})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const DASH = 45;

/** The parts of a valid date, or undefined (wrong shape, month 13, 2023-02-29 …). */
export function parseDateParts(s: string): DateParts | undefined {
  // Digit by digit rather than a regular expression: roster intake parses millions of dates.
  if (s.length !== 10 || s.charCodeAt(4) !== DASH || s.charCodeAt(7) !== DASH) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 7);
  const day = digits(s, 8, 10);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

/** The number written by s[from, to) in ASCII digits; -1 if any is not one. */
function digits(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

export function isPlainDate(s: unknown): s is PlainDate {
  return typeof s === 'string' && parseDateParts(s) !== undefined;
}

export function isYearMonth(s: unknown): s is YearMonth {
  if (typeof s !== 'string') return false;
  const m = MONTH_RE.exec(s);
  return !!m && Number(m[1]) >= 1 && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

export const PlainDate = z.string().refine(isPlainDate, { message: '日期格式应为 YYYY-MM-DD 且为真实日期' });
export const YearMonth = z.string().refine(isYearMonth, { message: '月份格式应为 YYYY-MM' });

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function formatDate({ year, month, day }: DateParts): PlainDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function parts(date: PlainDate): DateParts {
  const p = parseDateParts(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  return p;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function toDayNumber(date: PlainDate): number {
  const { year, month, day } = parts(date);
  const y = year - (month <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDayNumber(n: number): PlainDate {
  const z0 = n + 719468;
  const era = Math.floor(z0 / 146097);
  const doe = z0 - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp + (mp < 10 ? 3 : -9);
  return formatDate({ year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day });
}

/** Negative, zero or positive; plain string order is date order for valid dates. */
export function compareDates(a: PlainDate, b: PlainDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const maxDate = (a: PlainDate, b: PlainDate): PlainDate => (a < b ? b : a);
export const minDate = (a: PlainDate, b: PlainDate): PlainDate => (a < b ? a : b);

export function addDays(date: PlainDate, days: number): PlainDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(from: PlainDate, to: PlainDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: PlainDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

/**
 * Same day `months` later; when that month is shorter the day is clamped to its last day
 * (2025-01-31 + 1 month = 2025-02-28), the usual civil-law reading of "满N个月".
 */
export function addMonths(date: PlainDate, months: number): PlainDate {
  const { year, month, day } = parts(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatDate({ year: y, month: m, day: Math.min(day, daysInMonth(y, m)) });
}

/** True when at least `months` whole months have passed from `since` to `asOf`. */
export function monthsElapsed(since: PlainDate, asOf: PlainDate, months: number): boolean {
  return addMonths(since, months) <= asOf;
}

/** Whole months from `from` to `to` (0 when `to` is earlier than one month after `from`). */
export function wholeMonthsBetween(from: PlainDate, to: PlainDate): number {
  if (to < from) return -wholeMonthsBetween(to, from);
  const a = parts(from);
  const b = parts(to);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (addMonths(from, months) > to) months -= 1;
  return months;
}

/**
 * The day someone born on `birthDate` has their birthday in `year`. Choice for 29 February:
 * in a non-leap year the birthday is 1 March (the person is not yet N on 28 February),
 * which never makes a child "older" early — the cautious reading for an age-18 exit.
 */
export function birthdayInYear(birthDate: PlainDate, year: number): PlainDate {
  const { month, day } = parts(birthDate);
  if (month === 2 && day === 29 && !isLeapYear(year)) return formatDate({ year, month: 3, day: 1 });
  return formatDate({ year, month, day });
}

/** Age in whole years on `date`: a child born 2007-03-12 turns 18 on 2025-03-12. */
export function ageAt(birthDate: PlainDate, date: PlainDate): number {
  const b = parts(birthDate);
  const d = parts(date);
  const age = d.year - b.year;
  return date < birthdayInYear(birthDate, d.year) ? age - 1 : age;
}

/** The day a person born on `birthDate` reaches `years` of age. */
export function dateOfAge(birthDate: PlainDate, years: number): PlainDate {
  return birthdayInYear(birthDate, parts(birthDate).year + years);
}

export function yearMonthOf(date: PlainDate): YearMonth {
  return date.slice(0, 7);
}

function monthParts(ym: YearMonth): { year: number; month: number } {
  const m = MONTH_RE.exec(ym);
  if (!m || !isYearMonth(ym)) throw new RangeError(`not a month: ${ym}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

export function firstDayOfMonth(ym: YearMonth): PlainDate {
  const { year, month } = monthParts(ym);
  return formatDate({ year, month, day: 1 });
}

export function lastDayOfMonth(ym: YearMonth): PlainDate {
  const { year, month } = monthParts(ym);
  return formatDate({ year, month, day: daysInMonth(year, month) });
}

export function addYearMonths(ym: YearMonth, months: number): YearMonth {
  return yearMonthOf(addMonths(firstDayOfMonth(ym), months));
}

export function compareYearMonths(a: YearMonth, b: YearMonth): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Months from `from` to `to`: 2025-01 → 2025-03 is 2. */
export function yearMonthsBetween(from: YearMonth, to: YearMonth): number {
  const a = monthParts(from);
  const b = monthParts(to);
  return (b.year - a.year) * 12 + (b.month - a.month);
}

/**
 * The date of an instant in China Standard Time: civil-affairs dates are Asia/Shanghai dates
 * whatever the server's or the browser's zone. (The domain takes the instant as an argument; the
 * server's clock and the web's `today.ts` pass the current one.)
 */
export function chinaDateOf(instant: Date): PlainDate {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
