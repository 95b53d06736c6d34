import { sql } from 'drizzle-orm';
import {
  bigint,
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
import type { LineExplanation } from '../../../domain/payroll/line.ts';
import type { ControlTotals } from '../../../domain/payroll/totals.ts';
import { children } from '../children/children.schema.ts';
import { users } from '../users/users.schema.ts';

/**
 * Monthly payroll (ADR 0005). One run per county and month: draft → reviewed → approved (locked).
 * Lines are keyed by the domain's idempotency key, so re-running a month or importing a bank
 * return twice never adds a line; a failed line is reissued at most once (partial unique index).
 */
export const payrollRuns = pgTable(
  'payroll_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    month: varchar('month', { length: 7 }).notNull(),
    /** Six-digit paying county. */
    region: varchar('region', { length: 12 }).notNull(),
    /** draft | reviewed | approved */
    status: varchar('status', { length: 16 }).notNull(),
    childCount: integer('child_count').notNull(),
    lineCount: integer('line_count').notNull(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    totals: jsonb('totals').$type<ControlTotals>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('payroll_runs_month_region_idx').on(t.region, t.month),
    index('payroll_runs_region_idx').on(t.region.op('varchar_pattern_ops')),
  ],
);

export const payrollLines = pgTable(
  'payroll_lines',
  {
    /** The domain's idempotency key: child|month|item|payingRegion|kind|source. */
    id: text('id').primaryKey(),
    runId: uuid('run_id')
      .notNull()
      .references(() => payrollRuns.id),
    /**
     * No foreign key: a month writes a line per child (a million rows), and the per-row key check
     * locks each child row, which cost more than the rest of the insert. Lines are written only by
     * generation from the children read in the same transaction, or from earlier lines, and child
     * files are never deleted (ADR 0005, "Speed").
     */
    childId: uuid('child_id').notNull(),
    month: varchar('month', { length: 7 }).notNull(),
    forMonth: varchar('for_month', { length: 7 }).notNull(),
    item: varchar('item', { length: 32 }).notNull(),
    placement: varchar('placement', { length: 16 }),
    category: varchar('category', { length: 32 }).notNull(),
    amountFen: integer('amount_fen').notNull(),
    payingRegion: varchar('paying_region', { length: 6 }).notNull(),
    hukouRegion: varchar('hukou_region', { length: 12 }).notNull(),
    /** regular | back-pay | recovery | reissue */
    kind: varchar('kind', { length: 16 }).notNull(),
    source: text('source').notNull(),
    /**
     * The line's explanation, stored once per run and wording (a month's lines share a few
     * thousand: one per shape and item), not ~400 bytes on each of a million lines (ADR 0005,
     * "Speed"). No foreign key, as for the child: the key check would lock the shared row per line.
     */
    explanationId: bigint('explanation_id', { mode: 'number' }).notNull(),
    /** pending | paid | failed (bank return); recovery lines stay pending (collected by finance). */
    bankStatus: varchar('bank_status', { length: 8 }).notNull().default('pending'),
    failureReason: text('failure_reason'),
  },
  (t) => [
    index('payroll_lines_run_idx').on(t.runId),
    index('payroll_lines_child_month_idx').on(t.childId, t.month),
    // Only failed lines are looked up by county and month (to reissue them): a small index.
    index('payroll_lines_failed_idx')
      .on(t.payingRegion, t.month)
      .where(sql`${t.bankStatus} = 'failed'`),
    // A failed line is redelivered by exactly one reissue, whichever month imports the return.
    uniqueIndex('payroll_lines_reissue_source_idx')
      .on(t.source)
      .where(sql`${t.kind} = 'reissue'`),
  ],
);

/** Explanations of a run's lines (`{text, basis}`), each wording once per run. */
export const payrollExplanations = pgTable(
  'payroll_explanations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid('run_id')
      .notNull()
      .references(() => payrollRuns.id),
    explanation: jsonb('explanation').$type<LineExplanation>().notNull(),
  },
  (t) => [index('payroll_explanations_run_idx').on(t.runId)],
);

/** The payee account of a child's allowance (开户银行, 银行账号); the account is never logged. */
export const payeeAccounts = pgTable('payee_accounts', {
  childId: uuid('child_id')
    .primaryKey()
    .references(() => children.id),
  bank: text('bank').notNull(),
  account: varchar('account', { length: 40 }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
