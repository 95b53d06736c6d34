import { z } from 'zod';

/** Money is integer fen (分), never a float: 1 yuan = 100 fen. */
export type Fen = number;
export const Fen = z.number().int({ message: '金额应为整数（分）' });
export const NonNegativeFen = Fen.min(0, { message: '金额不能为负数' });

const YUAN_RE = /^([+-]?)(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Parses a yuan amount written as text ("1200", "1200.5", "1,200.50", "-3.07") into fen by
 * string arithmetic, so "0.29" is 29 fen and not 28.999…; more than two decimals is refused.
 * Returns undefined for anything that is not such an amount.
 */
export function parseYuan(text: string): Fen | undefined {
  const m = YUAN_RE.exec(text.trim().replace(/,/g, ''));
  if (!m) return undefined;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(fen)) return undefined;
  return m[1] === '-' ? -fen : fen;
}

/** Like parseYuan but throws RangeError: for trusted data (policy files, constants). */
export function yuanToFen(yuan: string | number): Fen {
  const fen = parseYuan(typeof yuan === 'number' ? String(yuan) : yuan);
  if (fen === undefined) throw new RangeError(`not a yuan amount with at most two decimals: ${yuan}`);
  return fen;
}

/** 120000 → "1200.00"; -5 → "-0.05". */
export function fenToYuanString(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** fen × percent / 100, rounded half up to the fen (percent may be e.g. 40 or 12.5). */
export function percentOf(fen: Fen, percent: number): Fen {
  return Math.round((fen * percent) / 100);
}
