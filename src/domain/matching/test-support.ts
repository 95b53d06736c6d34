import { idFor } from '../eligibility/test-support.ts';
import type { KeyedHash } from './keys.ts';
import { toRosterRecord, type RosterRecord } from './records.ts';
import { parseRosterRow } from './roster-columns.ts';
import type { RosterType } from './roster-types.ts';

export { PACKS, idFor } from '../eligibility/test-support.ts';

/** A deterministic stand-in for the server's HMAC (FNV-1a, two lanes): hides its input. */
export const hmac: KeyedHash = (message) => {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < message.length; i++) {
    const c = message.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x811c9dc5) >>> 0;
  }
  return `${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}`;
};

/** An ID number with a wrong check character. */
export function badId(region: string, birthDate: string, sequence = '002'): string {
  const good = idFor(region, birthDate, sequence);
  const wrong = good.endsWith('0') ? '1' : '0';
  return good.slice(0, 17) + wrong;
}

/** Parses Chinese roster rows (header → text) into records; throws on a rejected row. */
export function rosterRecords(
  type: RosterType,
  rows: readonly Record<string, string>[],
  batch = 'upload-1',
  firstRow = 2,
): RosterRecord[] {
  return rows.map((raw, i) => {
    const r = parseRosterRow(type, raw);
    if (!r.ok) throw new Error(`row ${i}: ${JSON.stringify(r.errors)}`);
    return toRosterRecord(r.row, { roster: type, rowNumber: firstRow + i, batch }, hmac);
  });
}
