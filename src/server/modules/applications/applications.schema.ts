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
 * What the accepting township recorded at a 跨省通办 intake: the child's facts and sex as the
 * applicant gave them (the accepting side's own record; the child's file stays with the 户籍).
 */
export interface Intake {
  facts: Record<string, unknown>;
  sex?: 'male' | 'female';
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
    /** 跨省通办: the township that took the application in, outside the 户籍; null on the local path. */
    acceptingRegion: varchar('accepting_region', { length: 12 }),
    intake: jsonb('intake').$type<Intake>(),
    applicant: jsonb('applicant').$type<Applicant>().notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    seq: integer('seq').notNull(),
    submittedOn: date('submitted_on', { mode: 'string' }).notNull(),
    stageStartedOn: date('stage_started_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    decidedOn: date('decided_on', { mode: 'string' }),
    /** approved | refused: kept when a remote case is closed after informing the applicant. */
    outcome: varchar('outcome', { length: 16 }),
    factsVersion: integer('facts_version').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('applications_hukou_region_idx').on(t.hukouRegion.op('varchar_pattern_ops')),
    index('applications_accepting_region_idx')
      .on(t.acceptingRegion.op('varchar_pattern_ops'))
      .where(sql`accepting_region is not null`),
    index('applications_status_due_idx').on(t.status, t.dueOn),
    index('applications_child_idx').on(t.childId),
    // One open application per child at a time.
    uniqueIndex('applications_one_open_idx')
      .on(t.childId)
      .where(sql`status in ('accepted', 'submitted', 'verified', 'returned')`),
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
    /** 告知申请人: how the applicant was told (phone, sms, in-person, mail, online). */
    means: varchar('means', { length: 16 }),
  },
  (t) => [uniqueIndex('application_actions_seq_idx').on(t.applicationId, t.seq)],
);
