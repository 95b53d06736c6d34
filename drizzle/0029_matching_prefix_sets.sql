-- The registry's key prefix set kept by the database (ADR 0006a, tenth pass): the key refresh
-- builds it when child_match_keys changed, and each upload reads it whole. Every statement that
-- changes child_match_keys, from any writer, counts one in match_key_changes (in its own
-- transaction), so a set built before a change is never used after it.
CREATE TABLE "match_key_changes" (
	"id" smallint PRIMARY KEY NOT NULL,
	"n" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_prefix_sets" (
	"id" smallint PRIMARY KEY NOT NULL,
	"changes" bigint NOT NULL,
	"format" text NOT NULL,
	"size" integer NOT NULL,
	"slots" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "match_prefix_sets" ALTER COLUMN "slots" SET STORAGE EXTERNAL;--> statement-breakpoint
INSERT INTO "match_key_changes" ("id", "n") VALUES (1, 0);--> statement-breakpoint
CREATE FUNCTION match_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE match_key_changes SET n = n + 1 WHERE id = 1;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER child_match_keys_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "child_match_keys"
  FOR EACH STATEMENT EXECUTE FUNCTION match_key_changed();
