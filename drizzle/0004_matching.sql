CREATE TABLE "child_match_keys" (
	"child_id" uuid PRIMARY KEY NOT NULL,
	"version" integer NOT NULL,
	"id_key" varchar(64),
	"name_birth_key" varchar(64),
	"father_key" varchar(64),
	"mother_key" varchar(64),
	"hukou_region" varchar(12) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_lead_aliases" (
	"dedupe_key" varchar(64) PRIMARY KEY NOT NULL,
	"lead_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_leads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dedupe_key" varchar(64) NOT NULL,
	"lead_type" varchar(16) NOT NULL,
	"rule" varchar(64) NOT NULL,
	"title" text NOT NULL,
	"child_key" varchar(64) NOT NULL,
	"hukou_region" varchar(12) NOT NULL,
	"file_ids" jsonb NOT NULL,
	"lead" jsonb NOT NULL,
	"record_ids" jsonb NOT NULL,
	"roster_id" uuid,
	"created_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" varchar(24) NOT NULL,
	"outcome_reason" text,
	"outcome_ref" varchar(64),
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"score" real
);
--> statement-breakpoint
CREATE TABLE "match_settings" (
	"name" varchar(64) PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roster_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roster_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"roster_id" uuid NOT NULL,
	"roster_type" varchar(16) NOT NULL,
	"row_number" integer NOT NULL,
	"id_key" varchar(64),
	"name_birth_key" varchar(64),
	"head_id_key" varchar(64),
	"household_key" text,
	"id_masked" varchar(18) NOT NULL,
	"content_key" varchar(64) NOT NULL,
	"record" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rosters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roster_type" varchar(16) NOT NULL,
	"source_department" text NOT NULL,
	"region" varchar(12) NOT NULL,
	"file_name" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"as_of" date NOT NULL,
	"status" varchar(16) NOT NULL,
	"rows" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"new_leads" jsonb,
	"errors_file" text,
	"message" text
);
--> statement-breakpoint
ALTER TABLE "match_lead_aliases" ADD CONSTRAINT "match_lead_aliases_lead_id_match_leads_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."match_leads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_leads" ADD CONSTRAINT "match_leads_roster_id_rosters_id_fk" FOREIGN KEY ("roster_id") REFERENCES "public"."rosters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "match_leads" ADD CONSTRAINT "match_leads_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_records" ADD CONSTRAINT "roster_records_roster_id_rosters_id_fk" FOREIGN KEY ("roster_id") REFERENCES "public"."rosters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rosters" ADD CONSTRAINT "rosters_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "child_match_keys_id_idx" ON "child_match_keys" USING btree ("id_key");--> statement-breakpoint
CREATE INDEX "child_match_keys_nb_idx" ON "child_match_keys" USING btree ("name_birth_key");--> statement-breakpoint
CREATE INDEX "child_match_keys_father_idx" ON "child_match_keys" USING btree ("father_key");--> statement-breakpoint
CREATE INDEX "child_match_keys_mother_idx" ON "child_match_keys" USING btree ("mother_key");--> statement-breakpoint
CREATE UNIQUE INDEX "match_leads_dedupe_idx" ON "match_leads" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "match_leads_region_idx" ON "match_leads" USING btree ("hukou_region" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "match_leads_child_key_idx" ON "match_leads" USING btree ("child_key","lead_type","status");--> statement-breakpoint
CREATE INDEX "match_leads_roster_idx" ON "match_leads" USING btree ("roster_id");--> statement-breakpoint
CREATE INDEX "roster_records_roster_idx" ON "roster_records" USING btree ("roster_id");--> statement-breakpoint
CREATE INDEX "roster_records_id_key_idx" ON "roster_records" USING btree ("id_key");--> statement-breakpoint
CREATE INDEX "roster_records_name_birth_idx" ON "roster_records" USING btree ("name_birth_key");--> statement-breakpoint
CREATE INDEX "roster_records_head_idx" ON "roster_records" USING btree ("head_id_key");--> statement-breakpoint
CREATE INDEX "roster_records_household_idx" ON "roster_records" USING btree ("household_key");--> statement-breakpoint
CREATE INDEX "rosters_region_idx" ON "rosters" USING btree ("region" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "rosters_uploaded_by_idx" ON "rosters" USING btree ("uploaded_by");