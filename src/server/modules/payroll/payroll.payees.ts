import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';

/**
 * Payee accounts (开户银行 / 银行账号) for modules other than payroll: payroll's `payee_accounts`
 * is the one place a child's account lives, and the bank file pays from it. The ledger import
 * registers accounts here inside its own transaction, and the ledger export reads them back.
 * Accounts are personal data: never logged or audited in clear.
 */
export interface PayeeAccount {
  childId: string;
  bank: string;
  account: string;
}

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

/** An account as stored: the bank's name trimmed, the account number without spaces. */
const normalized = (a: PayeeAccount): PayeeAccount => ({
  childId: a.childId,
  bank: a.bank.trim(),
  account: a.account.replace(/\s/g, ''),
});

/**
 * The accounts of files created in the caller's transaction (an import's batch), where none can
 * be registered yet: one plain INSERT … SELECT unnest (cheaper than COPY or an upsert for rows
 * this narrow on the embedded database). An account already there fails the transaction.
 */
export async function registerNewPayeeAccounts(tx: Db, accounts: readonly PayeeAccount[]): Promise<void> {
  if (accounts.length === 0) return;
  const rows = accounts.map(normalized);
  await tx.execute(sql`
    insert into payee_accounts (child_id, bank, account)
    select * from unnest(${sql.param(rows.map((a) => a.childId))}::uuid[],
                         ${sql.param(rows.map((a) => a.bank))}::text[],
                         ${sql.param(rows.map((a) => a.account))}::text[])`);
}

/** The accounts of these children (absent when none is registered). */
export async function payeeAccountsOf(
  db: Db,
  childIds: readonly string[],
): Promise<Map<string, { bank: string; account: string }>> {
  if (childIds.length === 0) return new Map();
  const res = await db.execute(sql`
    select child_id, bank, account from payee_accounts where child_id = any(${sql.param([...childIds])}::uuid[])`);
  return new Map(
    rowsOf<{ child_id: string; bank: string; account: string }>(res).map((r) => [
      r.child_id,
      { bank: r.bank, account: r.account },
    ]),
  );
}
