import { and, asc, desc, eq, inArray, isNotNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/access.ts';
import { OPEN_STATUSES } from '../../../domain/workflow/application.ts';
import { scopeToJurisdiction } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { users } from '../users/users.schema.ts';
import { applicationActions, applications } from './applications.schema.ts';

export type ApplicationRow = typeof applications.$inferSelect;
export type ActionRow = typeof applicationActions.$inferSelect;

/**
 * Cases the actor may see: the 户籍 within the jurisdiction, or (跨省通办) the accepting township
 * within it. Which part of a case is shown is decided per row (`sideOf`).
 */
function scopeToCase(actor: Actor): SQL {
  return or(
    scopeToJurisdiction(applications.hukouRegion, actor),
    scopeToJurisdiction(applications.acceptingRegion, actor),
  )!;
}

/** The status filter of the queue: `open` = undecided or waiting on an office; a decision includes remote cases closed with it. */
function statusFilter(status: string): SQL {
  if (status === 'open') {
    return or(inArray(applications.status, [...OPEN_STATUSES]), isNotNull(applications.dueOn))!;
  }
  if (status === 'approved' || status === 'refused') {
    return or(
      eq(applications.status, status),
      and(eq(applications.status, 'closed'), eq(applications.outcome, status)),
    )!;
  }
  return eq(applications.status, status);
}

export const applicationsRepo = {
  async findById(db: Db, id: string): Promise<ApplicationRow | undefined> {
    const [row] = await db.select().from(applications).where(eq(applications.id, id));
    return row;
  },
  async openFor(db: Db, childId: string): Promise<ApplicationRow | undefined> {
    const [row] = await db
      .select()
      .from(applications)
      .where(and(eq(applications.childId, childId), inArray(applications.status, [...OPEN_STATUSES])));
    return row;
  },
  async log(db: Db, applicationId: string): Promise<ActionRow[]> {
    return db
      .select()
      .from(applicationActions)
      .where(eq(applicationActions.applicationId, applicationId))
      .orderBy(asc(applicationActions.seq));
  },
  /** The log with each actor's display name (for the detail view). */
  async logWithNames(db: Db, applicationId: string) {
    const rows = await db
      .select({ action: applicationActions, actorName: users.displayName })
      .from(applicationActions)
      .leftJoin(users, eq(users.id, applicationActions.actorId))
      .where(eq(applicationActions.applicationId, applicationId))
      .orderBy(asc(applicationActions.seq));
    return rows.map((r) => ({ ...r.action, actorName: r.actorName }));
  },
  async list(db: Db, actor: Actor, q: { status?: string; childId?: string; page: number; pageSize: number }) {
    const where: SQL[] = [scopeToCase(actor)];
    if (q.status) where.push(statusFilter(q.status));
    if (q.childId) where.push(eq(applications.childId, q.childId));
    const cond = and(...where);
    const [items, [count]] = await Promise.all([
      db
        .select()
        .from(applications)
        .where(cond)
        // The work queue: the most urgent first, finished cases last.
        .orderBy(sql`${applications.dueOn} asc nulls last`, desc(applications.updatedAt))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(applications)
        .where(cond),
    ]);
    return { items, total: count?.n ?? 0 };
  },
  /** Cases waiting at the office whose due date is on or before `dueBy` (alert candidates). */
  async dueBy(db: Db, actor: Actor, dueBy: string): Promise<ApplicationRow[]> {
    return db
      .select()
      .from(applications)
      .where(
        // A due date exists exactly while an office must act (see `pendingStage`).
        and(scopeToCase(actor), lte(applications.dueOn, dueBy)),
      )
      .orderBy(asc(applications.dueOn))
      .limit(500);
  },
  async insert(db: Db, values: typeof applications.$inferInsert): Promise<ApplicationRow> {
    const [row] = await db.insert(applications).values(values).returning();
    return row!;
  },
  async insertAction(db: Db, values: typeof applicationActions.$inferInsert): Promise<void> {
    await db.insert(applicationActions).values(values);
  },
  /** Moves the projection on only from the expected sequence number; undefined if someone was faster. */
  async advance(
    db: Db,
    id: string,
    expectedSeq: number,
    values: Partial<typeof applications.$inferInsert>,
  ): Promise<ApplicationRow | undefined> {
    const [row] = await db
      .update(applications)
      .set({ ...values, updatedAt: new Date() })
      .where(and(eq(applications.id, id), eq(applications.seq, expectedSeq)))
      .returning();
    return row;
  },
};
