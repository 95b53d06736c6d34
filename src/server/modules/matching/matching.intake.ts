import path from 'node:path';
import { toRosterRecord, type KeyedHash, type RosterType } from '../../../domain/matching/index.ts';
import { maskIdNumber } from '../../../domain/shared/id-number.ts';
import type { Database } from '../../platform/db.ts';
import { readRoster, writeErrorsFile, type RosterReject } from './readers/index.ts';
import { matchingRepo, type RecordRow } from './matching.repo.ts';

const BATCH = 2000;

export interface IntakeResult {
  rows: number;
  rejected: number;
  errorsFile: string | null;
}

/**
 * Streams a roster file into roster_records: each accepted row as keys + masked number + typed
 * row (never the clear number), in array inserts of BATCH rows; rejected rows are collected
 * (row number and reasons only) for the errors file.
 */
export async function intakeRoster(
  database: Database,
  hmac: KeyedHash,
  roster: { id: string; type: RosterType; filePath: string; errorsDir: string },
  onProgress: (rows: number) => void,
  cancelled: () => boolean,
): Promise<IntakeResult | undefined> {
  const rejects: RosterReject[] = [];
  let batch: RecordRow[] = [];
  let rows = 0;
  // One insert in flight while the next batch is parsed and hashed.
  let pending: Promise<unknown> = Promise.resolve();
  const settle = async () => {
    const e = await pending;
    if (e instanceof Error) throw e;
  };
  const flush = async () => {
    await settle();
    pending = matchingRepo
      .insertRecords(database.exec, roster.id, roster.type, batch)
      .catch((e: unknown) => e);
    batch = [];
    onProgress(rows);
  };
  try {
    for await (const r of readRoster(roster.type, roster.filePath)) {
      rows += 1;
      if (!r.ok) {
        rejects.push({ rowNumber: r.rowNumber, errors: r.errors });
        continue;
      }
      const record = toRosterRecord(
        r.row,
        { roster: roster.type, rowNumber: r.rowNumber, batch: roster.id },
        hmac,
      );
      const data = record.data;
      batch.push({
        rowNumber: r.rowNumber,
        idKey: record.person.idKey ?? null,
        nameBirthKey: record.person.nameBirthKey ?? null,
        headIdKey: record.headIdKey ?? null,
        householdKey: data.roster === 'household' ? `${data.hukouRegion}|${data.householdNo}` : null,
        idMasked: maskIdNumber(r.row.idNumber),
        contentKey: record.contentKey,
        birthDate: record.person.birthDate ?? null,
        record,
      });
      if (batch.length >= BATCH) {
        await flush();
        if (cancelled()) {
          await settle();
          return undefined;
        }
      }
    }
  } finally {
    // A failed read leaves no insert running behind the caller's clean-up.
    await pending;
  }
  await flush();
  await settle();
  let errorsFile: string | null = null;
  if (rejects.length > 0) {
    const ext = path.extname(roster.filePath).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv';
    errorsFile = path.join(roster.errorsDir, `${roster.id}-errors.${ext}`);
    await writeErrorsFile(roster.filePath, rejects, errorsFile);
  }
  return { rows, rejected: rejects.length, errorsFile };
}
