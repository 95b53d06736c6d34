// Single domain modules, not the index: a hashing worker loads only what a row needs.
import { nameBirthKey, type KeyedHash } from '../../../domain/matching/keys.ts';
import { ROSTER_COLUMNS } from '../../../domain/matching/roster-columns.ts';
import type { RosterType } from '../../../domain/matching/roster-types.ts';
import { daysInMonth, formatDate, type PlainDate } from '../../../domain/shared/dates.ts';
import { ID_CHECK_CHARS, ID_CHECK_WEIGHTS } from '../../../domain/shared/id-number.ts';
import { pgDaysOf, type BinaryCopy } from '../../platform/copy-binary.ts';
import { digestHex, hmacSha256Words } from '../../platform/hmac-sha256.ts';
import type { BatchKeys, KeyPrefixSet } from './matching.seeds.ts';

/**
 * Intake's fast path (ADR 0006a, twelfth pass): a plain CSV line of a roster whose own columns
 * are dates only goes straight from its bytes to its COPY row — no cell strings, no row, record
 * or person objects, the ID key written as hex from the HMAC's words. "Plain" is the common
 * case, checked byte by byte: exactly one cell a column; a name of printable ASCII and CJK
 * unified ideographs (U+4E00–U+9FFF), no space at either end, no quote or backslash; an ID
 * number of 17 digits and a digit or upper-case X, with a real birth date and the right check
 * character; dates as YYYY-MM-DD, real ones, an optional one empty or present. For such a line
 * the general path (roster-columns.ts then matching.hashing.ts) would change nothing in a cell
 * and accept the row: this writes the same bytes it would. Any other line is left to it
 * (`write` returns false, having written nothing). A property test holds the two paths' output
 * equal byte for byte (matching.plain-rows.test.ts).
 */

/**
 * The data fields of the rosters this path takes, each its column and its key, in the order
 * the domain's row builder gives them (roster-columns.ts BUILDERS: the stored record's JSON
 * follows it).
 */
const DATE_FIELDS: Partial<Record<RosterType, readonly { column: string; key: string }[]>> = {
  death: [
    { column: '死亡日期', key: 'deathDate' },
    { column: '注销户口日期', key: 'hukouCancelledDate' },
  ],
  adoption: [{ column: '收养登记日期', key: 'adoptionDate' }],
};

export interface PlainRowContext {
  type: RosterType;
  headers: readonly string[];
  /** The COPY fields every row of the upload starts with after its id: roster id and type. */
  head: Uint8Array;
  /** The matching secret (matching.keys.ts secretOf): the ID key's HMAC is computed here. */
  secret: string;
  /** The same keyed hash as a function, for a name + birth key (seldom: see nameKeyFrom). */
  hmac: KeyedHash;
  nameKeyFrom?: PlainDate;
  adultBorn?: PlainDate;
  /** The registry's key prefixes, when the batch's keys are probed where they are hashed. */
  registry?: KeyPrefixSet;
}

export interface PlainRowWriter {
  /**
   * Writes the COPY row of `line[from, to)` (a line without its line end), with record id `id`,
   * and adds its keys to `keys`; true when written. False, with nothing written or added, when
   * the line is not plain: the general path reads it.
   */
  write(
    copy: BinaryCopy,
    keys: BatchKeys,
    rowNumber: number,
    id: number,
    line: Uint8Array,
    from: number,
    to: number,
  ): boolean;
}

const ascii = (s: string) => Buffer.from(s, 'latin1');
const NAME_OPEN = ascii('"},"person":{"name":"');
const MALE = ascii('","idValid":true,"sex":"male","idRegion":"');
const FEMALE = ascii('","idValid":true,"sex":"female","idRegion":"');
const RECORD_CLOSE = ascii('"}}');
const MASK = ascii('**********');
/** The roster_records columns (matching.hashing.ts COPY_COLUMNS). */
const COPY_FIELDS = 12;
const ID_LENGTH = 18;
/** The check character's code for each remainder (id-number.ts). */
const CHECK_CODES = ascii(ID_CHECK_CHARS);
const COMMA = 0x2c;
const SPACE = 0x20;
const DASH = 0x2d;

/** YYYY-MM-DD as the number YYYYMMDD, which orders as the date does. */
const dateNumber = (date: PlainDate) => Number(date.replaceAll('-', ''));

/**
 * The writer for a roster's plain lines under these headers; undefined when the roster's own
 * columns are not dates only, or a header is blank, unknown or there twice.
 */
export function plainRowWriter(ctx: PlainRowContext): PlainRowWriter | undefined {
  const fields = DATE_FIELDS[ctx.type];
  if (fields === undefined) return undefined;
  const { headers, registry, hmac, head } = ctx;
  const nameAt = headers.indexOf('姓名');
  const idAt = headers.indexOf('公民身份号码');
  const dates = fields.map((f) => ({
    at: headers.indexOf(f.column),
    required: ROSTER_COLUMNS[ctx.type].required.includes(f.column),
    // What comes before its value: the record's start when it is the first field written,
    // else the end of the one before.
    first: ascii(`{"data":{${JSON.stringify(f.key)}:"`),
    next: ascii(`",${JSON.stringify(f.key)}:"`),
  }));
  const present = dates.filter((d) => d.at >= 0);
  const oneEach = new Set(headers).size === headers.length && 2 + present.length === headers.length;
  if (nameAt < 0 || idAt < 0 || !oneEach || dates.some((d) => d.required && d.at < 0)) return undefined;

  const idWords = hmacSha256Words(ctx.secret);
  const words = new Int32Array(8);
  const n = headers.length;
  // Where each cell of the line being read starts and ends: cell i at [2i, 2i + 1].
  const cells = new Int32Array(2 * n);
  const nameFrom = ctx.nameKeyFrom === undefined ? undefined : dateNumber(ctx.nameKeyFrom);
  const adultBorn = ctx.adultBorn === undefined ? undefined : dateNumber(ctx.adultBorn);

  /** Splits the line at its commas into `cells`; false unless it has exactly n cells. */
  const split = (line: Uint8Array, from: number, to: number): boolean => {
    let cell = 0;
    cells[0] = from;
    for (let i = from; i < to; i++) {
      if (line[i] !== COMMA) continue;
      if (cell === n - 1) return false;
      cells[2 * cell + 1] = i;
      cell += 1;
      cells[2 * cell] = i + 1;
    }
    cells[2 * cell + 1] = to;
    return cell === n - 1;
  };

  return {
    write(copy, keys, rowNumber, id, line, from, to) {
      if (!split(line, from, to)) return false;
      const nameStart = cells[2 * nameAt]!;
      const nameEnd = cells[2 * nameAt + 1]!;
      const idStart = cells[2 * idAt]!;
      if (cells[2 * idAt + 1]! - idStart !== ID_LENGTH || !plainName(line, nameStart, nameEnd)) return false;
      const birth = idBirthDate(line, idStart);
      if (birth < 0) return false;
      for (let i = 0; i < present.length; i++) {
        const d = present[i]!;
        const start = cells[2 * d.at]!;
        const end = cells[2 * d.at + 1]!;
        if (start === end ? d.required : isoDate(line, start, end) < 0) return false;
      }
      if (!idWords('id:', line, idStart, idStart + ID_LENGTH, words)) return false;

      // A plain row: its columns as matching.hashing.ts copyRow writes them.
      const year = Math.floor(birth / 10000);
      const month = Math.floor(birth / 100) % 100;
      const day = birth % 100;
      const nb =
        nameFrom === undefined || birth >= nameFrom
          ? nameBirthKey(textOf(line, nameStart, nameEnd), formatDate({ year, month, day }), hmac)
          : undefined;
      copy.row(COPY_FIELDS).int8(id).raw(head).int4(rowNumber);
      let at = copy.open();
      copy.hex(words).close(at);
      copy.text(nb).null().null();
      // The masked number: first 4 and last 4 characters (id-number.ts maskIdNumber).
      at = copy.open();
      copy
        .put(line, idStart, idStart + 4)
        .raw(MASK)
        .put(line, idStart + 14, idStart + ID_LENGTH)
        .close(at);
      copy.null().days(pgDaysOf(year, month, day));
      // The stored record (matching.hashing.ts storedRecordJson).
      at = copy.open();
      let first = true;
      for (let i = 0; i < present.length; i++) {
        const d = present[i]!;
        const start = cells[2 * d.at]!;
        const end = cells[2 * d.at + 1]!;
        if (start === end) continue;
        copy.raw(first ? d.first : d.next).put(line, start, end);
        first = false;
      }
      // An odd 17th digit: male.
      const sex = (line[idStart + 16]! - 0x30) % 2 === 1 ? MALE : FEMALE;
      copy
        .raw(NAME_OPEN)
        .put(line, nameStart, nameEnd)
        .raw(sex)
        .put(line, idStart, idStart + 6);
      copy.raw(RECORD_CLOSE).close(at);

      // Its keys, as hashRows gathers them: a string made only for a key kept.
      let key: string | undefined;
      if (!registry || registry.has(words[0]!)) keys.ids.push((key = digestHex(words)));
      if (adultBorn === undefined || birth > adultBorn) keys.minors.push(key ?? digestHex(words));
      if (nb !== undefined && (!registry || registry.hasKey(nb))) keys.nameBirth.push(nb);
      return true;
    },
  };
}

const textOf = (line: Uint8Array, from: number, to: number) =>
  Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString('utf8', from, to);

/** The number written by `count` ASCII digits at `at`; -1 if one is not a digit. */
function digitsAt(line: Uint8Array, at: number, count: number): number {
  let v = 0;
  for (let i = at; i < at + count; i++) {
    const d = line[i]! - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** YYYYMMDD of a real date written year, month, day from `at` with `gap` bytes between; -1 if none. */
function dateAt(line: Uint8Array, at: number, gap: number): number {
  const year = digitsAt(line, at, 4);
  const month = digitsAt(line, at + 4 + gap, 2);
  const day = digitsAt(line, at + 6 + 2 * gap, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return -1;
  return year * 10000 + month * 100 + day;
}

/** A real date as YYYY-MM-DD in `line[from, to)`, as YYYYMMDD; -1 otherwise (dates.ts parseDateParts). */
function isoDate(line: Uint8Array, from: number, to: number): number {
  if (to - from !== 10 || line[from + 4] !== DASH || line[from + 7] !== DASH) return -1;
  return dateAt(line, from, 1);
}

/**
 * The birth date (YYYYMMDD) of the 18-character number at `at` in normal form — 17 digits, a
 * digit or upper-case X — with a real birth date and the right check character; -1 otherwise
 * (id-number.ts parseIdNumber).
 */
function idBirthDate(line: Uint8Array, at: number): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const d = line[at + i]! - 0x30;
    if (d < 0 || d > 9) return -1;
    sum += d * ID_CHECK_WEIGHTS[i]!;
  }
  if (line[at + 17] !== CHECK_CODES[sum % 11]) return -1;
  return dateAt(line, at + 6, 0);
}

/**
 * A name cell the general path keeps as it is and JSON writes unescaped: printable ASCII but
 * quote and backslash, CJK unified ideographs U+4E00–U+9FFF (3 bytes of UTF-8 each), spaces
 * only inside; not empty (roster-values.ts cleanCell's PLAIN_CELL, narrowed).
 */
function plainName(line: Uint8Array, from: number, to: number): boolean {
  if (from === to || line[from] === SPACE || line[to - 1] === SPACE) return false;
  for (let i = from; i < to;) {
    const b = line[i]!;
    if (b < 0x80) {
      if (b < SPACE || b > 0x7e || b === 0x22 || b === 0x5c) return false;
      i += 1;
      continue;
    }
    // E4 B8 80 (U+4E00) to E9 BF BF (U+9FFF).
    const b1 = line[i + 1]!;
    const b2 = line[i + 2]!;
    if (
      i + 3 > to ||
      b < 0xe4 ||
      b > 0xe9 ||
      b1 < (b === 0xe4 ? 0xb8 : 0x80) ||
      b1 > 0xbf ||
      b2 < 0x80 ||
      b2 > 0xbf
    )
      return false;
    i += 3;
  }
  return true;
}
