-- A quarterly sign-off (季度审核签字) is a recorded approval: never edited or withdrawn afterwards.
-- Reuses registry_refuse_change() from 0003. Works on PostgreSQL 15 and PGlite alike.
CREATE TRIGGER ledger_signoffs_append_only BEFORE UPDATE OR DELETE ON ledger_signoffs
  FOR EACH ROW EXECUTE FUNCTION registry_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON ledger_signoffs FROM PUBLIC;
