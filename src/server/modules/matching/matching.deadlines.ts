import type { PolicyPack } from '../../../domain/policy/pack.ts';
import { PACK_DEFAULTS } from '../../../domain/policy/pack.ts';
import { selectPack } from '../../../domain/policy/resolve.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import { addWorkingDays, workingDaysBetween } from '../../../domain/shared/working-days.ts';

/** A township resolves a lead within this many working days (the township verification term). */
export const LEAD_WORKING_DAYS = 15;

const calendarFor = (packs: readonly PolicyPack[], region: string, on: PlainDate) =>
  (selectPack(packs, region, on) ?? PACK_DEFAULTS).calendar;

export function leadDueOn(packs: readonly PolicyPack[], region: string, created: PlainDate): PlainDate {
  return addWorkingDays(created, LEAD_WORKING_DAYS, calendarFor(packs, region, created));
}

export type DeadlineStatus = 'on-track' | 'due-soon' | 'overdue';

/** Colour of an open lead's deadline today: overdue after it, due soon within 3 working days. */
export function deadlineStatus(
  packs: readonly PolicyPack[],
  region: string,
  dueOn: PlainDate,
  today: PlainDate,
): { status: DeadlineStatus; workingDaysLeft: number } {
  const left = workingDaysBetween(today, dueOn, calendarFor(packs, region, today));
  return { status: left < 0 ? 'overdue' : left <= 3 ? 'due-soon' : 'on-track', workingDaysLeft: left };
}
