CREATE TABLE "child_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"kind" varchar(32) NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" varchar(32) NOT NULL,
	"size" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "child_fact_versions" (
	"child_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_by" uuid,
	"reason" text NOT NULL,
	"effective_from" varchar(7),
	"facts" jsonb NOT NULL,
	CONSTRAINT "child_fact_versions_child_id_version_pk" PRIMARY KEY("child_id","version")
);
--> statement-breakpoint
CREATE TABLE "children" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"file_no" bigint GENERATED ALWAYS AS IDENTITY (sequence name "children_file_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"id_number" varchar(18),
	"provisional_no" varchar(32),
	"name" text NOT NULL,
	"name_pinyin" varchar(128) NOT NULL,
	"name_initials" varchar(32) NOT NULL,
	"sex" varchar(8),
	"birth_date" date NOT NULL,
	"hukou_region" varchar(12) NOT NULL,
	"residence_region" varchar(12) NOT NULL,
	"status" varchar(16) NOT NULL,
	"confirmed_at" date,
	"exit_reason" varchar(32),
	"exited_at" date,
	"version" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "determinations" (
	"child_id" uuid NOT NULL,
	"month" varchar(7) NOT NULL,
	"categories" text[] NOT NULL,
	"monthly_total_fen" integer NOT NULL,
	"determination" jsonb NOT NULL,
	"facts_version" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "determinations_child_id_month_pk" PRIMARY KEY("child_id","month")
);
--> statement-breakpoint
CREATE TABLE "application_actions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "application_actions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"application_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" varchar(16) NOT NULL,
	"from_status" varchar(16),
	"to_status" varchar(16) NOT NULL,
	"actor_id" uuid,
	"actor_username" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"on_date" date NOT NULL,
	"comment" text,
	"reasons" text[]
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"serial_no" bigint GENERATED ALWAYS AS IDENTITY (sequence name "applications_serial_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"child_id" uuid NOT NULL,
	"hukou_region" varchar(12) NOT NULL,
	"applicant" jsonb NOT NULL,
	"status" varchar(16) NOT NULL,
	"seq" integer NOT NULL,
	"submitted_on" date NOT NULL,
	"stage_started_on" date,
	"due_on" date,
	"decided_on" date,
	"facts_version" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "child_attachments" ADD CONSTRAINT "child_attachments_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_attachments" ADD CONSTRAINT "child_attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_fact_versions" ADD CONSTRAINT "child_fact_versions_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_fact_versions" ADD CONSTRAINT "child_fact_versions_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "determinations" ADD CONSTRAINT "determinations_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_actions" ADD CONSTRAINT "application_actions_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_actions" ADD CONSTRAINT "application_actions_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "child_attachments_child_idx" ON "child_attachments" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "children_id_number_idx" ON "children" USING btree ("id_number" varchar_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "children_provisional_no_idx" ON "children" USING btree ("provisional_no");--> statement-breakpoint
CREATE INDEX "children_id_number_rev_idx" ON "children" USING btree (reverse("id_number") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "children_hukou_region_idx" ON "children" USING btree ("hukou_region" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "children_name_pinyin_idx" ON "children" USING btree ("name_pinyin" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "children_name_initials_idx" ON "children" USING btree ("name_initials" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "children_name_idx" ON "children" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "children_name_birth_idx" ON "children" USING btree ("name","birth_date");--> statement-breakpoint
CREATE INDEX "children_status_idx" ON "children" USING btree ("status");--> statement-breakpoint
CREATE INDEX "determinations_categories_idx" ON "determinations" USING gin ("categories");--> statement-breakpoint
CREATE UNIQUE INDEX "application_actions_seq_idx" ON "application_actions" USING btree ("application_id","seq");--> statement-breakpoint
CREATE INDEX "applications_hukou_region_idx" ON "applications" USING btree ("hukou_region" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "applications_status_due_idx" ON "applications" USING btree ("status","due_on");--> statement-breakpoint
CREATE INDEX "applications_child_idx" ON "applications" USING btree ("child_id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_one_open_idx" ON "applications" USING btree ("child_id") WHERE status in ('submitted', 'verified', 'returned');