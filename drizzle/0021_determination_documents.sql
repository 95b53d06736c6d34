-- Determination documents stored once (ADR 0007, fourth pass): children in the same situation
-- in the same month share one document instead of a ~1 KB copy per child per month. The key is
-- the SHA-256 (hex) of the document's jsonb text, as every writer computes it in SQL.
CREATE TABLE "determination_documents" (
	"key" text PRIMARY KEY NOT NULL,
	"document" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "determinations" ADD COLUMN "document_key" text;--> statement-breakpoint
INSERT INTO "determination_documents" ("key", "document")
SELECT DISTINCT ON (k) k, "determination"
FROM (SELECT encode(sha256(convert_to("determination"::text, 'UTF8')), 'hex') AS k, "determination" FROM "determinations") d
ORDER BY k;--> statement-breakpoint
UPDATE "determinations" SET "document_key" = encode(sha256(convert_to("determination"::text, 'UTF8')), 'hex');--> statement-breakpoint
ALTER TABLE "determinations" ALTER COLUMN "document_key" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "determinations" ADD CONSTRAINT "determinations_document_key_determination_documents_key_fk" FOREIGN KEY ("document_key") REFERENCES "public"."determination_documents"("key") ON DELETE no action ON UPDATE no action;
