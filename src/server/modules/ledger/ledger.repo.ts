import { and, desc, eq, inArray } from 'drizzle-orm';
import { copyLine, copyRows } from '../../platform/copy.ts';
import type { Db } from '../../platform/db.ts';
import { users } from '../users/users.schema.ts';
import type { GuardianDetails } from './ledger-row.ts';
import { ledgerChildDetails, ledgerSignoffs } from './ledger.schema.ts';

export type SignoffRow = typeof ledgerSignoffs.$inferSelect;

export const ledgerRepo = {
  /**
   * The guardians of files created in the caller's transaction (an import's batch), where none
   * can be recorded yet: loaded with COPY. A row already there fails the transaction.
   */
  async insertNewGuardians(db: Db, rows: readonly ({ childId: string } & GuardianDetails)[]): Promise<void> {
    const lines = rows.map((r) => copyLine([r.childId, r.guardianName, r.guardianIdNumber, r.guardianPhone]));
    await copyRows(
      db,
      'ledger_child_details',
      ['child_id', 'guardian_name', 'guardian_id_number', 'guardian_phone'],
      lines,
    );
  },
  async guardiansOf(db: Db, childIds: readonly string[]): Promise<Map<string, GuardianDetails>> {
    if (childIds.length === 0) return new Map();
    const rows = await db
      .select({
        childId: ledgerChildDetails.childId,
        guardianName: ledgerChildDetails.guardianName,
        guardianIdNumber: ledgerChildDetails.guardianIdNumber,
        guardianPhone: ledgerChildDetails.guardianPhone,
      })
      .from(ledgerChildDetails)
      .where(inArray(ledgerChildDetails.childId, [...childIds]));
    return new Map(rows.map((r) => [r.childId, r]));
  },
  async findSignoff(db: Db, countyCode: string, quarter: string): Promise<SignoffRow | undefined> {
    const [row] = await db
      .select()
      .from(ledgerSignoffs)
      .where(and(eq(ledgerSignoffs.countyCode, countyCode), eq(ledgerSignoffs.quarter, quarter)));
    return row;
  },
  async insertSignoff(db: Db, values: typeof ledgerSignoffs.$inferInsert): Promise<SignoffRow | undefined> {
    const [row] = await db.insert(ledgerSignoffs).values(values).onConflictDoNothing().returning();
    return row;
  },
  async signoffsOf(db: Db, countyCode: string) {
    return db
      .select({
        id: ledgerSignoffs.id,
        countyCode: ledgerSignoffs.countyCode,
        quarter: ledgerSignoffs.quarter,
        comments: ledgerSignoffs.comments,
        signedAt: ledgerSignoffs.signedAt,
        signedByName: users.displayName,
      })
      .from(ledgerSignoffs)
      .leftJoin(users, eq(users.id, ledgerSignoffs.signedBy))
      .where(eq(ledgerSignoffs.countyCode, countyCode))
      .orderBy(desc(ledgerSignoffs.quarter));
  },
};
