import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, dayOfWeek, fromDayNumber } from './dates.ts';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days.ts';
import { PACKS } from '../eligibility/test-support.ts';
import { getPack } from '../policy/resolve.ts';

const cal = getPack(PACKS, 'cn', '2026-12-31').calendar;

describe('working days on the national calendar (State Council notices 2024–2026)', () => {
  it.each([
    ['2025-01-26', true], // 春节调休上班 (Sunday)
    ['2025-01-28', false], // 除夕
    ['2025-02-04', false],
    ['2025-02-08', true], // Saturday make-up
    ['2025-10-08', false],
    ['2025-10-11', true],
    ['2024-02-18', true],
    ['2024-05-11', true],
    ['2026-01-04', true],
    ['2026-02-23', false],
    ['2026-02-28', true],
    ['2026-05-09', true],
    ['2026-09-20', true],
    ['2026-10-10', true],
    ['2025-07-05', false], // an ordinary Saturday
    ['2025-07-07', true],
  ])('%s is a working day: %s', (d, expected) => {
    expect(isWorkingDay(d, cal)).toBe(expected);
  });

  it('each year: weekday holidays − make-up days = the statutory days (11 in 2024, 13 from 2025)', () => {
    const weekdaysOff = (year: string) =>
      cal.holidays.filter((d) => d.startsWith(year) && ![0, 6].includes(dayOfWeek(d))).length;
    const makeups = (year: string) => cal.makeupWorkdays.filter((d) => d.startsWith(year)).length;
    expect([weekdaysOff('2024'), makeups('2024')]).toEqual([19, 8]);
    expect([weekdaysOff('2025'), makeups('2025')]).toEqual([18, 5]);
    expect([weekdaysOff('2026'), makeups('2026')]).toEqual([19, 6]);
  });

  it('R10: 15 working days from a receipt on 2025-09-26 skip the National Day week', () => {
    // 9-28 (Sun) and 10-11 (Sat) are make-up days; 10-01..10-08 are off.
    expect(addWorkingDays('2025-09-26', 15, cal)).toBe('2025-10-23');
    expect(workingDaysBetween('2025-09-26', '2025-10-23', cal)).toBe(15);
  });

  it('R11: cross-province chain 3 + 15 + 15 + 3 working days across Spring Festival 2026', () => {
    const accepted = '2026-02-09';
    const forwarded = addWorkingDays(accepted, 3, cal);
    const verified = addWorkingDays(forwarded, 15, cal);
    const decided = addWorkingDays(verified, 15, cal);
    const informed = addWorkingDays(decided, 3, cal);
    expect(forwarded).toBe('2026-02-12');
    expect(workingDaysBetween(accepted, informed, cal)).toBe(36);
  });

  it('addWorkingDays(0) is the start day; workingDaysBetween inverts addWorkingDays', () => {
    expect(addWorkingDays('2025-07-05', 0, cal)).toBe('2025-07-05');
    const date = fc.integer({ min: 19_700, max: 20_800 }).map(fromDayNumber);
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 60 }), (d, n) => {
        const end = addWorkingDays(d, n, cal);
        return workingDaysBetween(d, end, cal) === n && (n === 0 || isWorkingDay(end, cal));
      }),
    );
  });

  it('counts only days after the start', () => {
    expect(workingDaysBetween('2025-07-04', '2025-07-07', cal)).toBe(1);
    expect(workingDaysBetween('2025-07-07', addDays('2025-07-07', 0), cal)).toBe(0);
  });
});
