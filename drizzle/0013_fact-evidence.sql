ALTER TABLE "child_fact_versions" ADD COLUMN "effective_date" date;--> statement-breakpoint
ALTER TABLE "child_fact_versions" ADD COLUMN "evidence_attachment_id" uuid;--> statement-breakpoint
ALTER TABLE "child_exits" ADD COLUMN "evidence_attachment_id" uuid;--> statement-breakpoint
ALTER TABLE "child_fact_versions" ADD CONSTRAINT "child_fact_versions_evidence_attachment_id_child_attachments_id_fk" FOREIGN KEY ("evidence_attachment_id") REFERENCES "public"."child_attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_exits" ADD CONSTRAINT "child_exits_evidence_attachment_id_child_attachments_id_fk" FOREIGN KEY ("evidence_attachment_id") REFERENCES "public"."child_attachments"("id") ON DELETE no action ON UPDATE no action;