CREATE TABLE "payroll_explanations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "payroll_explanations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" uuid NOT NULL,
	"explanation" jsonb NOT NULL
);
--> statement-breakpoint
DROP INDEX "payroll_lines_paying_month_idx";--> statement-breakpoint
ALTER TABLE "payroll_lines" ADD COLUMN "explanation_id" bigint;--> statement-breakpoint
ALTER TABLE "payroll_explanations" ADD CONSTRAINT "payroll_explanations_run_id_payroll_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."payroll_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payroll_explanations_run_idx" ON "payroll_explanations" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "payroll_lines_failed_idx" ON "payroll_lines" USING btree ("paying_region","month") WHERE "payroll_lines"."bank_status" = 'failed';--> statement-breakpoint
-- Existing lines: each run's distinct explanations once, then every line references its own.
INSERT INTO "payroll_explanations" ("run_id", "explanation") SELECT DISTINCT "run_id", "explanation" FROM "payroll_lines";--> statement-breakpoint
UPDATE "payroll_lines" l SET "explanation_id" = e."id" FROM "payroll_explanations" e WHERE e."run_id" = l."run_id" AND e."explanation" = l."explanation";--> statement-breakpoint
ALTER TABLE "payroll_lines" ALTER COLUMN "explanation_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "payroll_lines" DROP COLUMN "explanation";
