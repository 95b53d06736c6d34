import { pinyin } from 'pinyin-pro';
import { NAME_VARIANTS } from './name-variants.ts';

/**
 * Names as departments write them: 马小花, 馬小花, "马 小花", 阿依古丽·买买提, full-width
 * letters. Matching compares a canonical form, then the toneless pinyin (ADR 0006).
 */

/** Spaces of every width and the middle dots used in minority names (· ・ • ‧ .). */
const SEPARATORS = /[\s·・•‧.\u00B7\u2027\u30FB\u2022-]/gu;

/**
 * The canonical form of a name: NFKC (full-width → half-width), separators removed, common
 * traditional/variant characters mapped to simplified (name-variants.ts), Latin letters
 * lower-cased.
 */
export function normalizeName(name: string): string {
  const s = name.normalize('NFKC').replace(SEPARATORS, '').toLowerCase();
  let out = '';
  for (const ch of s) out += NAME_VARIANTS.get(ch) ?? ch;
  return out;
}

/**
 * Toneless pinyin of a name (ü as v), syllables joined: 单小明 → shanxiaoming. Surnames are read
 * as surnames (单 shan, 曾 zeng, 解 xie, 区 ou, 尉迟 yuchi), which is where polyphones in names
 * matter most; given names take pinyin-pro's contextual reading.
 */
export function namePinyin(name: string): string {
  const n = normalizeName(name);
  if (n === '') return '';
  return pinyin(n, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .join('');
}

/** Levenshtein distance over code points. */
function editDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

export const NAME_SCORES = {
  exact: 1,
  samePinyin: 0.9,
  oneCharacter: 0.7,
  /** Anything else: at most this, scaled by the share of characters that agree. */
  otherMax: 0.6,
} as const;

/**
 * How alike two names are, 0..1, symmetric; 1 exactly when the canonical forms are equal:
 * - 1.0 same canonical form (麗/丽, spaces and dots, full-width ignored);
 * - 0.9 same toneless pinyin (马晓花 / 马小花 — a homophone written by a clerk);
 * - 0.7 same length, exactly one character different (马小花 / 马小华 with different pinyin);
 * - otherwise 0.6 × (1 − edit distance / longer length), so 0 for nothing in common.
 */
export function nameSimilarity(a: string, b: string): number {
  const na = normalizeName(a);
  const nb = normalizeName(b);
  if (na === nb) return NAME_SCORES.exact;
  if (na === '' || nb === '') return 0;
  if (namePinyin(na) === namePinyin(nb)) return NAME_SCORES.samePinyin;
  const ca = [...na];
  const cb = [...nb];
  const distance = editDistance(ca, cb);
  if (ca.length === cb.length && distance === 1) return NAME_SCORES.oneCharacter;
  const longer = Math.max(ca.length, cb.length);
  return Math.round(NAME_SCORES.otherMax * (1 - distance / longer) * 1000) / 1000;
}
