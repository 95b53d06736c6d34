import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/access.ts';
import { scopeToJurisdiction } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { reviewCampaigns, reviewItems } from './reviews.schema.ts';

export type CampaignRow = typeof reviewCampaigns.$inferSelect;
export type ReviewItemRow = typeof reviewItems.$inferSelect;

/** A campaign is visible above it (city, province) and inside its county (township, village). */
const campaignVisible = (actor: Actor) =>
  or(
    scopeToJurisdiction(reviewCampaigns.region, actor),
    sql`${actor.jurisdiction} like ${reviewCampaigns.region} || '%'`,
  );

export const reviewsRepo = {
  async insertCampaign(db: Db, values: typeof reviewCampaigns.$inferInsert): Promise<CampaignRow> {
    const [row] = await db.insert(reviewCampaigns).values(values).returning();
    return row!;
  },
  async insertItems(db: Db, rows: (typeof reviewItems.$inferInsert)[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) await db.insert(reviewItems).values(rows.slice(i, i + 500));
  },
  async campaigns(db: Db, actor: Actor): Promise<CampaignRow[]> {
    return db
      .select()
      .from(reviewCampaigns)
      .where(campaignVisible(actor))
      .orderBy(desc(reviewCampaigns.createdAt));
  },
  async findCampaign(db: Db, actor: Actor, id: string): Promise<CampaignRow | undefined> {
    const [row] = await db
      .select()
      .from(reviewCampaigns)
      .where(and(eq(reviewCampaigns.id, id), campaignVisible(actor)));
    return row;
  },
  /** Items of the campaigns inside the actor's jurisdiction. */
  async items(db: Db, actor: Actor, campaignIds: string[]): Promise<ReviewItemRow[]> {
    if (campaignIds.length === 0) return [];
    return db
      .select()
      .from(reviewItems)
      .where(
        and(
          inArray(reviewItems.campaignId, campaignIds),
          scopeToJurisdiction(reviewItems.hukouRegion, actor),
        ),
      )
      .orderBy(asc(reviewItems.hukouRegion), asc(reviewItems.dueSince), asc(reviewItems.id));
  },
  async findItem(db: Db, id: string): Promise<ReviewItemRow | undefined> {
    const [row] = await db.select().from(reviewItems).where(eq(reviewItems.id, id));
    return row;
  },
  /** Records the decision only if none is recorded yet: of two racing reviewers one wins. */
  async decide(
    db: Db,
    id: string,
    values: Pick<ReviewItemRow, 'outcome' | 'reasons' | 'exitReason' | 'decidedOn' | 'decidedBy'>,
  ): Promise<ReviewItemRow | undefined> {
    const [row] = await db
      .update(reviewItems)
      .set(values)
      .where(and(eq(reviewItems.id, id), isNull(reviewItems.outcome)))
      .returning();
    return row;
  },
  /** The last date each child was reviewed and kept (continue / change). */
  async lastReviewed(db: Db, childIds: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < childIds.length; i += 1000) {
      const rows = await db
        .select({ childId: reviewItems.childId, last: sql<string>`max(${reviewItems.decidedOn})::text` })
        .from(reviewItems)
        .where(
          and(
            inArray(reviewItems.childId, childIds.slice(i, i + 1000)),
            inArray(reviewItems.outcome, ['continue', 'change']),
          ),
        )
        .groupBy(reviewItems.childId);
      for (const r of rows) if (r.last) out.set(r.childId, r.last);
    }
    return out;
  },
};
