-- Recorded exits are append-only like the fact versions (ADR 0004): a wrong exit is corrected by a
-- new record. Reuses registry_refuse_change() from 0003. Works on PostgreSQL 15 and PGlite alike.
CREATE TRIGGER child_exits_append_only BEFORE UPDATE OR DELETE ON child_exits
  FOR EACH ROW EXECUTE FUNCTION registry_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON child_exits FROM PUBLIC;
