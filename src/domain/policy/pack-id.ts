import { normalizeRegionCode, toSixDigits } from '../shared/region-code.ts';

/**
 * Canonical policy-pack ids (ADR 0003): "cn" for the national pack, otherwise "cn-" + the
 * jurisdiction's GB/T 2260 six-digit form ("cn-640300" for 吴忠 6403, "cn-640000" for 宁夏),
 * or the full 9/12-digit code below county level. This is the form of interchange.md, so a
 * determination's `policy.id` can be passed back as `policy`. Lookups accept either form:
 * "cn-6403" ≡ "cn-640300".
 */
export const NATIONAL_PACK_ID = 'cn';

export function packIdForJurisdiction(jurisdiction: string): string {
  if (jurisdiction === '') return NATIONAL_PACK_ID;
  return `cn-${jurisdiction.length <= 6 ? toSixDigits(jurisdiction) : jurisdiction}`;
}

/** The canonical form of a pack id, or undefined when it is not "cn" or "cn-<region code>". */
export function canonicalPackId(id: string): string | undefined {
  const s = id.trim().toLowerCase();
  if (s === NATIONAL_PACK_ID) return NATIONAL_PACK_ID;
  const m = /^cn-(\d+)$/.exec(s);
  const code = m?.[1] === undefined ? undefined : normalizeRegionCode(m[1]);
  return code === undefined ? undefined : packIdForJurisdiction(code);
}

/** The normalised jurisdiction a (canonical or not) pack id stands for. */
export function jurisdictionOfPackId(id: string): string | undefined {
  const c = canonicalPackId(id);
  if (c === undefined) return undefined;
  return c === NATIONAL_PACK_ID ? '' : normalizeRegionCode(c.slice(3));
}
