CREATE TABLE "payee_accounts" (
	"child_id" uuid PRIMARY KEY NOT NULL,
	"bank" text NOT NULL,
	"account" varchar(40) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payroll_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"month" varchar(7) NOT NULL,
	"for_month" varchar(7) NOT NULL,
	"item" varchar(32) NOT NULL,
	"placement" varchar(16),
	"category" varchar(32) NOT NULL,
	"amount_fen" integer NOT NULL,
	"paying_region" varchar(6) NOT NULL,
	"hukou_region" varchar(12) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"source" text NOT NULL,
	"explanation" jsonb NOT NULL,
	"bank_status" varchar(8) DEFAULT 'pending' NOT NULL,
	"failure_reason" text
);
--> statement-breakpoint
CREATE TABLE "payroll_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"month" varchar(7) NOT NULL,
	"region" varchar(12) NOT NULL,
	"status" varchar(16) NOT NULL,
	"child_count" integer NOT NULL,
	"line_count" integer NOT NULL,
	"total_fen" bigint NOT NULL,
	"totals" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"approved_by" uuid,
	"approved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "payee_accounts" ADD CONSTRAINT "payee_accounts_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_lines" ADD CONSTRAINT "payroll_lines_run_id_payroll_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."payroll_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_lines" ADD CONSTRAINT "payroll_lines_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_runs" ADD CONSTRAINT "payroll_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_runs" ADD CONSTRAINT "payroll_runs_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_runs" ADD CONSTRAINT "payroll_runs_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payroll_lines_run_idx" ON "payroll_lines" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "payroll_lines_child_month_idx" ON "payroll_lines" USING btree ("child_id","month");--> statement-breakpoint
CREATE INDEX "payroll_lines_paying_month_idx" ON "payroll_lines" USING btree ("paying_region","month");--> statement-breakpoint
CREATE UNIQUE INDEX "payroll_lines_reissue_source_idx" ON "payroll_lines" USING btree ("source") WHERE "payroll_lines"."kind" = 'reissue';--> statement-breakpoint
CREATE UNIQUE INDEX "payroll_runs_month_region_idx" ON "payroll_runs" USING btree ("region","month");--> statement-breakpoint
CREATE INDEX "payroll_runs_region_idx" ON "payroll_runs" USING btree ("region" varchar_pattern_ops);