import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { recorderId, systemActor } from '../../platform/system-actor.ts';
import { z } from 'zod';
import type { Actor } from '../../../domain/access/access.ts';
import { EXIT_REASON_LABELS, ExitReason } from '../../../domain/eligibility/codes.ts';
import { packForFacts } from '../../../domain/eligibility/evaluate.ts';
import { detectExit, exitSchedule, type ExitDecision } from '../../../domain/eligibility/exits.ts';
import { PlainDate, yearMonthOf } from '../../../domain/shared/dates.ts';
import { AppError, conflict, notFound, validationError } from '../../../domain/shared/errors.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { factsOn, type FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { DeterminationDeps } from './children.determinations.ts';
import { childExits } from './children.exits.schema.ts';
import { checkEvidence } from './children.changes.ts';
import { childrenRepo, type ChildRow } from './children.repo.ts';
import { children } from './children.schema.ts';
import { reviewSource } from './children.review-source.ts';
import type { ChildFile } from './children.views.ts';

/**
 * Recording exits (退出保障, domain.md §5) with the engine's schedule: the coded reason
 * (interchange.md §2), the 渐退期 where the pack grants one (none after death or adoption), the
 * last paid month. The child stays `active` through its last paid month and is `exited` after.
 * Recognition as an orphan is a switch of category (the facts carry it), recorded but no exit.
 */

export const ExitRequest = z.object({
  reason: ExitReason,
  eventDate: PlainDate,
  note: z.string().trim().max(500, '说明不超过500字').optional(),
  /** One of the file's attachments (e.g. 死亡证明), as the evidence of the exit. */
  evidenceAttachmentId: z.uuid('证明材料编号无效').optional(),
});
export type ExitRequest = z.infer<typeof ExitRequest>;

/** facts (a change of facts) | action (退出操作) | review (资格复审) | time (the daily job: by time alone). */
export const EXIT_SOURCES = ['facts', 'action', 'review', 'time'] as const;
export type ExitSource = (typeof EXIT_SOURCES)[number];

export const ExitView = z.object({
  reason: ExitReason,
  reasonLabel: z.string(),
  eventDate: PlainDate,
  gradualExitMonths: z.number().int(),
  lastPaidMonth: z.string(),
  switchToOrphanFrom: z.string().nullable(),
  source: z.enum(EXIT_SOURCES),
  note: z.string().nullable(),
  explanation: z.string(),
  /** The attachment the exit rests on (e.g. 死亡证明), if one was named. */
  evidenceAttachmentId: z.string().nullable(),
  recordedAt: z.string(),
});
export type ExitView = z.infer<typeof ExitView>;

type ExitRow = typeof childExits.$inferSelect;

/**
 * The system itself (the daily job, the command line): the nil UUID, no user row, so what it
 * records names no recorder; its audit rows say `system`.
 */
export const SYSTEM_ACTOR: Actor = systemActor('system', []);
const recorder = recorderId;

const toView = (r: ExitRow): ExitView => {
  const reason = ExitReason.parse(r.reason);
  return {
    reason,
    reasonLabel: EXIT_REASON_LABELS[reason],
    eventDate: r.eventDate,
    gradualExitMonths: r.gradualExitMonths,
    lastPaidMonth: r.lastPaidMonth,
    switchToOrphanFrom: r.switchToOrphanFrom,
    source: (EXIT_SOURCES as readonly string[]).includes(r.source) ? (r.source as ExitSource) : 'action',
    note: r.note,
    explanation: r.explanation,
    evidenceAttachmentId: r.evidenceAttachmentId,
    recordedAt: r.recordedAt.toISOString(),
  };
};

export function makeChildExits(deps: DeterminationDeps) {
  const { db, today, packs } = deps;
  const currentMonth = () => yearMonthOf(today());

  /** Writes the exit, moves the projection and audits it, in the caller's transaction. */
  async function recordInTx(
    tx: Db,
    actor: Actor,
    row: ChildRow,
    decision: ExitDecision,
    source: ExitSource,
    note: string | undefined,
    ctx: AuditContext,
    evidenceAttachmentId?: string,
  ): Promise<ChildRow> {
    await tx.insert(childExits).values({
      evidenceAttachmentId: evidenceAttachmentId ?? null,
      childId: row.id,
      reason: decision.reason,
      eventDate: decision.eventDate,
      gradualExitMonths: decision.gradualExitMonths,
      lastPaidMonth: decision.lastPaidMonth,
      switchToOrphanFrom: decision.switchToOrphanFrom ?? null,
      source,
      note: note || null,
      explanation: decision.explanation.text,
      recordedBy: recorder(actor),
    });
    const isSwitch = decision.reason === 'recognized-orphan';
    const status = !isSwitch && decision.lastPaidMonth < currentMonth() ? 'exited' : row.status;
    const next = isSwitch
      ? row
      : await childrenRepo.update(tx, row.id, {
          status,
          exitReason: decision.reason,
          exitedAt: decision.eventDate,
        });
    await writeAudit(tx, ctx, {
      action: 'child.exit',
      entityType: 'child',
      entityId: row.id,
      regionCode: row.hukouRegion,
      detail: {
        reason: decision.reason,
        eventDate: decision.eventDate,
        gradualExitMonths: decision.gradualExitMonths,
        lastPaidMonth: decision.lastPaidMonth,
        ...(decision.switchToOrphanFrom ? { switchToOrphanFrom: decision.switchToOrphanFrom } : {}),
        source,
        from: { status: row.status },
        to: { status: next.status },
      },
    });
    return next;
  }

  /** The schedule for an explicit exit, from the pack in force for the child on the event date. */
  async function scheduleFor(tx: Db, row: ChildRow, input: ExitRequest): Promise<ExitDecision> {
    if (input.eventDate > today())
      throw validationError('退出事件日期不能晚于今天', [
        { path: 'eventDate', message: '退出事件日期不能晚于今天' },
      ]);
    if (row.confirmedAt && input.eventDate < row.confirmedAt) {
      throw validationError(`退出事件日期不能早于县级确认日期 ${row.confirmedAt}`, [
        { path: 'eventDate', message: '早于县级确认日期' },
      ]);
    }
    const current = await childrenRepo.currentVersion(tx, row);
    const pack = packForFacts(factsOn(current.facts, input.eventDate), packs());
    return exitSchedule(input.reason, input.eventDate, pack);
  }

  /**
   * An explicit exit (退出操作, or a review's 终止) on a locked row: only a child in the payroll
   * (active, no exit recorded yet) can exit.
   */
  async function exitInTx(
    tx: Db,
    actor: Actor,
    row: ChildRow,
    input: ExitRequest,
    source: ExitSource,
    ctx: AuditContext,
  ): Promise<ChildRow> {
    if (row.status !== 'active') throw conflict('只有已纳入保障的儿童才能办理退出');
    if (row.exitReason !== null) throw conflict('该儿童已办理退出（渐退期中），请勿重复办理');
    const decision = await scheduleFor(tx, row, input);
    await checkEvidence(tx, row.id, input.evidenceAttachmentId);
    return recordInTx(tx, actor, row, decision, source, input.note, ctx, input.evidenceAttachmentId);
  }

  return {
    exitInTx,

    /**
     * An exit that time alone brought (the daily job), on a locked row: recorded exactly as an
     * explicit one, unless the child changed since it was read (left the payroll, or a new version).
     */
    async byTimeInTx(
      tx: Db,
      actor: Actor,
      childId: string,
      seenVersion: number,
      decision: ExitDecision,
      ctx: AuditContext,
    ): Promise<ChildRow | undefined> {
      const row = await childrenRepo.lockById(tx, childId);
      if (!row || row.status !== 'active' || row.exitReason !== null || row.version !== seenVersion) {
        return undefined;
      }
      return recordInTx(tx, actor, row, decision, 'time', undefined, ctx);
    },

    /**
     * After a change of facts on an active child: if the engine sees the allowance end between
     * the old and the new facts (detectExit, as of today), the exit is recorded with its reason.
     * A change without dates of its own in the facts (adoption, recovery, assistance ended) is
     * dated by the stated `effectiveDate`, not by the day it was recorded.
     */
    async afterFactsChange(
      tx: Db,
      actor: Actor,
      row: ChildRow,
      before: FactsDocument,
      after: FactsDocument,
      ctx: AuditContext,
      effectiveDate?: PlainDate,
    ): Promise<ChildRow> {
      if (row.status !== 'active' || row.exitReason !== null) return row;
      let decision: ExitDecision | undefined;
      try {
        decision = detectExit(factsOn(before, today()), factsOn(after, today()), packs());
      } catch (e) {
        // No pack for the facts: the determinations already carry that problem; no exit to record.
        if (e instanceof AppError) return row;
        throw e;
      }
      if (!decision) return row;
      if (effectiveDate && decision.eventDate === today() && decision.reason !== 'recognized-orphan') {
        // Not before the confirmation: the exit ends this period of payment.
        const on = row.confirmedAt && effectiveDate < row.confirmedAt ? row.confirmedAt : effectiveDate;
        decision = exitSchedule(decision.reason, on, packForFacts(factsOn(after, on), packs()));
      }
      return recordInTx(tx, actor, row, decision, 'facts', undefined, ctx);
    },

    /** The latest recorded exit (or category switch) of a child, for its file. */
    async latest(child: ChildRow): Promise<ExitView | null> {
      const [r] = await db
        .select()
        .from(childExits)
        .where(eq(childExits.childId, child.id))
        .orderBy(desc(childExits.recordedAt))
        .limit(1);
      if (!r) return null;
      // An exit superseded by a new confirmation (the projection was cleared) is history only.
      if (r.switchToOrphanFrom === null && child.exitReason === null) return null;
      return toView(r);
    },

    /**
     * Children whose 渐退期 is over become `exited` (idempotent; run daily and before lists that
     * count active children, e.g. a re-review campaign), each audited.
     */
    async settleDue(tx: Db, region: string, ctx: AuditContext): Promise<number> {
      const res = await tx
        .update(children)
        .set({ status: 'exited', updatedAt: new Date() })
        .where(
          and(
            eq(children.status, 'active'),
            isNotNull(children.exitReason),
            sql`${children.hukouRegion} like ${`${region}%`}`,
            sql`(select e.last_paid_month from ${childExits} e where e.child_id = ${children.id}
                 and e.switch_to_orphan_from is null order by e.recorded_at desc limit 1) < ${currentMonth()}`,
          ),
        )
        .returning({ id: children.id, hukouRegion: children.hukouRegion, exitReason: children.exitReason });
      for (const r of res) {
        await writeAudit(tx, ctx, {
          action: 'child.status',
          entityType: 'child',
          entityId: r.id,
          regionCode: r.hukouRegion,
          detail: {
            from: { status: 'active' },
            to: { status: 'exited' },
            exitReason: r.exitReason,
            settled: true,
          },
        });
      }
      return res.length;
    },
  };
}
export type ChildExits = ReturnType<typeof makeChildExits>;

/** The registry's exit operations, spread into the children service. */
export function exitActions(deps: {
  db: Db;
  exits: ChildExits;
  getScoped: (tx: Db, actor: Actor, id: string, permission: Permission, lock?: boolean) => Promise<ChildRow>;
  fileView: (row: ChildRow) => Promise<ChildFile>;
}) {
  const { db, exits, getScoped, fileView } = deps;
  return {
    /** 退出操作 (POST /children/:id/exit): the engine's schedule, audited. */
    async exit(actor: Actor, id: string, input: ExitRequest, ctx: AuditContext): Promise<ChildFile> {
      const row = await db.transaction(async (tx) => {
        const locked = await getScoped(tx, actor, id, Permission.childWrite, true);
        return exits.exitInTx(tx, actor, locked, input, 'action', ctx);
      });
      return fileView(row);
    },
    /** An exit decided elsewhere (a re-review's 终止), in the caller's transaction; scope checked there. */
    async exitInTx(
      tx: Db,
      actor: Actor,
      childId: string,
      input: ExitRequest,
      source: ExitSource,
      ctx: AuditContext,
    ) {
      const locked = await childrenRepo.lockById(tx, childId);
      if (!locked) throw notFound('儿童档案');
      return exits.exitInTx(tx, actor, locked, input, source, ctx);
    },
    settleExits: (tx: Db, region: string, ctx: AuditContext) => exits.settleDue(tx, region, ctx),
    ...reviewSource(),
  };
}
