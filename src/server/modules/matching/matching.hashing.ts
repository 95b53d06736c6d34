// Single domain modules, not the index: a hashing worker loads only what a row needs.
import type { KeyedHash } from '../../../domain/matching/keys.ts';
import {
  contentKeyOf,
  invalidIdentity,
  toKeyedRecord,
  type KeyedRecord,
} from '../../../domain/matching/records.ts';
import type { RosterType } from '../../../domain/matching/roster-types.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import { BinaryCopy, binaryField, uuidBytes } from '../../platform/copy-binary.ts';
import { maskIdNumber } from '../../../domain/shared/id-number.ts';
import type { RosterReject } from './readers/errors-file.ts';
// The pure readers only: hashing workers load this module, and the index pulls in ExcelJS.
import { forEachLine, type CsvLines } from './readers/csv.ts';
import { forEachRow, rosterRowReader, type CellValue, type TableRow } from './readers/rows.ts';
import { secretOf } from './matching.keys.ts';
import { plainRowWriter } from './matching.plain-rows.ts';
import { recordIdAt, type RecordIdBlocks } from './matching.record-ids.ts';
import type { BatchKeys, KeyPrefixSet } from './matching.seeds.ts';

/**
 * The CPU-bound step of intake (ADR 0006a): validating rows and replacing ID numbers by keyed
 * hashes, producing the columns of roster_records. Runs in worker threads for large files
 * (matching.hash-pool.ts) and in process for small ones; the same function either way.
 */
export interface HashContext {
  rosterId: string;
  type: RosterType;
  /** The checked header row. */
  headers: string[];
  /** See RecordOptions.nameKeyFrom. */
  nameKeyFrom?: PlainDate;
  /**
   * How the batch is written (matching.repo.ts): one binary COPY input on PostgreSQL, a JSON
   * array for json_to_recordset on the embedded database. Default json.
   */
  format?: 'copy' | 'json';
  /**
   * People born on or before this date are 18 on the as-of date: their ID keys are not seeds by
   * themselves (BatchKeys.minors). Without it every valid ID key is one.
   */
  adultBorn?: PlainDate;
}

export interface HashedBatch {
  /** Non-blank rows read (accepted + rejected). */
  rows: number;
  /** Accepted rows. */
  accepted: number;
  format: 'copy' | 'json';
  /**
   * The accepted rows, built here off the main thread (matching.repo.ts): a whole binary COPY
   * input (columns COPY_COLUMNS) or one JSON array for json_to_recordset; each row's record
   * without what its columns hold.
   */
  payload: Uint8Array | string;
  rejects: RosterReject[];
  /** The keys matching's seeds come from (matching.seeds.ts). */
  keys: BatchKeys;
}

const jsonValue = (v: string | undefined) => (v === undefined ? 'null' : JSON.stringify(v));

/** The roster_records columns of a COPY row, in order (copyRow writes them). */
export const COPY_COLUMNS =
  'id, roster_id, roster_type, row_number, id_key, name_birth_key, head_id_key, household_key, id_masked, content_key, birth_date, record';
const COPY_FIELDS = 12;

/**
 * The statement a batch in COPY format is written with (matching.repo.ts copyRecords). Binary:
 * at 1M rows the database's text parsing was ~2 s of its CPU (ADR 0006a, seventh pass).
 */
export const COPY_STATEMENT = `copy roster_records (${COPY_COLUMNS}) from stdin (format binary)`;

/** Room for a run of rows' COPY input, so it seldom grows: a death roster's row is ~320 bytes. */
const COPY_BYTES_PER_ROW = 340;

/**
 * What a message between intake's threads hands over rather than copies: the buffer under bytes
 * of their own. Bytes on shared memory (intake's slots) go by reference and are not listed.
 */
export const handedOver = (bytes: Uint8Array | string | undefined): ArrayBuffer[] =>
  typeof bytes === 'object' && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : [];

/** A batch as read: rows, or a run of plain CSV lines split here (readers/csv.ts). */
export type ReadBatch = TableRow[] | CsvLines;

/**
 * Hashes a batch; its accepted rows take their ids from `ids` in order (matching.record-ids.ts).
 * Given the registry's key prefixes, the batch's ID and name keys are probed here and only the
 * candidates returned (BatchKeys.probed): a worker thread then sends back ~1 key in 100, not all.
 * A run of CSV lines in COPY format goes line by line through matching.plain-rows.ts where it
 * can (a plain line of a death or adoption roster, under the real matching secret): the same
 * bytes, without the row's objects and strings; every other line is read here.
 */
export function hashRows(
  ctx: HashContext,
  hmac: KeyedHash,
  batch: ReadBatch,
  ids: RecordIdBlocks,
  registry?: KeyPrefixSet,
  /** Where to build the COPY input while it fits (a slot: matching.intake.ts). */
  out?: Uint8Array,
): HashedBatch {
  const read = rosterRowReader(ctx.type, ctx.headers);
  const rejects: RosterReject[] = [];
  const options = ctx.nameKeyFrom === undefined ? {} : { nameKeyFrom: ctx.nameKeyFrom };
  const format = ctx.format ?? 'json';
  const json: string[] = [];
  const copy =
    format === 'copy'
      ? new BinaryCopy((Array.isArray(batch) ? batch.length : batch.rows) * COPY_BYTES_PER_ROW, out)
      : undefined;
  // The fields every row starts with: roster id and type.
  const head =
    copy && Buffer.concat([binaryField(uuidBytes(ctx.rosterId)), binaryField(Buffer.from(ctx.type))]);
  let accepted = 0;
  const keys: BatchKeys = { ids: [], nameBirth: [], minors: [], households: [] };
  if (registry) keys.probed = true;
  let count = 0;
  const general = (rowNumber: number, cells: readonly CellValue[]) => {
    const r = read(rowNumber, cells);
    if (r === undefined) return;
    count += 1;
    if (!r.ok) {
      rejects.push({ rowNumber, errors: r.errors });
      return;
    }
    const record = toKeyedRecord(r.row, { roster: ctx.type, rowNumber, batch: ctx.rosterId }, hmac, options);
    // The content key of a row with a valid ID is computed from the stored record when the row
    // is first used as evidence (recordOf): most rows never are. An invalid number's identity
    // needs the clear text, so that key is computed now.
    const identity = invalidIdentity(r.row, record, hmac);
    const contentKey = identity === undefined ? undefined : contentKeyOf(record, hmac, identity);
    const household = householdOf(record);
    const row: StoredRow = {
      id: recordIdAt(ids, accepted),
      rowNumber,
      record,
      contentKey,
      masked: maskIdNumber(r.row.idNumber),
      household,
    };
    if (copy && head) copyRow(copy, head, row);
    else json.push(jsonLine(row));
    accepted += 1;
    const p = record.person;
    if (p.idKey !== undefined) {
      if (!registry || registry.hasKey(p.idKey)) keys.ids.push(p.idKey);
      if (ctx.adultBorn === undefined || (p.birthDate !== undefined && p.birthDate > ctx.adultBorn))
        keys.minors.push(p.idKey);
    }
    if (p.nameBirthKey !== undefined && (!registry || registry.hasKey(p.nameBirthKey)))
      keys.nameBirth.push(p.nameBirthKey);
    if (household !== undefined) keys.households.push(household);
  };
  const secret = secretOf(hmac);
  const plain =
    copy && head && secret !== undefined && !Array.isArray(batch)
      ? plainRowWriter({ ...ctx, head, secret, hmac, registry })
      : undefined;
  if (copy && plain && !Array.isArray(batch))
    forEachLine(
      batch,
      (rowNumber, line, from, to) => {
        if (!plain.write(copy, keys, rowNumber, recordIdAt(ids, accepted), line, from, to)) return false;
        count += 1;
        accepted += 1;
        return true;
      },
      general,
    );
  else forEachRow(batch, general);
  const payload = copy ? copy.done() : `[${json.join(',')}]`;
  return { rows: count, accepted, format, payload, rejects, keys };
}

const householdOf = (record: KeyedRecord) =>
  record.data.roster === 'household' ? `${record.data.hukouRegion}|${record.data.householdNo}` : undefined;

/** An accepted row's roster_records columns but roster id and type (the same for every row). */
interface StoredRow {
  id: number;
  rowNumber: number;
  record: KeyedRecord;
  contentKey: string | undefined;
  masked: string;
  household: string | undefined;
}

const jsonLine = ({ id, rowNumber, record, contentKey, masked, household }: StoredRow) => {
  return (
    `{"i":${id},"r":${rowNumber},"k":${jsonValue(record.person.idKey)},"n":${jsonValue(record.person.nameBirthKey)},` +
    `"h":${jsonValue(record.headIdKey)},"hh":${jsonValue(household)},"m":${jsonValue(masked)},` +
    `"c":${jsonValue(contentKey)},"b":${jsonValue(record.person.birthDate)},"j":${storedRecordJson(record)}}`
  );
};

/** A COPY row, columns COPY_COLUMNS; `head` holds roster id and type. */
function copyRow(
  copy: BinaryCopy,
  head: Uint8Array,
  { id, rowNumber, record, contentKey, masked, household }: StoredRow,
) {
  const p = record.person;
  copy
    .row(COPY_FIELDS)
    .int8(id)
    .raw(head)
    .int4(rowNumber)
    .text(p.idKey)
    .text(p.nameBirthKey)
    .text(record.headIdKey)
    .text(household)
    .text(masked)
    .text(contentKey)
    .date(p.birthDate)
    .text(storedRecordJson(record));
}

/**
 * The record as stored, as JSON: its source, keys, birth date and roster type live in columns
 * (matching.repo.ts recordOf puts them back). Written out here, in the order and with the
 * omissions JSON.stringify gives `{ data: data without roster, person: { name, idValid, sex,
 * idRegion } }` (a property test holds the two equal): building that object and stringifying it
 * was ~1.5 µs a row, most of a row's JSON. Leaving out what the columns hold makes a death row
 * 42 bytes shorter, ~0.5 s less of the database's COPY at 1M rows (ADR 0006a, eighth pass).
 */
export function storedRecordJson(record: KeyedRecord): string {
  const { name, idValid, sex, idRegion } = record.person;
  let json = `{"data":${flatJson(record.data, 'roster')},"person":{"name":${jsonString(name)},"idValid":${idValid}`;
  if (sex !== undefined) json += `,"sex":${jsonString(sex)}`;
  if (idRegion !== undefined) json += `,"idRegion":${jsonString(idRegion)}`;
  return `${json}}}`;
}

/** Characters JSON.stringify escapes in a string (quote, backslash, controls, lone surrogates). */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string: most values need no escape, and are quoted as they are. */
const jsonString = (s: string) => (JSON_ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`);

/**
 * JSON.stringify of an object without its key `omit`, its strings, finite numbers and booleans
 * written here (a row's data holds little else); anything else, e.g. a nested object, by
 * JSON.stringify.
 */
function flatJson(o: object, omit: string): string {
  let json = '';
  for (const k in o) {
    if (!Object.hasOwn(o, k) || k === omit) continue;
    const v: unknown = (o as Record<string, unknown>)[k];
    let value: string;
    if (typeof v === 'string') value = jsonString(v);
    else if (typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) value = String(v);
    else if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    else value = JSON.stringify(v);
    json += `${json === '' ? '' : ','}${jsonString(k)}:${value}`;
  }
  return `{${json}}`;
}
