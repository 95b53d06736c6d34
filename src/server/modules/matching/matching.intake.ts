import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KeyedHash, RosterType } from '../../../domain/matching/index.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import type { Database } from '../../platform/db.ts';
import {
  readTableSegments,
  rosterHeader,
  tableRowsOf,
  writeErrorsFile,
  type RosterReject,
  type TableRow,
} from './readers/index.ts';
import { inProcessPool, workerPool, type HashPool } from './matching.hash-pool.ts';
import type { HashContext, ReadBatch } from './matching.hashing.ts';
import { secretOf } from './matching.keys.ts';
import { copyPoolOf, matchingRepo, openRecordCopy, type RecordCopy } from './matching.repo.ts';
import { recordIdSource } from './matching.record-ids.ts';
import type { BatchKeys, KeyPrefixSet } from './matching.seeds.ts';

const BATCH = 4000;
/** A slot holds a batch's COPY input: BATCH rows of a death roster take ~1.3 MB. */
const SLOT_BYTES = 2 * 1024 * 1024;
/** A slot holds a run of CSV lines: a read chunk (readers/csv.ts, 128 KB) and a line carried. */
const RUN_SLOT_BYTES = 256 * 1024;
/** Files from this size on may be hashed in worker threads (smaller ones don't repay the start-up). */
const WORKER_FILE_BYTES = 16 * 1024 * 1024;

/**
 * Two hashing workers on any machine with two cores or more. Measured on the idle 2-core bench
 * machine (1M-row death roster, PostgreSQL beside it; ADR 0006a, fifth pass): in process the main
 * thread is the bottleneck (Node ~1.1 cores, PostgreSQL's COPY ~0.4, half a core idle) and
 * reading took 23–29 s; two workers fill both cores and took 18–24 s (one worker: no gain, the
 * main thread then waits on it). Peak RSS 0.75–0.78 GB with them vs 0.43–0.6 GB (three workers:
 * 0.94 GB, no faster). On a machine already loaded by other work (load 5–7) they cost more than they saved.
 */
const defaultWorkers = (bytes: number) =>
  bytes >= WORKER_FILE_BYTES && os.availableParallelism() >= 2 ? 2 : 0;

/**
 * Slots of shared memory of `size` bytes, reused: `take` gives a view of `length` bytes on a
 * free slot (a new one when none is free), or memory of its own when longer; `give` returns a
 * slot's view to the pool (anything else is left alone).
 */
function sharedSlots(size: number) {
  const free: SharedArrayBuffer[] = [];
  return {
    take: (length = size): Uint8Array =>
      length > size
        ? new Uint8Array(length)
        : new Uint8Array(free.pop() ?? new SharedArrayBuffer(size), 0, length),
    give(view: Uint8Array | undefined): void {
      if (view?.buffer instanceof SharedArrayBuffer && view.buffer.byteLength === size)
        free.push(view.buffer);
    },
  };
}

export interface IntakeResult {
  rows: number;
  rejected: number;
  errorsFile: string | null;
}

export interface IntakeProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

export interface IntakeOptions {
  /** Hashing workers: default 0 below WORKER_FILE_BYTES, else 2 on two cores or more. */
  workers?: number;
  /** Write with COPY when the database allows it (PostgreSQL); default true. */
  copy?: boolean;
  /** Each batch's keys as it is written (matching's seeds: matching.seeds.ts). */
  onKeys?: (keys: BatchKeys) => void;
  /**
   * The registry's key prefixes, once loaded: shared with the hashers, which then probe each
   * batch's keys themselves (BatchKeys.probed). A failure to load is the seeds' to report.
   */
  registry?: Promise<KeyPrefixSet>;
}

/**
 * Streams a roster file into roster_records (ADR 0006a): the main thread reads the file — rows in
 * batches, or a CSV's quote-free text as runs of lines it does not parse (readers/csv.ts); a hash
 * pool splits, validates and hashes them (ID numbers never stored); the batches are written into
 * one COPY for the whole roster on PostgreSQL (matching.repo.ts openRecordCopy: committed at
 * the end, or not at all), one json_to_recordset insert each on the embedded database. At most 2
 * batches per hasher are in flight — reading waits for them (back-pressure), so memory is
 * bounded by the batches, not the file. The rows stay invisible to matching until the roster is
 * done. Rejected rows keep only row number and reasons, for the errors file. Returns undefined
 * when cancelled (the caller deletes what was written).
 */
export async function intakeRoster(
  database: Database,
  hmac: KeyedHash,
  roster: {
    id: string;
    type: RosterType;
    filePath: string;
    errorsDir: string;
    nameKeyFrom?: PlainDate;
    /** See HashContext.adultBorn. */
    adultBorn?: PlainDate;
  },
  onProgress: (p: IntakeProgress) => void,
  cancelled: () => boolean,
  options: IntakeOptions = {},
): Promise<IntakeResult | undefined> {
  const totalBytes = fs.statSync(roster.filePath).size;
  const rejects: RosterReject[] = [];
  const progress: IntakeProgress = { rows: 0, bytes: 0, totalBytes };
  let pool: HashPool | undefined;
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let batch: TableRow[] = [];
  const copyPool = options.copy === false ? undefined : copyPoolOf(database);
  // On PostgreSQL every batch goes into one COPY, opened with the hash pool.
  let copy: RecordCopy | undefined;
  // Slots of shared memory, each reused: CSV runs go to the hashers in one (freed when the batch
  // is hashed), and batches' COPY inputs are built in another (freed once written). Buffers made
  // and handed over for every batch (~400 MB at 1M rows) counted against this thread's heap
  // and made it run ~20 full collections, 0.85 s (ADR 0006a, ninth pass). What does not fit a
  // slot gets memory of its own.
  const copySlots = sharedSlots(SLOT_BYTES);
  const runSlots = sharedSlots(RUN_SLOT_BYTES);
  const ids = recordIdSource(database.exec);

  const openPool = (headers: string[]) => {
    const context: HashContext = {
      rosterId: roster.id,
      type: roster.type,
      headers,
      format: copyPool ? 'copy' : 'json',
      ...(roster.nameKeyFrom !== undefined && { nameKeyFrom: roster.nameKeyFrom }),
      ...(roster.adultBorn !== undefined && { adultBorn: roster.adultBorn }),
    };
    const secret = secretOf(hmac);
    const workers = options.workers ?? defaultWorkers(totalBytes);
    return secret !== undefined && workers > 0
      ? workerPool(context, secret, workers, hmac)
      : inProcessPool(context, hmac);
  };
  const submit = async (rows: ReadBatch) => {
    if ((Array.isArray(rows) && rows.length === 0) || !pool) return;
    const slot = copy ? copySlots.take() : undefined;
    const task = pool
      .hash(rows, await ids.take(Array.isArray(rows) ? rows.length : rows.rows), slot)
      .finally(() => {
        if (!Array.isArray(rows)) runSlots.give(rows.bytes);
      })
      .then(async (b) => {
        for (const r of b.rejects) rejects.push(r);
        options.onKeys?.(b.keys);
        if (copy) await copy.write(b);
        else await matchingRepo.insertRecords(database.exec, roster.id, roster.type, b);
        progress.rows += b.rows;
        onProgress(progress);
      })
      .catch((e: unknown) => {
        failure ??= e;
      })
      .finally(() => {
        copySlots.give(slot);
      });
    const tracked = task.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    while (inFlight.size >= 2 * pool.size) await Promise.race(inFlight);
  };
  const submitBatch = () => {
    const rows = batch;
    batch = [];
    return submit(rows);
  };

  try {
    let headers: string[] | undefined;
    for await (const segment of readTableSegments(
      roster.filePath,
      (b) => (progress.bytes = b),
      runSlots.take,
    )) {
      // Plain CSV lines go to the hashers unparsed (readers/csv.ts: the header comes parsed).
      if (!Array.isArray(segment) && headers !== undefined) {
        await submit(segment);
        if (failure !== undefined || cancelled()) break;
        continue;
      }
      for (const row of tableRowsOf(segment)) {
        if (headers === undefined) {
          headers = rosterHeader(roster.type, row.rowNumber === 1 ? row.cells : []);
          if (copyPool) copy = await openRecordCopy(copyPool);
          pool = openPool(headers);
          const opened = pool;
          options.registry?.then(
            (set) => opened.share(set),
            () => undefined,
          );
          if (row.rowNumber === 1) continue;
        }
        batch.push(row);
        if (batch.length >= BATCH) await submitBatch();
      }
      if (failure !== undefined || cancelled()) break;
    }
    if (headers === undefined) rosterHeader(roster.type, []);
    if (failure === undefined && !cancelled()) await submitBatch();
    await Promise.all(inFlight);
    if (failure === undefined && !cancelled()) await copy?.finish();
  } finally {
    // Nothing keeps running behind the caller's clean-up; nothing unfinished is committed.
    copy?.abort();
    await Promise.all(inFlight);
    await pool?.close();
  }
  if (failure !== undefined) throw failure;
  if (cancelled()) return undefined;
  let errorsFile: string | null = null;
  if (rejects.length > 0) {
    const ext = path.extname(roster.filePath).toLowerCase() === '.xlsx' ? 'xlsx' : 'csv';
    errorsFile = path.join(roster.errorsDir, `${roster.id}-errors.${ext}`);
    await writeErrorsFile(roster.filePath, rejects, errorsFile);
  }
  return { rows: progress.rows, rejected: rejects.length, errorsFile };
}
