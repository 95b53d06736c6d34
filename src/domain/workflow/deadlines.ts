import type { EffectivePack } from '../policy/pack.ts';
import type { PlainDate } from '../shared/dates.ts';
import { addWorkingDays, workingDaysBetween } from '../shared/working-days.ts';
import type { ActorLevel, ApplicationState } from './application.ts';

/**
 * Deadlines in working days on the pack's calendar (domain.md §6): township verification ≤ 15 WD
 * from receipt, county confirmation ≤ 15 WD from verification (pack parameters; some places 10
 * or 5). A returned application waits on the applicant: no deadline runs.
 */

export const DUE_SOON_WORKING_DAYS = 3;

export const DEADLINE_STATUSES = ['on-time', 'due-soon', 'overdue'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export const DEADLINE_STATUS_LABELS: Record<DeadlineStatus, string> = {
  'on-time': '正常',
  'due-soon': '即将到期',
  overdue: '已超期',
};

export interface StageDeadline {
  /** Who must act next. */
  stage: Extract<ActorLevel, 'township' | 'county'>;
  startedOn: PlainDate;
  dueOn: PlainDate;
  workingDays: number;
}

/** The running deadline of an application, or undefined when nobody at the office must act. */
export function stageDeadline(
  state: Pick<ApplicationState, 'status' | 'stageStartedOn'>,
  pack: Pick<EffectivePack, 'deadlines' | 'calendar'>,
): StageDeadline | undefined {
  const start = state.stageStartedOn;
  if (start === undefined) return undefined;
  if (state.status === 'submitted') {
    const n = pack.deadlines.townshipVerify;
    return {
      stage: 'township',
      startedOn: start,
      dueOn: addWorkingDays(start, n, pack.calendar),
      workingDays: n,
    };
  }
  if (state.status === 'verified') {
    const n = pack.deadlines.countyConfirm;
    return {
      stage: 'county',
      startedOn: start,
      dueOn: addWorkingDays(start, n, pack.calendar),
      workingDays: n,
    };
  }
  return undefined;
}

export interface DeadlineView {
  status: DeadlineStatus;
  /** Working days left until the due date (negative once overdue). */
  workingDaysLeft: number;
}

/** On time, due soon (≤ 3 working days left) or overdue (the due date has passed). */
export function deadlineStatus(
  dueOn: PlainDate,
  today: PlainDate,
  pack: Pick<EffectivePack, 'calendar'>,
): DeadlineView {
  const left = workingDaysBetween(today, dueOn, pack.calendar);
  if (today > dueOn) return { status: 'overdue', workingDaysLeft: left };
  return { status: left <= DUE_SOON_WORKING_DAYS ? 'due-soon' : 'on-time', workingDaysLeft: left };
}
