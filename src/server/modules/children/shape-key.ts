import { createHash } from 'node:crypto';
import type { FactsDocument } from '../../../domain/workflow/fact-versions.ts';

/** JSON with every object's keys in code-unit order: one text per value, whatever the key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The payroll's shape key of a facts version (`child_fact_versions.shape_key`), computed by a
 * writer that has the document in hand (a bulk import's worker) instead of by the database: the
 * SHA-256 (hex) of the facts without the child's name, and without the ID number when the birth
 * date is there. Equal keys mean equal facts, which is all the payroll relies on. The text hashed
 * starts with `v2|`, never the start of the database trigger's text (a jsonb object's `{`), so a
 * key from here and one from the trigger can only be equal for equal facts; they differ for the
 * same facts, which costs a payroll one more shape to evaluate, not a wrong amount.
 */
export function factsShapeKey(facts: FactsDocument): string {
  const { child, ...rest } = facts;
  const { name: _name, idNumber: _idNumber, ...anonymous } = child;
  const childPart = child.birthDate === undefined ? { ...anonymous, idNumber: child.idNumber } : anonymous;
  return createHash('sha256')
    .update(`v2|${canonicalJson(rest)}|${canonicalJson(childPart)}`)
    .digest('hex');
}
