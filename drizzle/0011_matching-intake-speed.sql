DROP INDEX "roster_records_id_key_idx";--> statement-breakpoint
DROP INDEX "roster_records_name_birth_idx";--> statement-breakpoint
DROP INDEX "roster_records_head_idx";--> statement-breakpoint
DROP INDEX "roster_records_household_idx";--> statement-breakpoint
ALTER TABLE "roster_records" ALTER COLUMN "record" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "child_match_keys" ADD COLUMN "birth_date" date;--> statement-breakpoint
ALTER TABLE "roster_records" ADD COLUMN "birth_date" date;--> statement-breakpoint
CREATE INDEX "roster_records_id_key_idx" ON "roster_records" USING btree ("id_key") WHERE "roster_records"."id_key" is not null;--> statement-breakpoint
CREATE INDEX "roster_records_name_birth_idx" ON "roster_records" USING btree ("name_birth_key") WHERE "roster_records"."name_birth_key" is not null;--> statement-breakpoint
CREATE INDEX "roster_records_head_idx" ON "roster_records" USING btree ("head_id_key") WHERE "roster_records"."head_id_key" is not null;--> statement-breakpoint
CREATE INDEX "roster_records_household_idx" ON "roster_records" USING btree ("household_key") WHERE "roster_records"."household_key" is not null;--> statement-breakpoint
UPDATE "roster_records" SET "birth_date" = ("record"::json->'person'->>'birthDate')::date WHERE "record"::json->'person'->>'birthDate' IS NOT NULL;--> statement-breakpoint
-- child_match_keys is a cache of the registry: emptied so the next match rebuilds it with birth dates.
DELETE FROM "child_match_keys";
