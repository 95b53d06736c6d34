import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/access/access.ts';
import { scopeToJurisdiction } from './access.ts';
import { auditLog } from './audit.schema.ts';
import type { Db } from './db.ts';

/** What happened, to which record, where — never the personal data itself. */
export interface AuditEntry {
  action: string;
  outcome?: 'ok' | 'denied';
  entityType?: string;
  entityId?: string;
  regionCode?: string;
  detail?: Record<string, unknown>;
}

/** Who and from where: taken from the request once, passed to services. */
export interface AuditContext {
  actor?: Pick<Actor, 'userId' | 'username' | 'jurisdiction'>;
  ip?: string;
}

/**
 * The one chokepoint for audit writes. Call it with the transaction that makes the change, so
 * the change and its audit row commit or roll back together.
 */
export async function writeAudit(db: Db, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: ctx.actor?.userId ?? null,
    actorUsername: ctx.actor?.username ?? null,
    action: entry.action,
    outcome: entry.outcome ?? 'ok',
    entityType: entry.entityType ?? null,
    entityId: entry.entityId ?? null,
    // Without a record region, the row belongs to the actor's jurisdiction (who may see it).
    regionCode: entry.regionCode ?? ctx.actor?.jurisdiction ?? null,
    ip: ctx.ip ?? null,
    detail: entry.detail ?? null,
  });
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  outcome?: 'ok' | 'denied';
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

/** Rows of the actor's jurisdiction only; a national auditor ('' jurisdiction) sees all. */
export async function listAudit(db: Db, actor: Actor, q: AuditQuery) {
  const where: SQL[] = [];
  if (actor.jurisdiction !== '') where.push(scopeToJurisdiction(auditLog.regionCode, actor));
  if (q.actor) where.push(eq(auditLog.actorUsername, q.actor));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.outcome) where.push(eq(auditLog.outcome, q.outcome));
  if (q.from) where.push(gte(auditLog.at, q.from));
  if (q.to) where.push(lte(auditLog.at, q.to));
  const cond = where.length ? and(...where) : undefined;
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(cond)
      .orderBy(desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(cond),
  ]);
  return { items, total: count?.n ?? 0 };
}
