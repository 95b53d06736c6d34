import { createHash } from 'node:crypto';
import type { FactsDocument } from '../../../domain/workflow/fact-versions.ts';

/**
 * The payroll's shape key of a facts version (`child_fact_versions.shape_key`), computed by a
 * writer that has the document in hand (a bulk import's worker) instead of by the database: the
 * SHA-256 (hex) of the facts' JSON without the child's name, and without the ID number when the
 * birth date is there. Equal keys mean equal facts, which is all the payroll relies on (the same
 * facts written with their keys in another order get another key: one more shape to evaluate,
 * not a wrong amount — a writer builds its documents one way). The text hashed starts with `v2|`,
 * never the start of the database trigger's text (a jsonb object's `{`), so a key from here and
 * one from the trigger are equal only for equal facts.
 */
export function factsShapeKey(facts: FactsDocument): string {
  const { child } = facts;
  const anonymous: Record<string, unknown> = { ...child, name: undefined };
  if (child.birthDate !== undefined) anonymous.idNumber = undefined;
  return createHash('sha256')
    .update(`v2|${JSON.stringify({ ...facts, child: anonymous })}`)
    .digest('hex');
}
