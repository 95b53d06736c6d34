-- The payroll's shape key is computed by the writer (ADR 0007, fourth pass): a bulk import
-- computes it in its worker thread instead of the embedded database's only thread paying the
-- generated expression (about a third of each facts row's insert). Every other insert leaves it
-- out, and the trigger computes it as the generated column did (same expression, same keys).
-- Stored keys are kept as they are.
ALTER TABLE "child_fact_versions" ALTER COLUMN "shape_key" DROP EXPRESSION;--> statement-breakpoint
CREATE FUNCTION child_fact_versions_shape_key() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.shape_key := encode(sha256(decode(replace(coalesce((NEW.facts - 'child')::text, '') || '|' || coalesce(case when NEW.facts -> 'child' ? 'birthDate' then (NEW.facts -> 'child') - 'name' - 'idNumber' else (NEW.facts -> 'child') - 'name' end::text, ''), chr(92), chr(92) || chr(92)), 'escape')), 'hex');
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER child_fact_versions_shape_key BEFORE INSERT ON "child_fact_versions"
  FOR EACH ROW WHEN (NEW.shape_key IS NULL) EXECUTE FUNCTION child_fact_versions_shape_key();--> statement-breakpoint
ALTER TABLE "child_fact_versions" ALTER COLUMN "shape_key" SET NOT NULL;
