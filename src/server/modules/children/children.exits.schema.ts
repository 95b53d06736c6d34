import { date, index, integer, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../users/users.schema.ts';
import { childAttachments, children } from './children.schema.ts';

/**
 * Recorded exits (退出保障, domain.md §5): the coded reason (interchange.md §2), the event date and
 * the engine's schedule (渐退期 months, last paid month). Append-only, like the fact versions: a
 * wrong exit is corrected by a new record, never by rewriting this one. `children.exit_reason` /
 * `exited_at` keep the current exit for the payroll and lists.
 */
export const childExits = pgTable(
  'child_exits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    reason: varchar('reason', { length: 32 }).notNull(),
    eventDate: date('event_date', { mode: 'string' }).notNull(),
    gradualExitMonths: integer('gradual_exit_months').notNull(),
    lastPaidMonth: varchar('last_paid_month', { length: 7 }).notNull(),
    /** recognized-orphan only: the orphan allowance from this month (a switch, not a stop). */
    switchToOrphanFrom: varchar('switch_to_orphan_from', { length: 7 }),
    /** facts (a change of facts ended eligibility) | action (退出操作) | review (资格复审) */
    source: varchar('source', { length: 16 }).notNull(),
    note: text('note'),
    explanation: text('explanation').notNull(),
    /** The evidence (e.g. 死亡证明) the exit rests on, one of the file's attachments. */
    evidenceAttachmentId: uuid('evidence_attachment_id').references(() => childAttachments.id),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('child_exits_child_idx').on(t.childId, t.recordedAt)],
);
