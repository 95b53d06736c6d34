-- roster_records.id loses its primary-key B-tree for a BRIN index (ADR 0006a, twelfth pass): the
-- B-tree was ~1.2-1.6 s of the single COPY backend's CPU per 1M rows at intake, the bottleneck
-- of reading a roster since the hashing got faster. Ids stay unique by construction (each from
-- its own block of the identity sequence, which stays) and grow with the table, so a BRIN index
-- finds the few looked up at a time (a lead's evidence) and a roster's range (records_after);
-- intake summarises the new block ranges after each upload.
ALTER TABLE "roster_records" DROP CONSTRAINT "roster_records_pkey";--> statement-breakpoint
CREATE INDEX "roster_records_id_brin" ON "roster_records" USING brin ("id");
--> statement-breakpoint
-- Summarising needs the index's owner (PostgreSQL 15), and the application runs as a role that
-- does not own the tables (ADR 0002): it calls these functions, which run as their owner. The same
-- holds for ANALYZE, which for any other role only warns and skips the table: intake's statistics
-- after a large upload (ADR 0006a, fourth pass) were never taken in such a deployment.
CREATE FUNCTION "roster_records_summarize_ids"() RETURNS integer
  LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT
  AS $$ SELECT brin_summarize_new_values('roster_records_id_brin'::regclass) $$;
--> statement-breakpoint
CREATE FUNCTION "roster_records_analyze"() RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT SET default_statistics_target = 10
  AS $$ ANALYZE roster_records (id, id_key, name_birth_key, head_id_key, household_key, birth_date, roster_id) $$;
