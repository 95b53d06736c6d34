import type { Actor } from '../../../domain/access/access.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import { conflict } from '../../../domain/shared/errors.ts';
import {
  applyAction,
  checkAction,
  INITIAL_STATE,
  type ApplicationState,
  type CaseUnits,
} from '../../../domain/workflow/application.ts';
import type { FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { ChildrenService } from '../children/children.service.ts';
import type { NewChild } from '../children/children.views.ts';
import { isUniqueViolation } from '../children/db-errors.ts';
import { hukouTooCoarse, refuse } from './applications.errors.ts';
import { applicationsRepo, type ApplicationRow } from './applications.repo.ts';
import type { Applicant } from './applications.schema.ts';

/** What the service hands the intake: its clock, the registry and the queue projection. */
export interface IntakeDeps {
  db: Db;
  children: ChildrenService;
  today: () => PlainDate;
  projection: (
    state: ApplicationState,
    units: CaseUnits,
  ) => Partial<ApplicationRow> & Pick<ApplicationRow, 'status' | 'seq'>;
}

export interface IntakeInput {
  child: NewChild;
  /** The facts already parsed by the registry (its validation, its messages). */
  doc: FactsDocument;
  applicant: Applicant;
  comment?: string;
}

/**
 * 异地受理 (跨省通办, domain.md §6): a township takes in an application for a child whose 户籍 lies
 * outside its jurisdiction. The child's file belongs to the 户籍: an existing file with the same ID
 * number receives the application; otherwise a file is opened there on the intake's facts, as a
 * local application opens one. The accepting township keeps its intake on the application and never
 * reads the file. One transaction: the file, the application, its first action and the audit row.
 */
export async function acceptElsewhere(
  deps: IntakeDeps,
  actor: Actor,
  input: IntakeInput,
  ctx: AuditContext,
): Promise<ApplicationRow> {
  const { db, children, today } = deps;
  const declared = input.doc.child.hukouRegion;
  const check = (hukouRegion: string) => {
    if (hukouRegion.length < 9) throw hukouTooCoarse();
    const c = checkAction(undefined, 'accept', actor, { hukouRegion, acceptingRegion: actor.jurisdiction });
    if (!c.ok) refuse(c, '仅乡镇（街道）儿童督导员可异地受理户籍在外地的儿童申请');
  };
  check(declared);
  const idNumber = input.doc.child.idNumber;
  // The file is opened in the 户籍's registry on the accepting township's word: the registry's own
  // checks (facts, duplicate ID) run as for an actor of the 户籍 township; the record names the real actor.
  const onBehalf: Actor = { ...actor, jurisdiction: declared };
  const existing = idNumber ? await children.intakeFileByIdNumber(db, idNumber) : undefined;
  const prepared = existing
    ? undefined
    : await children.prepareNew(onBehalf, {
        ...input.child,
        reason: input.child.reason || '异地受理建档（跨省通办）',
      });
  try {
    return await db.transaction(async (tx) => {
      let child: { id: string; hukouRegion: string; status: string; version: number };
      if (existing && idNumber) {
        const locked = await children.intakeFileByIdNumber(tx, idNumber, true);
        if (!locked) throw conflict('该儿童档案刚被变更，请重新提交');
        if (locked.status === 'active') throw conflict('该儿童已纳入保障，无需重复申请');
        child = locked;
      } else {
        child = await children.createInTx(tx, actor, prepared!, ctx);
      }
      check(child.hukouRegion);
      if (await applicationsRepo.openFor(tx, child.id)) throw conflict('该儿童已有在办的申请');
      const on = today();
      const units: CaseUnits = { hukouRegion: child.hukouRegion, acceptingRegion: actor.jurisdiction };
      const state = applyAction(INITIAL_STATE, { seq: 1, action: 'accept', on });
      const row = await applicationsRepo.insert(tx, {
        childId: child.id,
        hukouRegion: child.hukouRegion,
        acceptingRegion: actor.jurisdiction,
        intake: { facts: input.child.facts, ...(input.child.sex ? { sex: input.child.sex } : {}) },
        applicant: input.applicant,
        submittedOn: on,
        factsVersion: child.version,
        createdBy: actor.userId,
        ...deps.projection(state, units),
      });
      await applicationsRepo.insertAction(tx, {
        applicationId: row.id,
        seq: 1,
        action: 'accept',
        fromStatus: null,
        toStatus: 'accepted',
        actorId: actor.userId,
        actorUsername: actor.username,
        on,
        comment: input.comment ?? null,
      });
      await children.changeStatus(tx, child.id, 'applying', on, ctx);
      await writeAudit(tx, ctx, {
        action: 'application.accept',
        entityType: 'application',
        entityId: row.id,
        regionCode: actor.jurisdiction,
        detail: {
          childId: child.id,
          side: 'accepting',
          hukouRegion: child.hukouRegion,
          fileExisted: existing !== undefined,
          seq: 1,
          from: { status: null },
          to: { status: 'accepted' },
          dueOn: row.dueOn,
        },
      });
      return row;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('该儿童已有在办的申请');
    throw e;
  }
}
