import { formatDate, parseDateParts, type PlainDate } from '../shared/dates.ts';
import { ID_18_FORM, parseIdNumber, upgradeIdNumber15, type Sex } from '../shared/id-number.ts';
import { parseYuan, type Fen } from '../shared/money.ts';
import { normalizeRegionCode } from '../shared/region-code.ts';
import type { RosterPerson } from './roster-types.ts';

/** Parsers for one roster cell (text in, value or a Chinese message out). */
export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = (message: string): CellResult<never> => ({ ok: false, message });

/**
 * Text NFKC leaves as it is and trim would not change: printable ASCII and CJK unified
 * ideographs, no space at either end — most cells of a roster. Checked first because
 * normalize() costs more than the rest of a cell's parsing.
 */
const PLAIN_CELL = /^[\x21-\x7e\u4e00-\u9fff](?:[\x20-\x7e\u4e00-\u9fff]*[\x21-\x7e\u4e00-\u9fff])?$/;

/** Trim and fold full-width forms (ＡＢ１２, U+3000) to half-width; departments mix both. */
export function cleanCell(text: string): string {
  return PLAIN_CELL.test(text) ? text : text.normalize('NFKC').trim();
}

/** YYYY-MM-DD, the form most rosters use: already what a PlainDate is. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/**
 * A date written as text: YYYY-MM-DD, and the forms departments' exports commonly use
 * (2025/7/1, 2025.07.01, 2025年7月1日, 20250701). Excel date cells are converted by the reader.
 */
export function parseDateCell(text: string): CellResult<PlainDate> {
  const s = cleanCell(text);
  if (ISO_DATE.test(s)) return parseDateParts(s) ? ok(s) : fail('日期无效（不存在的日期）');
  for (const re of DATE_FORMS) {
    const m = re.exec(s);
    if (!m) continue;
    const parts = parseDateParts(formatDate({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }));
    if (parts) return ok(formatDate(parts));
    return fail('日期无效（不存在的日期）');
  }
  return fail('日期格式应为 YYYY-MM-DD');
}

/** One of a closed list of Chinese values; the message lists them. */
export function parseEnumCell<T>(
  text: string,
  values: Record<string, T>,
  shown: readonly string[] = Object.keys(values),
): CellResult<T> {
  const s = cleanCell(text).replace(/\s+/g, '');
  const v = values[s];
  return v === undefined ? fail(`取值应为 ${shown.join(' | ')} 之一`) : ok(v);
}

/** 月救助金额: yuan with at most two decimals, not negative → fen. */
export function parseMoneyCell(text: string): CellResult<Fen> {
  const fen = parseYuan(cleanCell(text));
  if (fen === undefined) return fail('金额应为元，最多两位小数');
  if (fen < 0) return fail('金额不能为负数');
  return ok(fen);
}

/** A 户籍/居住 division code of 6, 9 or 12 digits, normalised (region-code.ts). */
export function parseRegionCell(text: string): CellResult<string> {
  const s = cleanCell(text);
  const code = /^\d{6}(\d{3}){0,2}$/.test(s) ? normalizeRegionCode(s) : undefined;
  return code === undefined ? fail('区划代码应为6、9或12位数字') : ok(code);
}

/** Normalised form of a 公民身份号码 as written: half-width, no spaces, upper-case X. */
export function normalizeIdText(text: string): string {
  // An 18-character number already in normal form (the common case) is returned as it is.
  return ID_18_FORM.test(text) ? text : cleanCell(text).replace(/\s+/g, '').toUpperCase();
}

/**
 * The person fields of a row. An empty number is an error; a number that fails GB 11643 is kept
 * (`idValid: false`) with the birth date and sex its digits still give, for name + birth matching.
 */
export function parsePerson(name: string, idText: string): CellResult<RosterPerson> & { idMessage?: string } {
  const cleanName = cleanCell(name);
  const id = normalizeIdText(idText);
  if (id === '') return fail('必填');
  const parsed = parseIdNumber(id);
  if (parsed.ok) {
    const { idNumber, birthDate, sex } = parsed.value;
    return ok({ name: cleanName, idNumber, idValid: true, birthDate, sex });
  }
  const full = /^\d{15}$/.test(id) ? upgradeIdNumber15(id) : id;
  const person: RosterPerson = { name: cleanName, idNumber: full, idValid: false };
  if (/^\d{17}/.test(full)) {
    const parts = parseDateParts(`${full.slice(6, 10)}-${full.slice(10, 12)}-${full.slice(12, 14)}`);
    if (parts) person.birthDate = formatDate(parts);
    const sex: Sex = Number(full[16]) % 2 === 1 ? 'male' : 'female';
    person.sex = sex;
  }
  return { ok: true, value: person, idMessage: parsed.message };
}
