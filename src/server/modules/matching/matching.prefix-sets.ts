import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Database } from '../../platform/db.ts';
import { CopyOutputRowReader } from '../../platform/copy-binary.ts';
import { copyPoolOf } from './matching.repo.ts';
import { KeyPrefixSet } from './matching.seeds.ts';

/*
 * The registry's key prefix set as intake reads it (registryPrefixes): kept by the database in
 * match_prefix_sets while no key changed, else aggregated from child_match_keys and kept again
 * (ADR 0006a, tenth pass).
 */

/**
 * The statement's one row, or null, through a binary COPY on PostgreSQL: its fields' bytes,
 * each in memory from `alloc` as the chunks come (copy-binary.ts CopyOutputRowReader).
 */
async function copyOutOne(
  pool: pg.Pool,
  statement: string,
  alloc?: (length: number) => Uint8Array,
): Promise<(Uint8Array | null)[] | null> {
  const client = await pool.connect();
  try {
    const reader = new CopyOutputRowReader(alloc);
    for await (const chunk of client.query(copyTo(`copy (${statement}) to stdout (format binary)`)))
      reader.push(chunk as Buffer);
    client.release();
    return reader.done();
  } catch (e) {
    client.release(true);
    throw e;
  }
}

/** Memory for a kept set's slots: shared with the hashing workers as it is (KeyPrefixSet.fromBytes). */
const sharedAlloc = (length: number) => new Uint8Array(new SharedArrayBuffer(length));

/** The kept prefix set while it is current: no change to child_match_keys since it was built. */
const CURRENT_SET = `select s.size, s.slots from match_prefix_sets s
  join match_key_changes c on c.id = 1 and s.changes = c.n
  where s.id = 1 and s.format = '${KeyPrefixSet.FORMAT}'`;

/**
 * Every registry key's prefix, as one bytea of 4 bytes a key (1M files are 16 MB in one value),
 * with the count of key changes it was read at (one snapshot: one statement). Each row's
 * prefixes are kept by the database (child_match_keys.key_prefixes, a generated column).
 */
const AGGREGATE = `select (select n from match_key_changes where id = 1) as changes,
  string_agg(key_prefixes, ''::bytea) as prefixes from child_match_keys`;

const int4Of = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength).getInt32(0);
const int8Of = (b: Uint8Array) => Number(new DataView(b.buffer, b.byteOffset, b.byteLength).getBigInt64(0));

/**
 * The set of every registry key's prefix, as intake probes it (matching.seeds.ts). Kept by the
 * database between uploads (match_prefix_sets): while no key changed since it was built, an
 * upload reads its slots whole, 32 MB at 1M files, ~0.1 s, instead of aggregating 4M prefixes
 * (0.5-0.8 s of the database's CPU beside the upload's COPY) and inserting them into a set
 * (0.3-0.4 s of this thread; ADR 0006a, tenth pass). Otherwise — the first upload after the
 * registry changed — the prefixes are aggregated as before, and `keep` writes the set built from
 * them for the next upload (after the upload: written beside its reading it slowed that by
 * ~0.7 s). `keep` never rejects: a set not written is built again next time. On PostgreSQL
 * values come through a binary COPY: as a query's result a bytea comes as hex text, twice its
 * size to decode (ninth pass).
 */
export function registryPrefixes(database: Database): {
  set: Promise<KeyPrefixSet>;
  keep: () => Promise<void>;
} {
  let built: { set: KeyPrefixSet; changes: number } | undefined;
  const set = (async () => {
    const current = await readKeptSet(database);
    if (current) return current;
    const { changes, prefixes } = await aggregatePrefixes(database);
    built = { set: prefixSetOf(prefixes), changes };
    return built.set;
  })();
  const keep = async () => {
    await set.catch(() => undefined);
    if (built) await keepSet(database, built.set, built.changes).catch(() => undefined);
  };
  return { set, keep };
}

/** The kept set while it is current (its count of changes is, and its layout this program's). */
async function readKeptSet(database: Database): Promise<KeyPrefixSet | undefined> {
  const pool = copyPoolOf(database);
  if (pool) {
    const kept = await copyOutOne(pool, CURRENT_SET, sharedAlloc);
    return kept?.[0] && kept[1] ? KeyPrefixSet.fromBytes(kept[1], int4Of(kept[0])) : undefined;
  }
  const kept = (await database.exec(CURRENT_SET)).rows[0] as { size: number; slots: Uint8Array } | undefined;
  return kept ? KeyPrefixSet.fromBytes(kept.slots, Number(kept.size)) : undefined;
}

/** Every registry key's prefix (4 bytes each) and the count of key changes they were read at. */
async function aggregatePrefixes(
  database: Database,
): Promise<{ changes: number; prefixes: Uint8Array | null }> {
  const pool = copyPoolOf(database);
  if (pool) {
    const row = await copyOutOne(pool, AGGREGATE);
    return { changes: row?.[0] ? int8Of(row[0]) : 0, prefixes: row?.[1] ?? null };
  }
  const row = (await database.exec(AGGREGATE)).rows[0];
  return { changes: Number(row?.changes ?? 0), prefixes: (row?.prefixes ?? null) as Uint8Array | null };
}

/** The set of 4-byte prefixes (big-endian, as the hex reads) in `bytes`. */
function prefixSetOf(bytes: Uint8Array | null): KeyPrefixSet {
  const b = bytes ?? new Uint8Array(0);
  const set = new KeyPrefixSet(b.byteLength / 4);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i + 4 <= b.byteLength; i += 4) set.add(view.getInt32(i));
  return set;
}

/** The largest prefix set kept (2^26 slots: up to 33M prefixes, ~8M files). */
const MAX_KEPT_SET_BYTES = 256 * 1024 * 1024;

/**
 * Keeps a set built from the keys as they were at `changes` changes. Written only over an older
 * one: a set built from keys that changed meanwhile carries the older count, so it is never read
 * (readKeptSet) and the next upload builds it again.
 */
async function keepSet(database: Database, set: KeyPrefixSet, changes: number): Promise<void> {
  // A registry past ~8M files would make one value of over 256 MB: uploads aggregate instead.
  if (set.bytes.byteLength > MAX_KEPT_SET_BYTES) return;
  await database.exec(
    `insert into match_prefix_sets (id, changes, format, size, slots) values (1, $1, $2, $3, $4)
     on conflict (id) do update set changes = excluded.changes, format = excluded.format,
       size = excluded.size, slots = excluded.slots
     where match_prefix_sets.changes <= excluded.changes`,
    [
      changes,
      KeyPrefixSet.FORMAT,
      set.size,
      Buffer.from(set.bytes.buffer, set.bytes.byteOffset, set.bytes.byteLength),
    ],
  );
}
