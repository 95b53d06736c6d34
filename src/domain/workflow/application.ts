import { z } from 'zod';
import type { Actor } from '../access/access.ts';
import { Permission, permissionsOf } from '../access/roles.ts';
import type { PlainDate } from '../shared/dates.ts';
import { isWithinRegion } from '../shared/region-code.ts';

/**
 * The application workflow (domain.md §6): 申请 → 乡镇查验 → 县级确认. After OpenCRVS
 * (availableActions.ts, state/index.ts): the status is never stored as truth, it is the fold of an
 * append-only action log; which action is allowed from which status, by whom, is ONE table.
 */

export const APPLICATION_STATUSES = [
  'submitted',
  'verified',
  'approved',
  'refused',
  'returned',
  'withdrawn',
] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

export const APPLICATION_ACTIONS = [
  'submit',
  'verify',
  'confirm',
  'refuse',
  'return',
  'resubmit',
  'withdraw',
] as const;
export const ApplicationAction = z.enum(APPLICATION_ACTIONS);
export type ApplicationAction = z.infer<typeof ApplicationAction>;

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '待乡镇查验',
  verified: '待县级确认',
  approved: '已确认纳入保障',
  refused: '不予认定',
  returned: '退回补充材料',
  withdrawn: '已撤回',
};

export const APPLICATION_ACTION_LABELS: Record<ApplicationAction, string> = {
  submit: '提交申请',
  verify: '查验通过',
  confirm: '确认认定',
  refuse: '不予认定',
  return: '退回补充材料',
  resubmit: '重新提交',
  withdraw: '撤回申请',
};

/**
 * Who acts: the applicant side (village 儿童主任 or township 督导员 helping the family), the township
 * that verifies, the county that decides. Each level needs a permission and a jurisdiction that
 * contains the application's 户籍 at that level (township actions: the 户籍 township; county
 * actions: the 户籍 county).
 */
export const ActorLevel = { applicant: 'applicant', township: 'township', county: 'county' } as const;
export type ActorLevel = (typeof ActorLevel)[keyof typeof ActorLevel];

const LEVEL_PERMISSION: Record<ActorLevel, Permission> = {
  applicant: Permission.applicationSubmit,
  township: Permission.applicationVerify,
  county: Permission.applicationConfirm,
};

/** Digits of the 户籍 code an actor's jurisdiction must contain to act at a level. */
const LEVEL_CODE_LENGTH: Record<ActorLevel, number> = { applicant: 12, township: 9, county: 6 };

export interface Transition {
  action: ApplicationAction;
  /** undefined = no application yet (the first action). */
  from: ApplicationStatus | undefined;
  to: ApplicationStatus;
  by: ActorLevel;
  /** Refusal needs written reasons (民发〔2019〕62号: 不予认定的书面说明理由). */
  needsReasons?: boolean;
}

/** THE table. A row per (action, from): nothing else decides what may happen. */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', from: undefined, to: 'submitted', by: 'applicant' },
  { action: 'verify', from: 'submitted', to: 'verified', by: 'township' },
  { action: 'return', from: 'submitted', to: 'returned', by: 'township' },
  { action: 'confirm', from: 'verified', to: 'approved', by: 'county' },
  { action: 'refuse', from: 'verified', to: 'refused', by: 'county', needsReasons: true },
  { action: 'return', from: 'verified', to: 'returned', by: 'county' },
  { action: 'resubmit', from: 'returned', to: 'submitted', by: 'applicant' },
  { action: 'withdraw', from: 'submitted', to: 'withdrawn', by: 'applicant' },
  { action: 'withdraw', from: 'returned', to: 'withdrawn', by: 'applicant' },
];

export const OPEN_STATUSES: readonly ApplicationStatus[] = ['submitted', 'verified', 'returned'];

/** True when the actor may act at `level` on an application filed under 户籍 `hukouRegion`. */
export function canActAt(
  actor: Pick<Actor, 'roles' | 'jurisdiction'>,
  level: ActorLevel,
  hukouRegion: string,
): boolean {
  if (!permissionsOf(actor.roles).has(LEVEL_PERMISSION[level])) return false;
  const unit = hukouRegion.slice(0, LEVEL_CODE_LENGTH[level]);
  return isWithinRegion(unit, actor.jurisdiction);
}

/** The actions this actor may take now (OpenCRVS getAvailableActions). */
export function availableActions(
  status: ApplicationStatus | undefined,
  actor: Pick<Actor, 'roles' | 'jurisdiction'>,
  hukouRegion: string,
): ApplicationAction[] {
  const out = TRANSITIONS.filter((t) => t.from === status && canActAt(actor, t.by, hukouRegion)).map(
    (t) => t.action,
  );
  return [...new Set(out)];
}

export type ActionCheck =
  | { ok: true; transition: Transition }
  /** conflict: not allowed from this status; forbidden: allowed, but not for this actor. */
  | {
      ok: false;
      refusal: 'conflict' | 'forbidden' | 'reasons-required';
      allowed: ApplicationAction[];
      message: string;
    };

const list = (actions: readonly ApplicationAction[]) =>
  actions.length === 0 ? '无' : actions.map((a) => APPLICATION_ACTION_LABELS[a]).join('、');

/** Decides one requested action against the current status and the actor. */
export function checkAction(
  status: ApplicationStatus | undefined,
  action: ApplicationAction,
  actor: Pick<Actor, 'roles' | 'jurisdiction'>,
  hukouRegion: string,
  reasons: readonly string[] = [],
): ActionCheck {
  const allowed = availableActions(status, actor, hukouRegion);
  const candidates = TRANSITIONS.filter((t) => t.action === action && t.from === status);
  const where = status === undefined ? '尚未提交' : `“${APPLICATION_STATUS_LABELS[status]}”`;
  if (candidates.length === 0) {
    return {
      ok: false,
      refusal: 'conflict',
      allowed,
      message: `申请当前状态为${where}，不能执行“${APPLICATION_ACTION_LABELS[action]}”；您可执行：${list(allowed)}`,
    };
  }
  const transition = candidates.find((t) => canActAt(actor, t.by, hukouRegion));
  if (!transition) {
    return {
      ok: false,
      refusal: 'forbidden',
      allowed,
      message: `您无权执行“${APPLICATION_ACTION_LABELS[action]}”`,
    };
  }
  if (transition.needsReasons && reasons.every((r) => r.trim() === '')) {
    return { ok: false, refusal: 'reasons-required', allowed, message: '不予认定须书面说明理由' };
  }
  return { ok: true, transition };
}

/** One entry of the append-only log. */
export interface ActionRecord {
  seq: number;
  action: ApplicationAction;
  /** The working day the action was taken (deadlines count from it). */
  on: PlainDate;
}

export interface ApplicationState {
  status: ApplicationStatus | undefined;
  /** Last sequence number; the next action must carry seq + 1. */
  seq: number;
  submittedOn?: PlainDate;
  /** Since when the current step has been waiting (submission, resubmission or verification). */
  stageStartedOn?: PlainDate;
  decidedOn?: PlainDate;
  returns: number;
}

export const INITIAL_STATE: ApplicationState = { status: undefined, seq: 0, returns: 0 };

/** Applies one action; throws on a log that breaks the table (it cannot come from checkAction). */
export function applyAction(state: ApplicationState, rec: ActionRecord): ApplicationState {
  const t = TRANSITIONS.find((x) => x.action === rec.action && x.from === state.status);
  if (!t || rec.seq !== state.seq + 1) {
    throw new RangeError(`invalid application log: ${rec.action} #${rec.seq} from ${state.status ?? 'none'}`);
  }
  const next: ApplicationState = { ...state, status: t.to, seq: rec.seq };
  if (rec.action === 'submit') next.submittedOn = rec.on;
  if (t.to === 'submitted' || t.to === 'verified') next.stageStartedOn = rec.on;
  else delete next.stageStartedOn;
  if (t.to === 'approved' || t.to === 'refused') next.decidedOn = rec.on;
  if (t.to === 'returned') next.returns += 1;
  return next;
}

/** The status is the fold of the log (OpenCRVS getStatusFromActions). */
export function foldApplication(log: readonly ActionRecord[]): ApplicationState {
  return [...log].sort((a, b) => a.seq - b.seq).reduce(applyAction, INITIAL_STATE);
}
