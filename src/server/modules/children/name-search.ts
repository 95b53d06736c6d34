import { pinyin } from 'pinyin-pro';

/**
 * Search keys for a Chinese name: full pinyin without tones (maxiaohua) and initials (mxh).
 * Surnames are read as surnames (单 shan, 曾 zeng), so a search by the spoken name finds the child.
 */
export function nameSearchKeys(name: string): { namePinyin: string; nameInitials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter((s) => s !== '');
  return {
    namePinyin: syllables.join('').slice(0, 128),
    nameInitials: syllables
      .map((s) => s[0])
      .join('')
      .slice(0, 32),
  };
}

/** What a search box text is: an ID number (or its last digits), pinyin, or (part of) a name. */
export type SearchText =
  | { kind: 'id-exact'; value: string }
  | { kind: 'id-tail'; value: string }
  | { kind: 'provisional'; value: string }
  | { kind: 'pinyin'; value: string }
  | { kind: 'name'; value: string };

export function classifySearch(raw: string): SearchText {
  const q = raw.trim().replace(/\s+/g, '');
  if (/^\d{17}[\dxX]$/.test(q)) return { kind: 'id-exact', value: q.toUpperCase() };
  if (/^\d{3,16}[\dxX]?$/.test(q)) return { kind: 'id-tail', value: q.toUpperCase() };
  if (/^LS\d+$/i.test(q)) return { kind: 'provisional', value: q.toUpperCase() };
  if (/^[a-zA-Z]+$/.test(q)) return { kind: 'pinyin', value: q.toLowerCase() };
  return { kind: 'name', value: q };
}
