import { and, asc, count, eq, gt, inArray, sql, sum } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { childFactVersions, children as childrenTable } from './children.schema.ts';

/** What cross-matching reads of the registry (through the children service, never the repo). */
export const matchSource = (db: Db) => ({
  /** Files by id with their version, paged (cross-matching keeps its key table in step). */
  async versionsPage(afterId: string | undefined, limit: number) {
    return db
      .select({ id: childrenTable.id, version: childrenTable.version })
      .from(childrenTable)
      .where(afterId ? gt(childrenTable.id, afterId) : undefined)
      .orderBy(asc(childrenTable.id))
      .limit(limit);
  },

  /**
   * Changes whenever a file is added or its facts get a new version (files are never deleted and
   * versions only grow): cross-matching skips its key refresh while the stamp stays the same.
   */
  async versionStamp(): Promise<string> {
    const [r] = await db.select({ n: count(), v: sum(childrenTable.version) }).from(childrenTable);
    return `${r?.n ?? 0}:${r?.v ?? 0}`;
  },

  /** The current facts of files (cross-matching; no view, so not audited here). */
  async currentFactsOf(ids: string[]) {
    if (ids.length === 0) return [];
    return db
      .select({
        id: childrenTable.id,
        version: childrenTable.version,
        hukouRegion: childrenTable.hukouRegion,
        facts: childFactVersions.facts,
      })
      .from(childrenTable)
      .innerJoin(
        childFactVersions,
        and(
          eq(childFactVersions.childId, childrenTable.id),
          eq(childFactVersions.version, childrenTable.version),
        ),
      )
      .where(inArray(childrenTable.id, ids));
  },

  /**
   * The facts of given versions of files (cross-matching reads the versions its keys were
   * computed from: its key table holds them, so the files' own rows are not read; a version
   * never changes once written). Versions not found are left out.
   */
  async factsOfVersions(versions: readonly { id: string; version: number }[]) {
    if (versions.length === 0) return [];
    const ids = versions.map((v) => v.id);
    const numbers = versions.map((v) => v.version);
    return db
      .select({
        id: childFactVersions.childId,
        version: childFactVersions.version,
        facts: childFactVersions.facts,
      })
      .from(childFactVersions)
      .where(
        sql`(${childFactVersions.childId}, ${childFactVersions.version}) in
          (select * from unnest(${sql.param(ids)}::uuid[], ${sql.param(numbers)}::int[]))`,
      );
  },
});
