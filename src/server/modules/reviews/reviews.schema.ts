import { date, index, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { children } from '../children/children.schema.ts';
import { users } from '../users/users.schema.ts';

/**
 * Re-review campaigns (资格复审, domain.md §5): a county lists every active child whose review
 * falls due by the campaign's due date; each item gets one decision (continue / change /
 * terminate) with written reasons.
 */
export const reviewCampaigns = pgTable(
  'review_campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The county running the campaign (its children are listed). */
    region: varchar('region', { length: 12 }).notNull(),
    name: text('name').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    createdOn: date('created_on', { mode: 'string' }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('review_campaigns_region_idx').on(t.region.op('varchar_pattern_ops'))],
);

export const reviewItems = pgTable(
  'review_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => reviewCampaigns.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    /** The child's 户籍 when listed: scoping and progress by township (first 9 digits). */
    hukouRegion: varchar('hukou_region', { length: 12 }).notNull(),
    /** When the review fell due (confirmation or last review + reviewIntervalMonths). */
    dueSince: date('due_since', { mode: 'string' }).notNull(),
    /** null until decided; continue | change | terminate */
    outcome: varchar('outcome', { length: 16 }),
    reasons: text('reasons'),
    exitReason: varchar('exit_reason', { length: 32 }),
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedBy: uuid('decided_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('review_items_campaign_child_idx').on(t.campaignId, t.childId),
    index('review_items_region_idx').on(t.hukouRegion.op('varchar_pattern_ops')),
    index('review_items_child_idx').on(t.childId, t.decidedOn),
  ],
);
