import { z } from 'zod';
import { parseDateParts, type PlainDate } from './dates.ts';

/**
 * 公民身份号码 (GB 11643-1999): 6-digit address code + YYYYMMDD + 3-digit sequence (odd = male)
 * + check character (ISO 7064 MOD 11-2). The address code is never checked against current
 * division codes: people keep the number issued at birth even after codes change (domain.md §2).
 */
/** The weights of the first 17 digits and the check character of each remainder mod 11. */
export const ID_CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
export const ID_CHECK_CHARS = '10X98765432';

/** The 18-character form: 17 digits, then a digit or upper-case X (the check character not verified). */
export const ID_18_FORM = /^\d{17}[\dX]$/;

export type Sex = 'male' | 'female';

export interface IdNumberInfo {
  /** 18 characters, check character upper-case. */
  idNumber: string;
  addressCode: string;
  birthDate: PlainDate;
  sex: Sex;
}

export type IdNumberResult = { ok: true; value: IdNumberInfo } | { ok: false; message: string };

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  // Digit values from char codes: this runs for every row of a million-row roster.
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (ID_CHECK_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS[sum % 11] ?? '';
}

/** Upgrades a 15-digit number (GB 11643-1989, born 19YY) to 18 digits. */
export function upgradeIdNumber15(id15: string): string {
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + idCheckChar(first17);
}

/**
 * Validates and normalises a 公民身份号码: 18 characters (lower-case x accepted) or a legacy
 * 15-digit number; a real birth date not after `today` (when given); a correct check character.
 * Messages are Chinese, for the user.
 */
export function parseIdNumber(raw: string, today?: PlainDate): IdNumberResult {
  let id: string;
  // Most numbers come in normal form: trimming and upper-casing would give them back unchanged.
  if (ID_18_FORM.test(raw)) id = raw;
  else {
    const s = raw.trim().toUpperCase();
    if (/^\d{15}$/.test(s)) id = upgradeIdNumber15(s);
    else if (ID_18_FORM.test(s)) id = s;
    else return { ok: false, message: '公民身份号码应为18位（末位可为X）或15位数字' };
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!parseDateParts(birthDate)) return { ok: false, message: '公民身份号码中的出生日期无效' };
  if (today !== undefined && birthDate > today)
    return { ok: false, message: '公民身份号码中的出生日期晚于今天' };
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, message: '公民身份号码校验位错误' };
  return {
    ok: true,
    value: {
      idNumber: id,
      addressCode: id.slice(0, 6),
      birthDate,
      sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    },
  };
}

export function isValidIdNumber(raw: string, today?: PlainDate): boolean {
  return parseIdNumber(raw, today).ok;
}

/** A zod schema that normalises to the 18-character form (upper-case X). */
export function idNumberSchema(today?: PlainDate) {
  return z.string().transform((raw, ctx) => {
    const r = parseIdNumber(raw, today);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.message });
      return z.NEVER;
    }
    return r.value.idNumber;
  });
}
export const IdNumber = idNumberSchema();
export type IdNumber = string;

/**
 * For lists and exports (个人信息保护法 §28): first 4 and last 4 characters, the rest '*'
 * (6403**********0021). Anything shorter than 9 characters is masked entirely, so at most
 * 8 characters of any input are ever revealed.
 */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}
