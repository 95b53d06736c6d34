import type { EffectivePack } from '../policy/pack.ts';
import type { PlainDate } from '../shared/dates.ts';
import { addWorkingDays, workingDaysBetween } from '../shared/working-days.ts';
import { pendingStage, type ApplicationState, type Stage } from './application.ts';

/**
 * Deadlines in working days on the pack's calendar (domain.md §6): township verification ≤ 15 WD
 * from receipt, county confirmation ≤ 15 WD from verification (pack parameters; some places 10
 * or 5). On the 跨省通办 path: forward ≤ 3 WD from intake, verify ≤ 15 WD, decide ≤ 15 WD, inform
 * ≤ 3 WD from the decision (`deadlines.crossProvince`). A returned application waits on the
 * applicant: no deadline runs. Which pack counts each step is the caller's choice: the pack of the
 * office that must act (ADR 0008).
 */

export const DUE_SOON_WORKING_DAYS = 3;

export const DEADLINE_STATUSES = ['on-time', 'due-soon', 'overdue'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export const DEADLINE_STATUS_LABELS: Record<DeadlineStatus, string> = {
  'on-time': '正常',
  'due-soon': '即将到期',
  overdue: '已超期',
};

export const STAGE_LABELS: Record<Stage, string> = {
  forward: '转交户籍地',
  township: '乡镇查验',
  county: '县级确认',
  inform: '告知申请人',
};

export interface StageDeadline {
  /** Who must act next. */
  stage: Stage;
  startedOn: PlainDate;
  dueOn: PlainDate;
  workingDays: number;
}

/** Working days allowed for a stage under a pack. */
export function stageWorkingDays(
  stage: Stage,
  remote: boolean,
  pack: Pick<EffectivePack, 'deadlines'>,
): number {
  const d = pack.deadlines;
  if (stage === 'forward') return d.crossProvince.forward;
  if (stage === 'inform') return d.crossProvince.notify;
  if (stage === 'township') return remote ? d.crossProvince.verify : d.townshipVerify;
  return remote ? d.crossProvince.decide : d.countyConfirm;
}

/** The running deadline of an application, or undefined when nobody at an office must act. */
export function stageDeadline(
  state: Pick<ApplicationState, 'status' | 'stageStartedOn' | 'path'>,
  pack: Pick<EffectivePack, 'deadlines' | 'calendar'>,
): StageDeadline | undefined {
  const start = state.stageStartedOn;
  const stage = pendingStage(state.status, state.path ?? 'local');
  if (start === undefined || stage === undefined) return undefined;
  const n = stageWorkingDays(stage, state.path === 'remote', pack);
  return { stage, startedOn: start, dueOn: addWorkingDays(start, n, pack.calendar), workingDays: n };
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
