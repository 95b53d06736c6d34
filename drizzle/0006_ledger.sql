CREATE TABLE "ledger_child_details" (
	"child_id" uuid PRIMARY KEY NOT NULL,
	"guardian_name" text,
	"guardian_id_number" varchar(18),
	"guardian_phone" varchar(32),
	"bank" text,
	"bank_account" varchar(32),
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_signoffs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"county_code" varchar(12) NOT NULL,
	"quarter" varchar(7) NOT NULL,
	"comments" text NOT NULL,
	"signed_by" uuid NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_child_details" ADD CONSTRAINT "ledger_child_details_child_id_children_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."children"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_signoffs" ADD CONSTRAINT "ledger_signoffs_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_signoffs_county_quarter_idx" ON "ledger_signoffs" USING btree ("county_code","quarter");