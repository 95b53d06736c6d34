import { and, asc, eq, isNotNull, isNull, like } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { children as childrenTable } from './children.schema.ts';

/** What re-review campaigns (资格复审) read of the registry (through the children service). */
export const reviewSource = () => ({
  /** Active children of a region still in the payroll (no exit recorded), in the caller's tx. */
  async reviewCandidates(tx: Db, region: string) {
    return tx
      .select({
        id: childrenTable.id,
        hukouRegion: childrenTable.hukouRegion,
        confirmedAt: childrenTable.confirmedAt,
      })
      .from(childrenTable)
      .where(
        and(
          like(childrenTable.hukouRegion, `${region}%`),
          eq(childrenTable.status, 'active'),
          isNull(childrenTable.exitReason),
          isNotNull(childrenTable.confirmedAt),
        ),
      )
      .orderBy(asc(childrenTable.hukouRegion), asc(childrenTable.id));
  },
});
