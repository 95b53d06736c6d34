import { z } from 'zod';
import type { Actor } from '../access/access.ts';
import { Permission, permissionsOf } from '../access/roles.ts';
import type { PlainDate } from '../shared/dates.ts';
import { isWithinRegion } from '../shared/region-code.ts';

/**
 * The application workflow (domain.md §6): 申请 → 乡镇查验 → 县级确认, and its 跨省通办 path
 * (apply anywhere): 异地受理 → 转交户籍地 → 户籍地乡镇查验 → 户籍地县级确认 → 告知申请人. After OpenCRVS
 * (availableActions.ts, state/index.ts): the status is never stored as truth, it is the fold of an
 * append-only action log; which action is allowed from which status, by whom, is ONE table.
 */

export const APPLICATION_STATUSES = [
  'accepted',
  'submitted',
  'verified',
  'approved',
  'refused',
  'returned',
  'withdrawn',
  'closed',
] as const;
export const ApplicationStatus = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatus>;

export const APPLICATION_ACTIONS = [
  'submit',
  'accept',
  'forward',
  'verify',
  'confirm',
  'refuse',
  'return',
  'resubmit',
  'withdraw',
  'inform',
] as const;
export const ApplicationAction = z.enum(APPLICATION_ACTIONS);
export type ApplicationAction = z.infer<typeof ApplicationAction>;

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  accepted: '异地受理待转交',
  submitted: '待乡镇查验',
  verified: '待县级确认',
  approved: '已确认纳入保障',
  refused: '不予认定',
  returned: '退回补充材料',
  withdrawn: '已撤回',
  closed: '已告知申请人',
};

export const APPLICATION_ACTION_LABELS: Record<ApplicationAction, string> = {
  submit: '提交申请',
  accept: '异地受理',
  forward: '转交户籍地',
  verify: '查验通过',
  confirm: '确认认定',
  refuse: '不予认定',
  return: '退回补充材料',
  resubmit: '重新提交',
  withdraw: '撤回申请',
  inform: '告知申请人',
};

/** 告知申请人: how the accepting township told the applicant the decision. */
export const NOTICE_MEANS = ['phone', 'sms', 'in-person', 'mail', 'online'] as const;
export const NoticeMeans = z.enum(NOTICE_MEANS);
export type NoticeMeans = z.infer<typeof NoticeMeans>;
export const NOTICE_MEANS_LABELS: Record<NoticeMeans, string> = {
  phone: '电话告知',
  sms: '短信告知',
  'in-person': '当面告知',
  mail: '邮寄书面通知',
  online: '政务服务平台推送',
};

/**
 * Where the application was taken in: `local` at the 户籍 (village or township), `remote` at any
 * other township (跨省通办). The path is fixed by the first action and never changes.
 */
export const APPLICATION_PATHS = ['local', 'remote'] as const;
export type ApplicationPath = (typeof APPLICATION_PATHS)[number];

/** The offices of one case: the 户籍 (who verifies and decides) and, on the remote path, the accepting township. */
export interface CaseUnits {
  hukouRegion: string;
  /** The accepting township (9 digits); null or absent on the local path. */
  acceptingRegion?: string | null;
}

export const pathOf = (units: CaseUnits): ApplicationPath => (units.acceptingRegion ? 'remote' : 'local');

/**
 * Who acts: the applicant side (village 儿童主任 or township 督导员 helping the family; on the remote
 * path the accepting township, which forwards and informs), the township that verifies, the county
 * that decides. Each level needs a permission and a jurisdiction that contains the case's office at
 * that level (township actions: the 户籍 township; county actions: the 户籍 county; applicant
 * actions: the 户籍 village, or the accepting township on the remote path).
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
  /** Only on this path; both when absent. */
  path?: ApplicationPath;
  /** Refusal needs written reasons (民发〔2019〕62号: 不予认定的书面说明理由). */
  needsReasons?: boolean;
  /** Informing the applicant records the date and the means (跨省通办: 告知申请人). */
  needsNotice?: boolean;
}

/** THE table. A row per (action, from): nothing else decides what may happen. */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', from: undefined, to: 'submitted', by: 'applicant', path: 'local' },
  // 跨省通办: the accepting township takes the application in and forwards it within 3 WD.
  { action: 'accept', from: undefined, to: 'accepted', by: 'applicant', path: 'remote' },
  { action: 'forward', from: 'accepted', to: 'submitted', by: 'applicant', path: 'remote' },
  { action: 'withdraw', from: 'accepted', to: 'withdrawn', by: 'applicant', path: 'remote' },
  { action: 'verify', from: 'submitted', to: 'verified', by: 'township' },
  { action: 'return', from: 'submitted', to: 'returned', by: 'township' },
  { action: 'confirm', from: 'verified', to: 'approved', by: 'county' },
  { action: 'refuse', from: 'verified', to: 'refused', by: 'county', needsReasons: true },
  { action: 'return', from: 'verified', to: 'returned', by: 'county' },
  { action: 'resubmit', from: 'returned', to: 'submitted', by: 'applicant' },
  { action: 'withdraw', from: 'submitted', to: 'withdrawn', by: 'applicant' },
  { action: 'withdraw', from: 'returned', to: 'withdrawn', by: 'applicant' },
  // 跨省通办: after the 户籍 county decides, the accepting township informs the applicant within 3 WD.
  { action: 'inform', from: 'approved', to: 'closed', by: 'applicant', path: 'remote', needsNotice: true },
  { action: 'inform', from: 'refused', to: 'closed', by: 'applicant', path: 'remote', needsNotice: true },
];

/** Undecided: at most one such application per child (a unique index in the database). */
export const OPEN_STATUSES: readonly ApplicationStatus[] = ['accepted', 'submitted', 'verified', 'returned'];

const onPath = (t: Transition, path: ApplicationPath) => t.path === undefined || t.path === path;

/**
 * The step now waiting on an office, if any: `forward` and `inform` at the accepting township,
 * `township` (查验) and `county` (确认) at the 户籍. Returned cases wait on the applicant.
 */
export const STAGES = ['forward', 'township', 'county', 'inform'] as const;
export type Stage = (typeof STAGES)[number];

export function pendingStage(
  status: ApplicationStatus | undefined,
  path: ApplicationPath,
): Stage | undefined {
  if (status === 'accepted') return 'forward';
  if (status === 'submitted') return 'township';
  if (status === 'verified') return 'county';
  if (path === 'remote' && (status === 'approved' || status === 'refused')) return 'inform';
  return undefined;
}

/** The region code of the office that must act at a stage (its pack's calendar counts the days). */
export function stageOffice(stage: Stage, units: CaseUnits): string {
  if (stage === 'forward' || stage === 'inform') return units.acceptingRegion ?? units.hukouRegion;
  return units.hukouRegion.slice(0, stage === 'township' ? 9 : 6);
}

/** The action that ends each stage (whoever may take it is the handler of the deadline). */
export const STAGE_ACTION: Record<Stage, ApplicationAction> = {
  forward: 'forward',
  township: 'verify',
  county: 'confirm',
  inform: 'inform',
};

/**
 * Which side of a case the actor stands on: the 户籍 side sees everything (its jurisdiction holds
 * the child's file); the accepting side of a remote case sees only its part; anyone else nothing.
 */
export type CaseSide = 'hukou' | 'accepting';
export function sideOf(actor: Pick<Actor, 'jurisdiction'>, units: CaseUnits): CaseSide | undefined {
  if (isWithinRegion(units.hukouRegion, actor.jurisdiction)) return 'hukou';
  if (units.acceptingRegion && isWithinRegion(units.acceptingRegion, actor.jurisdiction)) return 'accepting';
  return undefined;
}

/** True when the actor may act at `level` on the case. */
export function canActAt(
  actor: Pick<Actor, 'roles' | 'jurisdiction'>,
  level: ActorLevel,
  units: CaseUnits,
): boolean {
  if (!permissionsOf(actor.roles).has(LEVEL_PERMISSION[level])) return false;
  const accepting = units.acceptingRegion;
  if (level === 'applicant' && accepting) {
    // The accepting office is a township, and the 户籍 lies outside it (else it is a local case).
    if (accepting.length !== 9 || isWithinRegion(units.hukouRegion, accepting)) return false;
    return isWithinRegion(accepting, actor.jurisdiction);
  }
  const unit = units.hukouRegion.slice(0, LEVEL_CODE_LENGTH[level]);
  return isWithinRegion(unit, actor.jurisdiction);
}

/** The actions this actor may take now (OpenCRVS getAvailableActions). */
export function availableActions(
  status: ApplicationStatus | undefined,
  actor: Pick<Actor, 'roles' | 'jurisdiction'>,
  units: CaseUnits,
): ApplicationAction[] {
  const path = pathOf(units);
  const out = TRANSITIONS.filter(
    (t) => t.from === status && onPath(t, path) && canActAt(actor, t.by, units),
  ).map((t) => t.action);
  return [...new Set(out)];
}

export type ActionCheck =
  | { ok: true; transition: Transition }
  /** conflict: not allowed from this status; forbidden: allowed, but not for this actor. */
  | {
      ok: false;
      refusal: 'conflict' | 'forbidden' | 'reasons-required' | 'notice-required';
      allowed: ApplicationAction[];
      message: string;
    };

const list = (actions: readonly ApplicationAction[]) =>
  actions.length === 0 ? '无' : actions.map((a) => APPLICATION_ACTION_LABELS[a]).join('、');

/** What an action carries besides its name. */
export interface ActionInput {
  reasons?: readonly string[];
  /** 告知申请人: how the applicant was told (phone, in person …). */
  noticeMeans?: string;
}

/** Decides one requested action against the current status and the actor. */
export function checkAction(
  status: ApplicationStatus | undefined,
  action: ApplicationAction,
  actor: Pick<Actor, 'roles' | 'jurisdiction'>,
  units: CaseUnits,
  input: ActionInput = {},
): ActionCheck {
  const allowed = availableActions(status, actor, units);
  const path = pathOf(units);
  const candidates = TRANSITIONS.filter((t) => t.action === action && t.from === status && onPath(t, path));
  const where = status === undefined ? '尚未提交' : `“${APPLICATION_STATUS_LABELS[status]}”`;
  if (candidates.length === 0) {
    return {
      ok: false,
      refusal: 'conflict',
      allowed,
      message: `申请当前状态为${where}，不能执行“${APPLICATION_ACTION_LABELS[action]}”；您可执行：${list(allowed)}`,
    };
  }
  const transition = candidates.find((t) => canActAt(actor, t.by, units));
  if (!transition) {
    return {
      ok: false,
      refusal: 'forbidden',
      allowed,
      message: `您无权执行“${APPLICATION_ACTION_LABELS[action]}”`,
    };
  }
  if (transition.needsReasons && (input.reasons ?? []).every((r) => r.trim() === '')) {
    return { ok: false, refusal: 'reasons-required', allowed, message: '不予认定须书面说明理由' };
  }
  if (transition.needsNotice && !input.noticeMeans?.trim()) {
    return { ok: false, refusal: 'notice-required', allowed, message: '告知申请人须填写告知日期和方式' };
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
  /** Fixed by the first action (submit: local, accept: remote). */
  path?: ApplicationPath;
  /** Last sequence number; the next action must carry seq + 1. */
  seq: number;
  submittedOn?: PlainDate;
  /** Since when the current step has been waiting (see `pendingStage`). */
  stageStartedOn?: PlainDate;
  decidedOn?: PlainDate;
  /** The county's decision; kept after the applicant is informed (status `closed`). */
  outcome?: 'approved' | 'refused';
  informedOn?: PlainDate;
  returns: number;
}

export const INITIAL_STATE: ApplicationState = { status: undefined, seq: 0, returns: 0 };

/** Applies one action; throws on a log that breaks the table (it cannot come from checkAction). */
export function applyAction(state: ApplicationState, rec: ActionRecord): ApplicationState {
  const t = TRANSITIONS.find(
    (x) =>
      x.action === rec.action &&
      x.from === state.status &&
      (state.path === undefined || onPath(x, state.path)),
  );
  if (!t || rec.seq !== state.seq + 1) {
    throw new RangeError(`invalid application log: ${rec.action} #${rec.seq} from ${state.status ?? 'none'}`);
  }
  const path = state.path ?? t.path ?? 'local';
  const next: ApplicationState = { ...state, path, status: t.to, seq: rec.seq };
  if (rec.action === 'submit' || rec.action === 'accept') next.submittedOn = rec.on;
  if (pendingStage(t.to, path) !== undefined) next.stageStartedOn = rec.on;
  else delete next.stageStartedOn;
  if (t.to === 'approved' || t.to === 'refused') {
    next.decidedOn = rec.on;
    next.outcome = t.to;
  }
  if (rec.action === 'inform') next.informedOn = rec.on;
  if (t.to === 'returned') next.returns += 1;
  return next;
}

/** The status is the fold of the log (OpenCRVS getStatusFromActions). */
export function foldApplication(log: readonly ActionRecord[]): ApplicationState {
  return [...log].sort((a, b) => a.seq - b.seq).reduce(applyAction, INITIAL_STATE);
}
