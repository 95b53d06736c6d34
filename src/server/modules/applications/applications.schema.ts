import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { children } from '../children/children.schema.ts';
import { users } from '../users/users.schema.ts';

export interface Applicant {
  /** guardian | relative | village-committee (主动帮助申请) */
  kind: string;
  name: string;
  relation?: string;
  phone?: string;
}

/**
 * Applications (申请). The truth is the append-only `application_actions` log; the row keeps a
 * projection of its fold (status, seq, running deadline) for the work queue, updated in the same
 * transaction as each action.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serialNo: bigint('serial_no', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    /** The child's 户籍 when filed: which township verifies and which county decides. */
    hukouRegion: varchar('hukou_region', { length: 12 }).notNull(),
    applicant: jsonb('applicant').$type<Applicant>().notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    seq: integer('seq').notNull(),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    stageStartedOn: date('stage_started_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    decidedOn: date('decided_on', { mode: 'string' }),
    factsVersion: integer('facts_version').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('applications_hukou_region_idx').on(t.hukouRegion.op('varchar_pattern_ops')),
    index('applications_status_due_idx').on(t.status, t.dueOn),
    index('applications_child_idx').on(t.childId),
    // One open application per child at a time.
    uniqueIndex('applications_one_open_idx')
      .on(t.childId)
      .where(sql`status in ('submitted', 'verified', 'returned')`),
  ],
);

export const applicationActions = pgTable(
  'application_actions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    /** 1, 2, 3 …: the unique (application, seq) pair lets exactly one of two racing actions in. */
    seq: integer('seq').notNull(),
    action: varchar('action', { length: 16 }).notNull(),
    fromStatus: varchar('from_status', { length: 16 }),
    toStatus: varchar('to_status', { length: 16 }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    actorUsername: text('actor_username'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    on: date('on_date', { mode: 'string' }).notNull(),
    comment: text('comment'),
    reasons: text('reasons').array(),
  },
  (t) => [uniqueIndex('application_actions_seq_idx').on(t.applicationId, t.seq)],
);
