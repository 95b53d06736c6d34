-- The child's fact versions and the application action log are append-only, like the audit trail
-- (ADR 0004): a correction is a new version, a decision is a new action; history is never rewritten.
-- Triggers work on PostgreSQL 15 and on the embedded PGlite alike.
CREATE OR REPLACE FUNCTION registry_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER child_fact_versions_append_only BEFORE UPDATE OR DELETE ON child_fact_versions
  FOR EACH ROW EXECUTE FUNCTION registry_refuse_change();
--> statement-breakpoint
CREATE TRIGGER application_actions_append_only BEFORE UPDATE OR DELETE ON application_actions
  FOR EACH ROW EXECUTE FUNCTION registry_refuse_change();
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON child_fact_versions, application_actions FROM PUBLIC;
