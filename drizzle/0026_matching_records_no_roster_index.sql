-- roster_records loses its roster_id B-tree (ADR 0006a): ~1.8 s of the database's CPU per 1M rows
-- at intake, for one lookup — deleting a cancelled, failed or interrupted upload's rows. A roster
-- now records the largest roster_records id when it is created (its rows all come later from the
-- identity sequence), and the delete is a primary-key range scan from there. Rosters created
-- before keep records_after null and are deleted by roster_id alone.
DROP INDEX "roster_records_roster_idx";--> statement-breakpoint
ALTER TABLE "rosters" ADD COLUMN "records_after" bigint;