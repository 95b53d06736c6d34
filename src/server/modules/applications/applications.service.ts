import type { Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { PACK_DEFAULTS, type EffectivePack, type PolicyPack } from '../../../domain/policy/pack.ts';
import { selectPack } from '../../../domain/policy/resolve.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import { conflict, forbidden, notFound, validationError } from '../../../domain/shared/errors.ts';
import { isWithinRegion } from '../../../domain/shared/region-code.ts';
import {
  applyAction,
  availableActions,
  checkAction,
  foldApplication,
  INITIAL_STATE,
  pathOf,
  pendingStage,
  sideOf,
  stageOffice,
  type ApplicationAction,
  type ApplicationState,
  type ApplicationStatus,
  type CaseSide,
  type CaseUnits,
} from '../../../domain/workflow/application.ts';
import { deadlineStatus, stageDeadline } from '../../../domain/workflow/deadlines.ts';
import { assertAccess } from '../../platform/access.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { ChildrenService } from '../children/children.service.ts';
import type { ChildSummary } from '../children/children.views.ts';
import { isUniqueViolation } from '../children/db-errors.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { busy, hukouTooCoarse, refuse } from './applications.errors.ts';
import { acceptElsewhere } from './applications.intake.ts';
import { childForSide, logEntryOf, outcomeOf } from './applications.present.ts';
import { applicationsRepo, type ApplicationRow } from './applications.repo.ts';
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
export const CHILD_STATUS_AFTER: Partial<Record<ApplicationAction, 'applying' | 'active' | 'registered'>> = {
  submit: 'applying',
  accept: 'applying',
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
  /** Region names and the nationwide 户籍 picker of 跨省通办 (batch tools may leave it out). */
  regions?: RegionsService;
  packs: () => readonly PolicyPack[];
  today: () => PlainDate;
}

const unitsOf = (row: Pick<ApplicationRow, 'hukouRegion' | 'acceptingRegion'>): CaseUnits => ({
  hukouRegion: row.hukouRegion,
  acceptingRegion: row.acceptingRegion,
});

/** The region an audit row of this actor's view or action is filed under: its own side's. */
export const auditRegion = (row: Pick<ApplicationRow, 'hukouRegion' | 'acceptingRegion'>, side: CaseSide) =>
  side === 'accepting' && row.acceptingRegion ? row.acceptingRegion : row.hukouRegion;

export function makeApplicationsService(deps: ApplicationsDeps) {
  const { db, children, regions, today } = deps;

  const packFor = (region: string, on: PlainDate): Pick<EffectivePack, 'deadlines' | 'calendar'> =>
    selectPack(deps.packs(), region, on) ?? PACK_DEFAULTS;

  /**
   * The running deadline of a state, counted on the calendar of the pack governing the office that
   * must act: the accepting township's for forward and inform, the 户籍's for verify and decide (ADR 0008).
   */
  function deadlineFor(state: ApplicationState, units: CaseUnits) {
    const stage = pendingStage(state.status, state.path ?? pathOf(units));
    if (!stage || !state.stageStartedOn) return undefined;
    const pack = packFor(stageOffice(stage, units), state.stageStartedOn);
    const deadline = stageDeadline({ ...state, path: state.path ?? pathOf(units) }, pack);
    return deadline && { deadline, pack };
  }

  /** The running deadline with its colour for today. */
  function deadlineOf(row: ApplicationRow): Deadline | null {
    if (!row.dueOn || !row.stageStartedOn) return null;
    const found = deadlineFor(
      {
        status: row.status as ApplicationStatus,
        stageStartedOn: row.stageStartedOn,
        seq: row.seq,
        returns: 0,
      },
      unitsOf(row),
    );
    if (!found) return null;
    const view = deadlineStatus(row.dueOn, today(), found.pack);
    return { stage: found.deadline.stage, dueOn: row.dueOn, ...view };
  }

  const regionName = async (code: string | null) =>
    code ? ((await regions?.pathNames(code))?.join('/') ?? code) : null;

  /** The actor's side of a row it can see (the queries only return such rows). */
  const sideFor = (actor: Actor, row: ApplicationRow): CaseSide => sideOf(actor, unitsOf(row)) ?? 'hukou';

  async function summaryOf(
    actor: Actor,
    row: ApplicationRow,
    child: ChildSummary,
  ): Promise<ApplicationSummary> {
    const status = row.status as ApplicationStatus;
    const side = sideFor(actor, row);
    return {
      id: row.id,
      no: applicationNo(row),
      child: childForSide(child, side, outcomeOf(row)),
      hukouRegion: row.hukouRegion,
      status,
      path: pathOf(unitsOf(row)),
      side,
      acceptingRegion: row.acceptingRegion,
      acceptingRegionName: await regionName(row.acceptingRegion),
      applicant: { kind: row.applicant.kind, name: row.applicant.name, relation: row.applicant.relation },
      submittedOn: row.submittedOn,
      decidedOn: row.decidedOn,
      outcome: outcomeOf(row),
      deadline: deadlineOf(row),
      actions: availableActions(status, actor, unitsOf(row)),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** Built after the transaction: views read region names (PGlite has one connection). */
  async function detailOf(actor: Actor, row: ApplicationRow): Promise<ApplicationDetail> {
    const side = sideFor(actor, row);
    const [log, summaries] = await Promise.all([
      applicationsRepo.logWithNames(db, row.id),
      children.summariesOf([row.childId]),
    ]);
    // The engine's preview reads the child's file: the 户籍 side's material only.
    const preview =
      side === 'hukou'
        ? await children.preview(
            db,
            await children.getScoped(db, actor, row.childId, Permission.applicationRead),
          )
        : undefined;
    return {
      ...(await summaryOf(actor, row, summaries.get(row.childId)!)),
      log: log.map((a) => logEntryOf(a, side)),
      applicantPhone: row.applicant.phone ?? null,
      intake: row.intake ?? null,
      preview: preview?.determination ?? null,
      previewProblem: preview?.problem ?? null,
    };
  }

  /** The case if the actor stands on either side of it; 404 otherwise (existence does not leak). */
  async function getScoped(
    tx: Db,
    actor: Actor,
    id: string,
  ): Promise<{ row: ApplicationRow; side: CaseSide }> {
    assertAccess(actor, Permission.applicationRead, undefined, '申请');
    const row = UUID.test(id) ? await applicationsRepo.findById(tx, id) : undefined;
    if (!row) throw notFound('申请');
    const side = sideOf(actor, unitsOf(row));
    if (!side) throw notFound('申请');
    return { row, side };
  }

  /** The projection of a folded state: what the queue reads. */
  function projection(state: ApplicationState, units: CaseUnits) {
    return {
      status: state.status as ApplicationStatus,
      seq: state.seq,
      stageStartedOn: state.stageStartedOn ?? null,
      dueOn: deadlineFor(state, units)?.deadline.dueOn ?? null,
      decidedOn: state.decidedOn ?? null,
      outcome: state.outcome ?? null,
    };
  }

  return {
    async list(actor: Actor, q: ApplicationQuery) {
      assertAccess(actor, Permission.applicationRead, undefined, '申请');
      const childId = q.childId && UUID.test(q.childId) ? q.childId : undefined;
      if (q.childId && !childId) return { items: [], total: 0 };
      const { items, total } = await applicationsRepo.list(db, actor, {
        status: q.status,
        childId,
        page: q.page,
        pageSize: q.pageSize,
      });
      const kids = await children.summariesOf(items.map((i) => i.childId));
      const out: ApplicationSummary[] = [];
      for (const r of items) out.push(await summaryOf(actor, r, kids.get(r.childId)!));
      return { items: out, total };
    },

    async get(actor: Actor, id: string, ctx: AuditContext): Promise<ApplicationDetail> {
      const { row, side } = await getScoped(db, actor, id);
      await writeAudit(db, ctx, {
        action: 'application.read',
        entityType: 'application',
        entityId: row.id,
        regionCode: auditRegion(row, side),
        detail: { side },
      });
      return detailOf(actor, row);
    },

    /**
     * Regions to pick a 户籍 from anywhere in the country (跨省通办). Division names are public
     * (GB/T 2260); only a township that may take applications in is offered them.
     */
    async hukouRegions(actor: Actor, parent: string | undefined) {
      assertAccess(actor, Permission.applicationSubmit, undefined, '区划');
      if (actor.jurisdiction.length !== 9) throw forbidden('仅乡镇（街道）可异地受理申请');
      if (!regions) throw new Error('regions service not wired');
      const nationwide: Actor = { ...actor, jurisdiction: '' };
      return parent ? regions.children(nationwide, parent) : regions.roots(nationwide);
    },

    /** 申请: for an existing file or a new one, created in the same transaction. */
    async create(actor: Actor, input: NewApplication, ctx: AuditContext) {
      assertAccess(actor, Permission.applicationSubmit, undefined, '申请');
      // A 户籍 outside the user's jurisdiction: 跨省通办, taken in here and forwarded to the 户籍.
      const doc = input.child ? children.parseFacts(input.child.facts) : undefined;
      if (input.child && doc && !isWithinRegion(doc.child.hukouRegion, actor.jurisdiction)) {
        const row = await acceptElsewhere(
          { db, children, today, projection },
          actor,
          { child: input.child, doc, applicant: input.applicant, comment: input.comment },
          ctx,
        );
        return { application: await detailOf(actor, row), warnings: [] };
      }
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
        const check = checkAction(undefined, 'submit', actor, { hukouRegion: child.hukouRegion });
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
            ...projection(state, { hukouRegion: child.hukouRegion }),
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
          const { row, side } = await getScoped(tx, actor, id);
          const units = unitsOf(row);
          const log = await applicationsRepo.log(tx, row.id);
          const state = foldApplication(
            log.map((a) => ({ seq: a.seq, action: a.action as ApplicationAction, on: a.on })),
          );
          const reasons = (req.reasons ?? []).filter((r) => r !== '');
          const check = checkAction(state.status, req.action, actor, units, {
            reasons,
            noticeMeans: req.notice?.means,
          });
          if (!check.ok) refuse(check);
          // 告知申请人 is dated the day the applicant was told: not in the future, not before the decision.
          const on = check.transition.needsNotice ? noticeDate(req, state, today()) : today();
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
            means: check.transition.needsNotice ? (req.notice?.means ?? null) : null,
          });
          const moved = await applicationsRepo.advance(tx, row.id, state.seq, projection(next, units));
          if (!moved) throw busy();
          const childStatus = CHILD_STATUS_AFTER[req.action];
          if (childStatus) await children.changeStatus(tx, row.childId, childStatus, on, ctx);
          await writeAudit(tx, ctx, {
            action: `application.${req.action}`,
            entityType: 'application',
            entityId: row.id,
            regionCode: auditRegion(row, side),
            detail: {
              childId: row.childId,
              side,
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
    sideFor,
    summaryOf,
  };
}
export type ApplicationsService = ReturnType<typeof makeApplicationsService>;

function noticeDate(req: ActionRequest, state: ApplicationState, today: PlainDate): PlainDate {
  const on = req.notice?.on;
  const issue = (message: string) => validationError(message, [{ path: 'notice.on', message }]);
  if (!on) throw issue('请填写告知日期');
  if (on > today) throw issue('告知日期不能晚于今天');
  if (state.decidedOn && on < state.decidedOn)
    throw issue(`告知日期不能早于县级决定日期（${state.decidedOn}）`);
  return on;
}
