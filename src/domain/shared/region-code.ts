import { z } from 'zod';

/**
 * Administrative division codes: GB/T 2260 six digits (province 2 + city 2 + county 2), then the
 * NBS statistical code's township (3) and village (3) digits — 6, 9 or 12 digits in all.
 * Trailing zero groups are dropped, so 640000 is stored as "64" and 640300 as "6403": a
 * jurisdiction contains a record exactly when the jurisdiction's code is a prefix of the record's.
 */
export const RegionLevel = {
  province: 'province',
  city: 'city',
  county: 'county',
  township: 'township',
  village: 'village',
} as const;
export type RegionLevel = (typeof RegionLevel)[keyof typeof RegionLevel];

const LEVEL_BY_LENGTH: Record<number, RegionLevel> = {
  2: 'province',
  4: 'city',
  6: 'county',
  9: 'township',
  12: 'village',
};

/** Canonical form: digits only, zero groups at the end trimmed (640302000000 → 640302). */
export function normalizeRegionCode(raw: string): string | undefined {
  const code = raw.trim();
  if (!/^\d+$/.test(code) || ![2, 4, 6, 9, 12].includes(code.length)) return undefined;
  let c = code;
  if (c.length === 12 && c.endsWith('000')) c = c.slice(0, 9);
  if (c.length === 9 && c.endsWith('000')) c = c.slice(0, 6);
  if (c.length === 6 && c.endsWith('00')) c = c.slice(0, 4);
  if (c.length === 4 && c.endsWith('00')) c = c.slice(0, 2);
  if (c === '00' || c.startsWith('00')) return undefined;
  return c;
}

export const RegionCode = z.string().transform((s, ctx) => {
  const n = normalizeRegionCode(s);
  if (!n) {
    ctx.addIssue({ code: 'custom', message: '区划代码应为 2、4、6、9 或 12 位数字' });
    return z.NEVER;
  }
  return n;
});
export type RegionCode = string;

export function regionLevel(code: string): RegionLevel | undefined {
  return LEVEL_BY_LENGTH[code.length];
}

/** The code one level up, or undefined for a province. */
export function parentRegionCode(code: string): string | undefined {
  switch (code.length) {
    case 12:
      return code.slice(0, 9);
    case 9:
      return code.slice(0, 6);
    case 6:
      return code.slice(0, 4);
    case 4:
      return code.slice(0, 2);
    default:
      return undefined;
  }
}

/** Every ancestor from the province down, the code itself last. */
export function regionAncestry(code: string): string[] {
  const out: string[] = [];
  for (let c: string | undefined = code; c; c = parentRegionCode(c)) out.unshift(c);
  return out;
}

/** True when `code` lies in the subtree of `jurisdiction` (the jurisdiction itself included). */
export function isWithinRegion(code: string, jurisdiction: string): boolean {
  return code.startsWith(jurisdiction);
}

/** Six-digit GB/T 2260 form, for display and interchange (64 → 640000, 6403 → 640300). */
export function toSixDigits(code: string): string {
  return code.length >= 6 ? code.slice(0, 6) : code.padEnd(6, '0');
}
