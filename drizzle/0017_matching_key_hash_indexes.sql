DROP INDEX "roster_records_id_key_idx";--> statement-breakpoint
DROP INDEX "roster_records_name_birth_idx";--> statement-breakpoint
DROP INDEX "roster_records_head_idx";--> statement-breakpoint
DROP INDEX "roster_records_household_idx";--> statement-breakpoint
CREATE INDEX "roster_records_id_key_idx" ON "roster_records" USING hash ("id_key") WHERE "roster_records"."id_key" is not null;--> statement-breakpoint
CREATE INDEX "roster_records_name_birth_idx" ON "roster_records" USING hash ("name_birth_key") WHERE "roster_records"."name_birth_key" is not null;--> statement-breakpoint
CREATE INDEX "roster_records_head_idx" ON "roster_records" USING hash ("head_id_key") WHERE "roster_records"."head_id_key" is not null;--> statement-breakpoint
CREATE INDEX "roster_records_household_idx" ON "roster_records" USING hash ("household_key") WHERE "roster_records"."household_key" is not null;