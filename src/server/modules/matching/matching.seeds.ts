import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import type { Database } from '../../platform/db.ts';
import { copyPoolOf } from './matching.repo.ts';

/**
 * Who a new roster may change a decision for starts while it is read (ADR 0006a, fourth pass):
 * every registry key (child, father, mother, name + birth) is loaded once per upload into a set
 * of 64-bit prefixes, and each batch's keys are probed as they are hashed. Only the keys found
 * there go to SQL afterwards (exact comparison there: a prefix only ever adds a candidate), in
 * place of one statement joining all the roster's rows with all registry keys.
 */

/** The keys of one hashed batch that matching's seeds come from (matching.hashing.ts). */
export interface BatchKeys {
  /** ID keys of accepted rows. */
  ids: string[];
  /** Name + birth keys of accepted rows. */
  nameBirth: string[];
  /** ID keys of people under 18 on the as-of date (born after adultBorn): seeds themselves. */
  minors: string[];
  /** Household keys (户籍地区划代码|户号) of household rows. */
  households: string[];
}

export interface CollectedSeeds {
  minors: string[];
  households: string[];
  /** The roster's ID keys whose prefix is a registry key's. */
  ids: string[];
  /** The roster's name + birth keys whose prefix is a registry key's. */
  nameBirth: string[];
}

/**
 * An open-addressing set of 64-bit key prefixes (the first 16 hex digits of an HMAC-SHA256) in
 * one Uint32Array: 1M registry files (≤ 4M keys) take 64 MB, not a Set of 4M strings (~400 MB).
 * Slot value 0/0 means empty, so a prefix of zero is stored as 0/1 — a false positive at worst.
 */
export class KeyPrefixSet {
  private readonly slots: Uint32Array;
  private readonly mask: number;
  size = 0;

  constructor(capacity: number) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.slots = new Uint32Array(n * 2);
    this.mask = n - 1;
  }

  add(hi: number, lo: number): void {
    if (hi === 0 && lo === 0) lo = 1;
    if (this.size * 2 >= this.mask) throw new Error('KeyPrefixSet full');
    for (let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & this.mask; ; i = (i + 1) & this.mask) {
      const h = this.slots[2 * i]!;
      const l = this.slots[2 * i + 1]!;
      if (h === hi && l === lo) return;
      if (h === 0 && l === 0) {
        this.slots[2 * i] = hi;
        this.slots[2 * i + 1] = lo;
        this.size += 1;
        return;
      }
    }
  }

  has(hi: number, lo: number): boolean {
    if (hi === 0 && lo === 0) lo = 1;
    for (let i = (hi ^ Math.imul(lo, 0x9e3779b1)) & this.mask; ; i = (i + 1) & this.mask) {
      const h = this.slots[2 * i]!;
      const l = this.slots[2 * i + 1]!;
      if (h === hi && l === lo) return true;
      if (h === 0 && l === 0) return false;
    }
  }

  /** A hex key (at least 16 digits) by its prefix. */
  hasKey(key: string): boolean {
    return this.has(parseInt(key.slice(0, 8), 16) >>> 0, parseInt(key.slice(8, 16), 16) >>> 0);
  }

  addKey(key: string): void {
    this.add(parseInt(key.slice(0, 8), 16) >>> 0, parseInt(key.slice(8, 16), 16) >>> 0);
  }
}

const REGISTRY_PREFIXES = `select left(id_key, 16) as i, left(name_birth_key, 16) as n,
  left(father_key, 16) as f, left(mother_key, 16) as m from child_match_keys`;

/**
 * Every registry key's prefix. On PostgreSQL through COPY … TO STDOUT, parsed from the bytes
 * (1M files: ~70 MB of text, no row objects); on the embedded database with one select.
 */
export async function loadRegistryPrefixes(database: Database): Promise<KeyPrefixSet> {
  const { rows } = await database.exec('select count(*)::int as n from child_match_keys');
  const set = new KeyPrefixSet(4 * Number(rows[0]?.n ?? 0) + 1);
  const pool = copyPoolOf(database);
  if (!pool) {
    const { rows: keys } = await database.exec(REGISTRY_PREFIXES);
    for (const r of keys) for (const k of Object.values(r)) if (typeof k === 'string') set.addKey(k);
    return set;
  }
  const client = await pool.connect();
  try {
    await pipeline(client.query(copyTo(`copy (${REGISTRY_PREFIXES}) to stdout`)), prefixSink(set));
    client.release();
  } catch (e) {
    client.release(e instanceof Error ? e : true);
    throw e;
  }
  return set;
}

const TAB = 9;
const LF = 10;

/** COPY text lines of 16-digit hex fields (or \N) into the set, across chunk boundaries. */
export function prefixSink(set: KeyPrefixSet): Writable {
  let hi = 0;
  let lo = 0;
  let digits = 0; // hex digits of the current field; -1 once it is \N
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === TAB || b === LF) {
          if (digits === 16) set.add(hi, lo);
          hi = lo = digits = 0;
        } else if (digits >= 0) {
          const v = b <= 57 ? b - 48 : (b | 32) - 87; // 0-9, a-f (A-F)
          if (v < 0 || v > 15) digits = -1;
          else if (digits < 8) hi = ((hi << 4) | v) >>> 0;
          else lo = ((lo << 4) | v) >>> 0;
          if (digits >= 0) digits += 1;
        }
      }
      done();
    },
  });
}

/**
 * Collects a roster's seeds batch by batch while it is read. Batches hashed before the registry
 * set is loaded wait for it (a second or so of reading), then are probed.
 */
export function seedCollector(registry: Promise<KeyPrefixSet>) {
  let set: KeyPrefixSet | undefined;
  let failure: unknown;
  const waiting: BatchKeys[] = [];
  const minors = new Set<string>();
  const households = new Set<string>();
  const ids = new Set<string>();
  const nameBirth = new Set<string>();
  const probe = (s: KeyPrefixSet, k: BatchKeys) => {
    for (const x of k.ids) if (s.hasKey(x)) ids.add(x);
    for (const x of k.nameBirth) if (s.hasKey(x)) nameBirth.add(x);
  };
  const ready = registry.then(
    (s) => {
      set = s;
      for (const k of waiting.splice(0)) probe(s, k);
    },
    (e: unknown) => {
      failure = e;
    },
  );
  return {
    add(k: BatchKeys) {
      for (const x of k.minors) minors.add(x);
      for (const x of k.households) households.add(x);
      if (set) probe(set, k);
      else waiting.push(k);
    },
    async seeds(): Promise<CollectedSeeds> {
      await ready;
      if (failure !== undefined) throw failure;
      return { minors: [...minors], households: [...households], ids: [...ids], nameBirth: [...nameBirth] };
    },
  };
}
export type SeedCollector = ReturnType<typeof seedCollector>;
