import {
  toRosterRecord,
  type KeyedHash,
  type RosterRecord,
  type RosterType,
} from '../../../domain/matching/index.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import { maskIdNumber } from '../../../domain/shared/id-number.ts';
import { rosterRow, type RosterReject, type TableRow } from './readers/index.ts';

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
}

export interface HashedBatch {
  /** Non-blank rows read (accepted + rejected). */
  rows: number;
  /** Accepted rows. */
  accepted: number;
  /**
   * The accepted rows as one JSON array for json_to_recordset (matching.repo.ts insertRecords):
   * built here, off the main thread; each row's record without what its columns hold.
   */
  payload: string;
  rejects: RosterReject[];
}

const json = (v: string | undefined) => (v === undefined ? 'null' : JSON.stringify(v));

export function hashRows(ctx: HashContext, hmac: KeyedHash, rows: readonly TableRow[]): HashedBatch {
  const out: string[] = [];
  const rejects: RosterReject[] = [];
  const options = ctx.nameKeyFrom === undefined ? {} : { nameKeyFrom: ctx.nameKeyFrom };
  let read = 0;
  for (const { rowNumber, cells } of rows) {
    const r = rosterRow(ctx.type, ctx.headers, rowNumber, cells);
    if (r === undefined) continue;
    read += 1;
    if (!r.ok) {
      rejects.push({ rowNumber, errors: r.errors });
      continue;
    }
    const record = toRosterRecord(r.row, { roster: ctx.type, rowNumber, batch: ctx.rosterId }, hmac, options);
    const data = record.data;
    const household = data.roster === 'household' ? `${data.hukouRegion}|${data.householdNo}` : undefined;
    out.push(
      `{"r":${rowNumber},"k":${json(record.person.idKey)},"n":${json(record.person.nameBirthKey)},` +
        `"h":${json(record.headIdKey)},"hh":${json(household)},"m":${json(maskIdNumber(r.row.idNumber))},` +
        `"c":${json(record.contentKey)},"b":${json(record.person.birthDate)},"j":${JSON.stringify(storedRecord(record))}}`,
    );
  }
  return { rows: read, accepted: out.length, payload: `[${out.join(',')}]`, rejects };
}

/** The record as stored: its source and keys live in columns (matching.repo.ts recordOf). */
function storedRecord(record: RosterRecord): Omit<RosterRecord, 'source' | 'contentKey'> {
  const { source: _s, contentKey: _c, headIdKey: _h, person, ...rest } = record;
  const { idKey: _i, nameBirthKey: _n, ...who } = person;
  return { ...rest, person: who };
}
