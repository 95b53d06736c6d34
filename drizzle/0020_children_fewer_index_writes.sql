DROP INDEX "children_name_birth_idx";--> statement-breakpoint
DROP INDEX "children_provisional_no_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "children_provisional_no_idx" ON "children" USING btree ("provisional_no") WHERE "children"."provisional_no" is not null;