import {
  contentKeyOf,
  invalidIdentity,
  toKeyedRecord,
  type KeyedHash,
  type KeyedRecord,
  type RosterType,
} from '../../../domain/matching/index.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import { copyValue } from '../../platform/copy-text.ts';
import { maskIdNumber } from '../../../domain/shared/id-number.ts';
import { rosterRow, type RosterReject, type TableRow } from './readers/index.ts';
import type { BatchKeys } from './matching.seeds.ts';

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
   * How the batch is written (matching.repo.ts insertRecords): COPY text lines on PostgreSQL, a
   * JSON array for json_to_recordset on the embedded database. Default json.
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
   * The accepted rows, built here off the main thread (matching.repo.ts insertRecords): COPY text
   * lines (one per row, columns COPY_COLUMNS) or one JSON array for json_to_recordset; each
   * row's record without what its columns hold.
   */
  payload: string;
  rejects: RosterReject[];
  /** The keys matching's seeds come from (matching.seeds.ts). */
  keys: BatchKeys;
}

const json = (v: string | undefined) => (v === undefined ? 'null' : JSON.stringify(v));

/** The roster_records columns of a COPY line, in order. */
export const COPY_COLUMNS =
  'roster_id, roster_type, row_number, id_key, name_birth_key, head_id_key, household_key, id_masked, content_key, birth_date, record';

export function hashRows(ctx: HashContext, hmac: KeyedHash, rows: readonly TableRow[]): HashedBatch {
  const out: string[] = [];
  const rejects: RosterReject[] = [];
  const options = ctx.nameKeyFrom === undefined ? {} : { nameKeyFrom: ctx.nameKeyFrom };
  const format = ctx.format ?? 'json';
  const line = format === 'copy' ? copyLine : jsonLine;
  const head = format === 'copy' ? `${copyValue(ctx.rosterId)}\t${copyValue(ctx.type)}\t` : '';
  const keys: BatchKeys = { ids: [], nameBirth: [], minors: [], households: [] };
  let read = 0;
  for (const { rowNumber, cells } of rows) {
    const r = rosterRow(ctx.type, ctx.headers, rowNumber, cells);
    if (r === undefined) continue;
    read += 1;
    if (!r.ok) {
      rejects.push({ rowNumber, errors: r.errors });
      continue;
    }
    const record = toKeyedRecord(r.row, { roster: ctx.type, rowNumber, batch: ctx.rosterId }, hmac, options);
    // The content key of a row with a valid ID is computed from the stored record when the row
    // is first used as evidence (recordOf): most rows never are. An invalid number's identity
    // needs the clear text, so that key is computed now.
    const identity = invalidIdentity(r.row, record, hmac);
    const contentKey = identity === undefined ? undefined : contentKeyOf(record, hmac, identity);
    const household = householdOf(record);
    out.push(head + line(record, contentKey, rowNumber, maskIdNumber(r.row.idNumber), household));
    const p = record.person;
    if (p.idKey !== undefined) {
      keys.ids.push(p.idKey);
      if (ctx.adultBorn === undefined || (p.birthDate !== undefined && p.birthDate > ctx.adultBorn))
        keys.minors.push(p.idKey);
    }
    if (p.nameBirthKey !== undefined) keys.nameBirth.push(p.nameBirthKey);
    if (household !== undefined) keys.households.push(household);
  }
  const payload = format === 'copy' ? out.join('') : `[${out.join(',')}]`;
  return { rows: read, accepted: out.length, format, payload, rejects, keys };
}

const householdOf = (record: KeyedRecord) =>
  record.data.roster === 'household' ? `${record.data.hukouRegion}|${record.data.householdNo}` : undefined;

type Line = (
  record: KeyedRecord,
  contentKey: string | undefined,
  rowNumber: number,
  masked: string,
  household: string | undefined,
) => string;

const jsonLine: Line = (record, contentKey, rowNumber, masked, household) => {
  return (
    `{"r":${rowNumber},"k":${json(record.person.idKey)},"n":${json(record.person.nameBirthKey)},` +
    `"h":${json(record.headIdKey)},"hh":${json(household)},"m":${json(masked)},` +
    `"c":${json(contentKey)},"b":${json(record.person.birthDate)},"j":${JSON.stringify(storedRecord(record))}}`
  );
};

/** A COPY line, line end included, without roster id and type (the same for every row: see hashRows). */
const copyLine: Line = (record, contentKey, rowNumber, masked, household) => {
  const p = record.person;
  return (
    `${rowNumber}\t${copyValue(p.idKey)}\t${copyValue(p.nameBirthKey)}\t${copyValue(record.headIdKey)}\t` +
    `${copyValue(household)}\t${copyValue(masked)}\t${copyValue(contentKey)}\t` +
    `${copyValue(p.birthDate)}\t${copyValue(JSON.stringify(storedRecord(record)))}\n`
  );
};

/**
 * The record as stored: its source and keys live in columns (matching.repo.ts recordOf). Built
 * field by field: `{ ...rest, person }` takes V8's slow path (a spread followed by a property),
 * ~2 µs a row. JSON leaves out the fields that are undefined, as the rest object did.
 */
function storedRecord(record: KeyedRecord): Omit<KeyedRecord, 'source' | 'headIdKey'> {
  const { name, idValid, birthDate, sex, idRegion } = record.person;
  return { data: record.data, person: { name, idValid, birthDate, sex, idRegion } };
}
