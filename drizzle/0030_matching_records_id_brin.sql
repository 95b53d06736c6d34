-- roster_records.id loses its primary-key B-tree for a BRIN index (ADR 0006a, twelfth pass): the
-- B-tree was ~1.2-1.6 s of the single COPY backend's CPU per 1M rows at intake, the bottleneck
-- of reading a roster since the hashing got faster. Ids stay unique by construction (each from
-- its own block of the identity sequence, which stays) and grow with the table, so a BRIN index
-- finds the few looked up at a time (a lead's evidence) and a roster's range (records_after);
-- intake summarises the new block ranges after each upload.
ALTER TABLE "roster_records" DROP CONSTRAINT "roster_records_pkey";--> statement-breakpoint
CREATE INDEX "roster_records_id_brin" ON "roster_records" USING brin ("id");
