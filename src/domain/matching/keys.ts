import type { PlainDate } from '../shared/dates.ts';
import { parseIdNumber } from '../shared/id-number.ts';
import { namePinyin } from './names.ts';

/**
 * Keyed hashes (ADR 0006). Matching compares these, never clear ID numbers: the server passes
 * HMAC-SHA256 under a secret it keeps; tests pass any deterministic function. Every input is
 * prefixed with its purpose so an ID key can never equal a name key.
 */
export type KeyedHash = (message: string) => string;

/** The key of a valid 公民身份号码 (15-digit numbers upgraded first); undefined when invalid. */
export function idKey(idNumber: string, hmac: KeyedHash): string | undefined {
  const r = parseIdNumber(idNumber);
  return r.ok ? normalIdKey(r.value.idNumber, hmac) : undefined;
}

/** The key of a number already validated and in normal form (18 characters, upper-case X). */
export const normalIdKey = (idNumber: string, hmac: KeyedHash): string => hmac(`id:${idNumber}`);

/** The blocking key of a person: toneless pinyin of the canonical name + birth date. */
export function nameBirthKey(name: string, birthDate: PlainDate, hmac: KeyedHash): string | undefined {
  const p = namePinyin(name);
  return p === '' ? undefined : hmac(`nb:${p}:${birthDate}`);
}

/**
 * JSON with object keys sorted at every level: equal content, equal text. Written with loops
 * rather than entries/filter/sort/map/join (half the time; every evidence row's content key and
 * every lead's dedupe key go through it); keys.test.ts holds it to that definition.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // A hole stays empty, as join leaves it.
      if (i in value) out += canonicalJson(value[i]);
    }
    return `[${out}]`;
  }
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    let out = '';
    for (const key of Object.keys(object).sort()) {
      const v = object[key];
      if (v === undefined) continue;
      out += `${out === '' ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    }
    return `{${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A lead's dedupe key from what it says, not where it was read: lead type, rule, person key and
 * the content keys of its evidence (order-free). Row numbers and upload ids are left out, so
 * uploading the same roster again yields the same keys.
 */
export function dedupeKey(
  parts: { type: string; rule: string; personKey: string; evidence: readonly string[] },
  hmac: KeyedHash,
): string {
  const evidence = [...parts.evidence].sort();
  return hmac(`lead:${canonicalJson({ ...parts, evidence })}`);
}
