import type { Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { PACK_DEFAULTS, type EffectivePack, type PolicyPack } from '../../../domain/policy/pack.ts';
import { selectPack } from '../../../domain/policy/resolve.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import { conflict, forbidden, notFound, validationError } from '../../../domain/shared/errors.ts';
import {
  applyAction,
  availableActions,
  checkAction,
  foldApplication,
  INITIAL_STATE,
  OPEN_STATUSES,
  type ApplicationAction,
  type ApplicationState,
  type ApplicationStatus,
} from '../../../domain/workflow/application.ts';
import { deadlineStatus, stageDeadline } from '../../../domain/workflow/deadlines.ts';
import { assertAccess } from '../../platform/access.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { ChildrenService } from '../children/children.service.ts';
import type { ChildSummary } from '../children/children.views.ts';
import { isUniqueViolation } from '../children/db-errors.ts';
import { applicationsRepo, type ActionRow, type ApplicationRow } from './applications.repo.ts';
import type {
  ActionRequest,
  ApplicationDetail,
  ApplicationQuery,
  ApplicationSummary,
  Deadline,
  NewApplication,
} from './applications.views.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the child's status becomes after an action (benefits start only with confirmation). */
const CHILD_STATUS_AFTER: Partial<Record<ApplicationAction, 'applying' | 'active' | 'registered'>> = {
  submit: 'applying',
  confirm: 'active',
  refuse: 'registered',
  withdraw: 'registered',
};

/** 申请编号: SQ + year of submission + running number (SQ2026000042). */
export const applicationNo = (row: Pick<ApplicationRow, 'submittedOn' | 'serialNo'>) =>
  `SQ${row.submittedOn.slice(0, 4)}${String(row.serialNo).padStart(6, '0')}`;

export interface ApplicationsDeps {
  db: Db;
  children: ChildrenService;
  packs: () => readonly PolicyPack[];
  today: () => PlainDate;
}

export function makeApplicationsService(deps: ApplicationsDeps) {
  const { db, children, today } = deps;

  const packFor = (hukou: string, on: PlainDate): EffectivePack | undefined =>
    selectPack(deps.packs(), hukou, on);

  /** The running deadline with its colour for today, on the 户籍 pack's calendar. */
  function deadlineOf(row: ApplicationRow): Deadline | null {
    if (!row.dueOn || !row.stageStartedOn) return null;
    const pack = packFor(row.hukouRegion, row.stageStartedOn);
    const stage = stageDeadline(
      { status: row.status as ApplicationStatus, stageStartedOn: row.stageStartedOn },
      pack ?? PACK_DEFAULTS,
    );
    if (!stage) return null;
    const view = deadlineStatus(row.dueOn, today(), pack ?? PACK_DEFAULTS);
    return { stage: stage.stage, dueOn: row.dueOn, ...view };
  }

  function summaryOf(actor: Actor, row: ApplicationRow, child: ChildSummary): ApplicationSummary {
    const status = row.status as ApplicationStatus;
    return {
      id: row.id,
      no: applicationNo(row),
      child,
      hukouRegion: row.hukouRegion,
      status,
      applicant: { kind: row.applicant.kind, name: row.applicant.name, relation: row.applicant.relation },
      submittedOn: row.submittedOn,
      decidedOn: row.decidedOn,
      deadline: deadlineOf(row),
      actions: availableActions(status, actor, row.hukouRegion),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  const logView = (a: ActionRow & { actorName: string | null }) => ({
    seq: a.seq,
    action: a.action as ApplicationAction,
    fromStatus: (a.fromStatus as ApplicationStatus | null) ?? null,
    toStatus: a.toStatus as ApplicationStatus,
    actor: a.actorUsername,
    actorName: a.actorName,
    at: a.at.toISOString(),
    on: a.on,
    comment: a.comment,
    reasons: a.reasons ?? [],
  });

  /** Built after the transaction: views read region names (PGlite has one connection). */
  async function detailOf(actor: Actor, row: ApplicationRow): Promise<ApplicationDetail> {
    const [log, summaries, childRow] = await Promise.all([
      applicationsRepo.logWithNames(db, row.id),
      children.summariesOf([row.childId]),
      children.getScoped(db, actor, row.childId, Permission.applicationRead),
    ]);
    const preview = await children.preview(db, childRow);
    return {
      ...summaryOf(actor, row, summaries.get(row.childId)!),
      log: log.map(logView),
      applicantPhone: row.applicant.phone ?? null,
      preview: preview.determination ?? null,
      previewProblem: preview.problem ?? null,
    };
  }

  async function getScoped(tx: Db, actor: Actor, id: string): Promise<ApplicationRow> {
    assertAccess(actor, Permission.applicationRead, undefined, '申请');
    const row = UUID.test(id) ? await applicationsRepo.findById(tx, id) : undefined;
    if (!row) throw notFound('申请');
    assertAccess(actor, Permission.applicationRead, row.hukouRegion, '申请');
    return row;
  }

  /** The projection of a folded state: what the queue reads. */
  function projection(state: ApplicationState, hukou: string) {
    const on = state.stageStartedOn;
    const pack = on ? packFor(hukou, on) : undefined;
    const deadline = stageDeadline(state, pack ?? PACK_DEFAULTS);
    return {
      status: state.status as ApplicationStatus,
      seq: state.seq,
      stageStartedOn: on ?? null,
      dueOn: deadline?.dueOn ?? null,
      decidedOn: state.decidedOn ?? null,
    };
  }

  function refuse(check: Exclude<ReturnType<typeof checkAction>, { ok: true }>): never {
    if (check.refusal === 'conflict') throw conflict(check.message, check.allowed);
    if (check.refusal === 'forbidden') throw forbidden(check.message);
    throw validationError(check.message, [{ path: 'reasons', message: check.message }]);
  }

  const hukouTooCoarse = () =>
    validationError('申请须填写到乡镇（街道）一级的户籍地', [
      { path: 'child.facts.child.hukouRegion', message: '请选择到乡镇（街道）或村（居）' },
    ]);
  const busy = () => conflict('该申请刚被他人处理，请刷新后查看最新状态');

  return {
    async list(actor: Actor, q: ApplicationQuery) {
      assertAccess(actor, Permission.applicationRead, undefined, '申请');
      const statuses = q.status === 'open' ? [...OPEN_STATUSES] : q.status ? [q.status] : undefined;
      const childId = q.childId && UUID.test(q.childId) ? q.childId : undefined;
      if (q.childId && !childId) return { items: [], total: 0 };
      const { items, total } = await applicationsRepo.list(db, actor, {
        statuses,
        childId,
        page: q.page,
        pageSize: q.pageSize,
      });
      const kids = await children.summariesOf(items.map((i) => i.childId));
      return { items: items.map((r) => summaryOf(actor, r, kids.get(r.childId)!)), total };
    },

    async get(actor: Actor, id: string, ctx: AuditContext): Promise<ApplicationDetail> {
      const row = await getScoped(db, actor, id);
      await writeAudit(db, ctx, {
        action: 'application.read',
        entityType: 'application',
        entityId: row.id,
        regionCode: row.hukouRegion,
      });
      return detailOf(actor, row);
    },

    /** 申请: for an existing file or a new one, created in the same transaction. */
    async create(actor: Actor, input: NewApplication, ctx: AuditContext) {
      assertAccess(actor, Permission.applicationSubmit, undefined, '申请');
      const prepared = input.child ? await children.prepareNew(actor, input.child) : undefined;
      if (!prepared) await children.getScoped(db, actor, input.childId ?? '', Permission.applicationSubmit);
      const hukou = prepared?.values.hukouRegion;
      if (hukou !== undefined && hukou.length < 9) throw hukouTooCoarse();
      const { row, child } = await db.transaction(async (tx) => {
        const child = prepared
          ? await children.createInTx(tx, actor, prepared, ctx)
          : await children.getScoped(tx, actor, input.childId ?? '', Permission.applicationSubmit, true);
        if (child.hukouRegion.length < 9) throw hukouTooCoarse();
        if (child.status === 'active') throw conflict('该儿童已纳入保障，无需重复申请');
        if (await applicationsRepo.openFor(tx, child.id)) throw conflict('该儿童已有在办的申请');
        const on = today();
        const check = checkAction(undefined, 'submit', actor, child.hukouRegion);
        if (!check.ok) refuse(check);
        const state = applyAction(INITIAL_STATE, { seq: 1, action: 'submit', on });
        let row: ApplicationRow;
        try {
          row = await applicationsRepo.insert(tx, {
            childId: child.id,
            hukouRegion: child.hukouRegion,
            applicant: input.applicant,
            submittedOn: on,
            factsVersion: child.version,
            createdBy: actor.userId,
            ...projection(state, child.hukouRegion),
          });
        } catch (e) {
          if (isUniqueViolation(e)) throw conflict('该儿童已有在办的申请');
          throw e;
        }
        await applicationsRepo.insertAction(tx, {
          applicationId: row.id,
          seq: 1,
          action: 'submit',
          fromStatus: null,
          toStatus: 'submitted',
          actorId: actor.userId,
          actorUsername: actor.username,
          on,
          comment: input.comment ?? null,
        });
        await children.changeStatus(tx, child.id, 'applying', on, ctx);
        await writeAudit(tx, ctx, {
          action: 'application.submit',
          entityType: 'application',
          entityId: row.id,
          regionCode: row.hukouRegion,
          detail: {
            childId: child.id,
            seq: 1,
            from: { status: null },
            to: { status: 'submitted' },
            dueOn: row.dueOn,
          },
        });
        return { row, child };
      });
      const warnings = prepared ? await children.duplicateWarnings(actor, child) : [];
      return { application: await detailOf(actor, row), warnings };
    },

    /**
     * One workflow action. Exactly one of two racing actions wins: each carries the next sequence
     * number, and (application_id, seq) is unique; the loser gets 409 and sees the new state.
     */
    async act(actor: Actor, id: string, req: ActionRequest, ctx: AuditContext): Promise<ApplicationDetail> {
      let updated: ApplicationRow;
      try {
        updated = await db.transaction(async (tx) => {
          const row = await getScoped(tx, actor, id);
          const log = await applicationsRepo.log(tx, row.id);
          const state = foldApplication(
            log.map((a) => ({ seq: a.seq, action: a.action as ApplicationAction, on: a.on })),
          );
          const reasons = (req.reasons ?? []).filter((r) => r !== '');
          const check = checkAction(state.status, req.action, actor, row.hukouRegion, reasons);
          if (!check.ok) refuse(check);
          const on = today();
          const next = applyAction(state, { seq: state.seq + 1, action: req.action, on });
          await applicationsRepo.insertAction(tx, {
            applicationId: row.id,
            seq: next.seq,
            action: req.action,
            fromStatus: state.status ?? null,
            toStatus: next.status as ApplicationStatus,
            actorId: actor.userId,
            actorUsername: actor.username,
            on,
            comment: req.comment || null,
            reasons: reasons.length > 0 ? reasons : null,
          });
          const moved = await applicationsRepo.advance(
            tx,
            row.id,
            state.seq,
            projection(next, row.hukouRegion),
          );
          if (!moved) throw busy();
          const childStatus = CHILD_STATUS_AFTER[req.action];
          if (childStatus) await children.changeStatus(tx, row.childId, childStatus, on, ctx);
          await writeAudit(tx, ctx, {
            action: `application.${req.action}`,
            entityType: 'application',
            entityId: row.id,
            regionCode: row.hukouRegion,
            detail: {
              childId: row.childId,
              seq: next.seq,
              from: { status: state.status },
              to: { status: next.status, dueOn: moved.dueOn },
              reasons: reasons.length,
            },
          });
          return moved;
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw busy();
        throw e;
      }
      return detailOf(actor, updated);
    },

    deadlineOf,
    summaryOf,
  };
}
export type ApplicationsService = ReturnType<typeof makeApplicationsService>;
