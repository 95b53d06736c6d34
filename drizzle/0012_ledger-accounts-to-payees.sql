-- One place for bank accounts (ADR 0007): the ledger's 开户银行/银行账号 move to payroll's
-- payee_accounts, the account the bank file pays to. An account recorded in payroll after the
-- ledger's (a later correction) is kept; otherwise the ledger's is copied.
INSERT INTO "payee_accounts" ("child_id", "bank", "account", "updated_at")
SELECT "child_id", coalesce("bank", ''), "bank_account", "updated_at"
  FROM "ledger_child_details"
 WHERE "bank_account" IS NOT NULL
ON CONFLICT ("child_id") DO UPDATE SET "bank" = excluded."bank", "account" = excluded."account",
  "updated_at" = excluded."updated_at"
 WHERE "payee_accounts"."updated_at" < excluded."updated_at";--> statement-breakpoint
ALTER TABLE "ledger_child_details" DROP COLUMN "bank";--> statement-breakpoint
ALTER TABLE "ledger_child_details" DROP COLUMN "bank_account";
