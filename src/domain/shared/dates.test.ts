import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  chinaDateOf,
  addDays,
  addMonths,
  addYearMonths,
  ageAt,
  dayOfWeek,
  firstDayOfMonth,
  fromDayNumber,
  isPlainDate,
  lastDayOfMonth,
  monthsElapsed,
  parseDateParts,
  PlainDate,
  toDayNumber,
  wholeMonthsBetween,
  YearMonth,
  yearMonthsBetween,
} from './dates.ts';

describe('parseDateParts', () => {
  it('accepts exactly YYYY-MM-DD in ASCII digits naming a real date, as its pattern says', () => {
    const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const reference = (s: string) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
      if (!m) return undefined;
      const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const days = month === 2 ? (leap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
      return year < 1 || month < 1 || month > 12 || day < 1 || day > days ? undefined : { year, month, day };
    };
    const text = fc
      .array(fc.constantFrom(...'0123456789-/: ０a'), { minLength: 8, maxLength: 11 })
      .map((cs) => cs.join(''));
    const shaped = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
      )
      .map(
        ([y, m, d]) =>
          `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      );
    const chars = fc.constantFrom(...'0123456789-/: ０a');
    const spoiled = fc
      .tuple(shaped, fc.nat(9), chars)
      .map(([s, i, c]) => `${s.slice(0, i)}${c}${s.slice(i + 1)}`);
    fc.assert(
      fc.property(fc.oneof(text, shaped, spoiled), (s) => {
        expect(parseDateParts(s)).toEqual(reference(s));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('PlainDate', () => {
  it.each([
    ['2025-02-29', false],
    ['2024-02-29', true],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['2025-04-31', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
  ])('%s valid = %s', (s, ok) => {
    expect(isPlainDate(s)).toBe(ok);
    expect(PlainDate.safeParse(s).success).toBe(ok);
  });

  it('YearMonth accepts YYYY-MM only', () => {
    expect(YearMonth.safeParse('2025-07').success).toBe(true);
    expect(YearMonth.safeParse('2025-7').success).toBe(false);
    expect(YearMonth.safeParse('2025-00').success).toBe(false);
  });

  it('day numbers round-trip and match known weekdays', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(dayOfWeek('2025-07-01')).toBe(2); // Tuesday
    expect(dayOfWeek('2024-02-29')).toBe(4); // Thursday
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (n) => toDayNumber(fromDayNumber(n)) === n),
    );
  });

  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });
});

describe('age and months', () => {
  it('R1: a child born 2007-03-12 turns 18 on 2025-03-12, not a day earlier', () => {
    expect(ageAt('2007-03-12', '2025-03-11')).toBe(17);
    expect(ageAt('2007-03-12', '2025-03-12')).toBe(18);
  });

  it('16th birthday exactly', () => {
    expect(ageAt('2009-07-01', '2025-06-30')).toBe(15);
    expect(ageAt('2009-07-01', '2025-07-01')).toBe(16);
  });

  it('born on 29 February: the birthday is 1 March in non-leap years', () => {
    expect(ageAt('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageAt('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageAt('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('addMonths clamps to the end of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2025-03-15', -3)).toBe('2024-12-15');
  });

  it('6 months have elapsed exactly on the same day six months later', () => {
    expect(monthsElapsed('2025-01-01', '2025-06-30', 6)).toBe(false);
    expect(monthsElapsed('2025-01-01', '2025-07-01', 6)).toBe(true);
  });

  it('whole months between dates', () => {
    expect(wholeMonthsBetween('2025-01-15', '2025-07-14')).toBe(5);
    expect(wholeMonthsBetween('2025-01-15', '2025-07-15')).toBe(6);
    expect(wholeMonthsBetween('2025-01-31', '2025-02-28')).toBe(1);
    expect(wholeMonthsBetween('2025-07-15', '2025-01-15')).toBe(-6);
  });

  it('month helpers', () => {
    expect(firstDayOfMonth('2024-02')).toBe('2024-02-01');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2025-02')).toBe('2025-02-28');
    expect(addYearMonths('2025-11', 3)).toBe('2026-02');
    expect(yearMonthsBetween('2025-01', '2025-07')).toBe(6);
  });

  it('age never decreases as the date advances', () => {
    const date = fc.integer({ min: 0, max: 30_000 }).map(fromDayNumber);
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 10_000 }), (birth, gap) => {
        const d = addDays(birth, gap);
        return ageAt(birth, d) <= ageAt(birth, addDays(d, 1)) && ageAt(birth, d) >= 0;
      }),
    );
  });
});

describe('chinaDateOf', () => {
  it('gives the date in China Standard Time whatever the zone the instant was written in', () => {
    // 16:00 UTC is midnight in Beijing: the office's day has already turned.
    expect(chinaDateOf(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
    expect(chinaDateOf(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
    expect(chinaDateOf(new Date('2026-12-31T23:30:00-05:00'))).toBe('2027-01-01');
  });
});
