import { and, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/access.ts';
import { scopeToJurisdiction } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { users } from './users.schema.ts';

export type UserRow = typeof users.$inferSelect;

export const usersRepo = {
  async findByUsername(db: Db, username: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(users).where(eq(users.username, username.toLowerCase()));
    return row;
  },
  async findById(db: Db, id: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(users).where(eq(users.id, id));
    return row;
  },
  async list(db: Db, actor: Actor, q: { q?: string; page: number; pageSize: number }) {
    const where: SQL[] = [scopeToJurisdiction(users.jurisdiction, actor)];
    if (q.q) {
      const pattern = `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      where.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern))!);
    }
    const cond = and(...where);
    const [items, [count]] = await Promise.all([
      db
        .select()
        .from(users)
        .where(cond)
        .orderBy(users.username)
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(cond),
    ]);
    return { items, total: count?.n ?? 0 };
  },
  async insert(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
    const [row] = await db.insert(users).values(values).returning();
    return row!;
  },
  async update(db: Db, id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow> {
    const [row] = await db
      .update(users)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    return row!;
  },
};
