import { eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { RegionRow } from './division-source.ts';
import { regions } from './regions.schema.ts';

export type Region = typeof regions.$inferSelect;

export const regionsRepo = {
  async findByCode(db: Db, code: string): Promise<Region | undefined> {
    const [row] = await db.select().from(regions).where(eq(regions.code, code));
    return row;
  },
  async findMany(db: Db, codes: string[]): Promise<Region[]> {
    if (codes.length === 0) return [];
    return db.select().from(regions).where(inArray(regions.code, codes));
  },
  async children(db: Db, code: string | null) {
    return db
      .select({
        code: regions.code,
        name: regions.name,
        level: regions.level,
        hasChildren: sql<boolean>`exists (select 1 from regions c where c.parent_code = "regions"."code")`,
      })
      .from(regions)
      .where(code === null ? isNull(regions.parentCode) : eq(regions.parentCode, code))
      .orderBy(regions.code);
  },
  async hasChildren(db: Db, code: string): Promise<boolean> {
    const [row] = await db
      .select({ one: sql`1` })
      .from(regions)
      .where(eq(regions.parentCode, code))
      .limit(1);
    return row !== undefined;
  },
  /** Upserts a batch with one array-parameter statement (no per-row round trips). */
  async upsertBatch(db: Db, rows: RegionRow[]): Promise<void> {
    if (rows.length === 0) return;
    await db.execute(sql`
      insert into regions (code, name, level, parent_code)
      select * from unnest(${sql.param(rows.map((r) => r.code))}::varchar[], ${sql.param(rows.map((r) => r.name))}::text[],
                           ${sql.param(rows.map((r) => r.level))}::varchar[], ${sql.param(rows.map((r) => r.parentCode))}::varchar[])
      on conflict (code) do update set name = excluded.name, level = excluded.level, parent_code = excluded.parent_code`);
  },
  async count(db: Db): Promise<number> {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(regions);
    return row?.n ?? 0;
  },
};
