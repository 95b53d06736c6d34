DROP INDEX "applications_one_open_idx";--> statement-breakpoint
ALTER TABLE "application_actions" ADD COLUMN "means" varchar(16);--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "accepting_region" varchar(12);--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "intake" jsonb;--> statement-breakpoint
ALTER TABLE "applications" ADD COLUMN "outcome" varchar(16);--> statement-breakpoint
CREATE INDEX "applications_accepting_region_idx" ON "applications" USING btree ("accepting_region" varchar_pattern_ops) WHERE accepting_region is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_one_open_idx" ON "applications" USING btree ("child_id") WHERE status in ('accepted', 'submitted', 'verified', 'returned');--> statement-breakpoint
-- Decisions made before this migration keep their outcome in the new column.
UPDATE "applications" SET "outcome" = "status" WHERE "status" in ('approved', 'refused');
