import { toRosterRecord, type KeyedHash, type RosterType } from '../../../domain/matching/index.ts';
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

/** roster_records columns of a batch, one array per column (array-parameter insert). */
export interface RecordColumns {
  rowNumber: number[];
  idKey: (string | null)[];
  nameBirthKey: (string | null)[];
  headIdKey: (string | null)[];
  householdKey: (string | null)[];
  idMasked: string[];
  contentKey: string[];
  birthDate: (string | null)[];
  /** RosterRecord as JSON text. */
  record: string[];
}

export interface HashedBatch {
  /** Non-blank rows read (accepted + rejected). */
  rows: number;
  columns: RecordColumns;
  rejects: RosterReject[];
}

export function hashRows(ctx: HashContext, hmac: KeyedHash, rows: readonly TableRow[]): HashedBatch {
  const c: RecordColumns = {
    rowNumber: [],
    idKey: [],
    nameBirthKey: [],
    headIdKey: [],
    householdKey: [],
    idMasked: [],
    contentKey: [],
    birthDate: [],
    record: [],
  };
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
    c.rowNumber.push(rowNumber);
    c.idKey.push(record.person.idKey ?? null);
    c.nameBirthKey.push(record.person.nameBirthKey ?? null);
    c.headIdKey.push(record.headIdKey ?? null);
    c.householdKey.push(data.roster === 'household' ? `${data.hukouRegion}|${data.householdNo}` : null);
    c.idMasked.push(maskIdNumber(r.row.idNumber));
    c.contentKey.push(record.contentKey);
    c.birthDate.push(record.person.birthDate ?? null);
    c.record.push(JSON.stringify(record));
  }
  return { rows: read, columns: c, rejects };
}
