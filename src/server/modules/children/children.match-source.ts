import { and, asc, count, eq, gt, inArray, sum } from 'drizzle-orm';
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
});
