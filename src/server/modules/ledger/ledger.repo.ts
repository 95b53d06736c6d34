import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { users } from '../users/users.schema.ts';
import type { GuardianDetails } from './ledger-row.ts';
import { ledgerChildDetails, ledgerSignoffs } from './ledger.schema.ts';

export type SignoffRow = typeof ledgerSignoffs.$inferSelect;

export const ledgerRepo = {
  /**
   * The guardians of files created in the caller's transaction (an import's batch), where none
   * can be recorded yet: one plain INSERT … SELECT unnest (cheaper than COPY or an upsert for rows
   * this narrow on the embedded database). A row already there fails the transaction.
   */
  async insertNewGuardians(db: Db, rows: readonly ({ childId: string } & GuardianDetails)[]): Promise<void> {
    if (rows.length === 0) return;
    const col = <K extends keyof GuardianDetails>(k: K) => sql.param(rows.map((r) => r[k]));
    await db.execute(sql`
      insert into ledger_child_details (child_id, guardian_name, guardian_id_number, guardian_phone)
      select * from unnest(${sql.param(rows.map((r) => r.childId))}::uuid[], ${col('guardianName')}::text[],
        ${col('guardianIdNumber')}::text[], ${col('guardianPhone')}::text[])`);
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
