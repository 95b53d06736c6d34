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

/** Registers (or replaces) the accounts of many children at once: one INSERT … SELECT unnest, upsert. */
export async function registerPayeeAccounts(tx: Db, accounts: readonly PayeeAccount[]): Promise<void> {
  if (accounts.length === 0) return;
  await tx.execute(sql`
    insert into payee_accounts (child_id, bank, account)
    select * from unnest(${sql.param(accounts.map((a) => a.childId))}::uuid[],
                         ${sql.param(accounts.map((a) => a.bank.trim()))}::text[],
                         ${sql.param(accounts.map((a) => a.account.replace(/\s/g, '')))}::text[])
    on conflict (child_id) do update set bank = excluded.bank, account = excluded.account, updated_at = now()`);
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
