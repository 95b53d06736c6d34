import { and, asc, desc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/access.ts';
import { OPEN_STATUSES } from '../../../domain/workflow/application.ts';
import { scopeToJurisdiction } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { users } from '../users/users.schema.ts';
import { applicationActions, applications } from './applications.schema.ts';

export type ApplicationRow = typeof applications.$inferSelect;
export type ActionRow = typeof applicationActions.$inferSelect;

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
  async list(
    db: Db,
    actor: Actor,
    q: { statuses?: string[]; childId?: string; page: number; pageSize: number },
  ) {
    const where: SQL[] = [scopeToJurisdiction(applications.hukouRegion, actor)];
    if (q.statuses) where.push(inArray(applications.status, q.statuses));
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
        and(
          scopeToJurisdiction(applications.hukouRegion, actor),
          inArray(applications.status, ['submitted', 'verified']),
          lte(applications.dueOn, dueBy),
        ),
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
