import { pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { children } from '../children/children.schema.ts';
import { users } from '../users/users.schema.ts';

/**
 * The ledger's columns that are not facts of the determination: the guardian (台账 监护人), one row
 * per child, written by the ledger import. The bank account (开户银行 / 银行账号) is not here: it
 * lives in payroll's payee_accounts, the one account the bank file pays to (ADR 0007).
 */
export const ledgerChildDetails = pgTable('ledger_child_details', {
  childId: uuid('child_id')
    .primaryKey()
    .references(() => children.id),
  guardianName: text('guardian_name'),
  guardianIdNumber: varchar('guardian_id_number', { length: 18 }),
  guardianPhone: varchar('guardian_phone', { length: 32 }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Quarterly sign-off (季度审核签字) of a county's ledger by the county head: one per county and quarter. */
export const ledgerSignoffs = pgTable(
  'ledger_signoffs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Normalised county code (e.g. 640302). */
    countyCode: varchar('county_code', { length: 12 }).notNull(),
    /** YYYY-Qn, e.g. 2026-Q4. */
    quarter: varchar('quarter', { length: 7 }).notNull(),
    comments: text('comments').notNull(),
    signedBy: uuid('signed_by')
      .notNull()
      .references(() => users.id),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ledger_signoffs_county_quarter_idx').on(t.countyCode, t.quarter)],
);
