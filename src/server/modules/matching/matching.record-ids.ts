import type { Exec } from './matching.sql.ts';

/**
 * roster_records ids come in blocks of this many (ADR 0006a, seventh pass): intake reserves
 * blocks — one nextval each, the sequence's increment (migration 0027) — and writes every row's
 * id in its COPY input, instead of the database drawing from the identity sequence once a row
 * (~1 s of its CPU per 1M rows). An insert that leaves the id out takes a fresh block's first id.
 * Gaps are harmless: ids only order and identify rows (and a roster's rows all come after the
 * rosters.records_after it was created with, as blocks are reserved after it).
 */
export const RECORD_ID_BLOCK = 4096;

/**
 * A new roster's records_after (matching.schema.ts): the identity sequence's last value. Its
 * rows take their ids from blocks reserved later, so all are larger. Read from the sequence, not
 * as max(id), which the BRIN index on ids does not answer without a scan (ADR 0006a, twelfth pass).
 */
export const RECORDS_AFTER_SQL =
  "coalesce(pg_sequence_last_value(pg_get_serial_sequence('roster_records', 'id')::regclass), 0)";

/** Block starts reserved for a batch: its k-th accepted row gets recordIdAt(blocks, k). */
export type RecordIdBlocks = readonly number[];

export function recordIdAt(blocks: RecordIdBlocks, k: number): number {
  const start = blocks[Math.floor(k / RECORD_ID_BLOCK)];
  if (start === undefined) throw new Error(`record ${k + 1} of a batch has no id reserved`);
  return start + (k % RECORD_ID_BLOCK);
}

/** Blocks for `rows` rows, from the identity sequence. */
export async function reserveRecordIds(exec: Exec, rows: number): Promise<RecordIdBlocks> {
  const blocks = Math.ceil(rows / RECORD_ID_BLOCK);
  if (blocks === 0) return [];
  const { rows: got } = await exec(
    // Ascending, so a batch's rows take ids in file order.
    `select nextval(pg_get_serial_sequence('roster_records', 'id')) as v from generate_series(1, $1::int)
     order by 1`,
    [blocks],
  );
  return got.map((r) => Number(r.v));
}

/** Blocks reserved this many at a time (one round trip), handed out batch by batch. */
const RESERVE = 16;

/** Where an upload's batches take their ids: reserved ahead, in blocks, in the order asked. */
export function recordIdSource(exec: Exec) {
  const spare: number[] = [];
  return {
    async take(rows: number): Promise<RecordIdBlocks> {
      const need = Math.ceil(rows / RECORD_ID_BLOCK);
      if (spare.length < need)
        spare.push(
          ...(await reserveRecordIds(exec, Math.max(need - spare.length, RESERVE) * RECORD_ID_BLOCK)),
        );
      return spare.splice(0, need);
    },
  };
}
