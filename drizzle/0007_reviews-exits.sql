CREATE TABLE "child_exits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"child_id" uuid NOT NULL,
	"reason" varchar(32) NOT NULL,
	"event_date" date NOT NULL,
	"gradual_exit_months" integer NOT NULL,
	"last_paid_month" varchar(7) NOT NULL,
	"switch_to_orphan_from" varchar(7),
	"source" varchar(16) NOT NULL,
	"note" text,
	"explanation" text NOT NULL,
	"recorded_by" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region" varchar(12) NOT NULL,
	"name" text NOT NULL,
	"due_date" date NOT NULL,
	"created_on" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"hukou_region" varchar(12) NOT NULL,
	"due_since" date NOT NULL,
	"outcome" varchar(16),
	"reasons" text,
	"exit_reason" varchar(32),
	"decided_on" date,
	"decided_by" uuid
);
--> statement-breakpoint
ALTER TABLE "child_exits" ADD CONSTRAINT "child_exits_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_exits" ADD CONSTRAINT "child_exits_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_campaigns" ADD CONSTRAINT "review_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_campaign_id_review_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."review_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_items" ADD CONSTRAINT "review_items_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "child_exits_child_idx" ON "child_exits" USING btree ("child_id","recorded_at");--> statement-breakpoint
CREATE INDEX "review_campaigns_region_idx" ON "review_campaigns" USING btree ("region" varchar_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "review_items_campaign_child_idx" ON "review_items" USING btree ("campaign_id","child_id");--> statement-breakpoint
CREATE INDEX "review_items_region_idx" ON "review_items" USING btree ("hukou_region" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "review_items_child_idx" ON "review_items" USING btree ("child_id","decided_on");