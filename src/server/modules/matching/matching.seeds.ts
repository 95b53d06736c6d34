/**
 * Who a new roster may change a decision for starts while it is read (ADR 0006a, fourth pass):
 * every registry key (child, father, mother, name + birth) is loaded once per upload into a set
 * of 64-bit prefixes, and each batch's keys are probed as they are hashed. Only the keys found
 * there go to SQL afterwards (exact comparison there: a prefix only ever adds a candidate), in
 * place of one statement joining all the roster's rows with all registry keys.
 */
import os from 'node:os';

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
  /**
   * ids and nameBirth were probed where they were hashed (a worker given the registry's set):
   * they hold only the keys whose prefix the registry has.
   */
  probed?: true;
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
 * An open-addressing set of 32-bit key prefixes (the first 8 hex digits of an HMAC-SHA256) in
 * one Int32Array: 1M registry files (≤ 4M keys) take 32 MB, not a Set of 4M strings (~400 MB).
 * With 3M keys about one probe in 1,400 meets a prefix by chance: a candidate more for the
 * exact comparison in SQL, never a lead. Values are int32 throughout (a uint32 above 2³¹ would
 * be a heap number: an allocation per digit parsed). 0 marks an empty slot, so a prefix of zero
 * is stored as 1 — a false positive at worst.
 */
export class KeyPrefixSet {
  /**
   * The layout of `bytes` as kept by the database (matching.prefix-sets.ts registryPrefixes): this
   * class's version, slot hashing and the machine's byte order. A set kept in another layout is
   * not read (the prefixes are aggregated again).
   */
  static readonly FORMAT = `key-prefix-set/1/fib-linear/int32${os.endianness().toLowerCase()}`;

  private readonly slots: Int32Array;
  private readonly mask: number;
  size = 0;

  /** Slots on a SharedArrayBuffer: hashing workers probe the same memory (`shared`, `of`). */
  constructor(capacity: number, slots?: Int32Array) {
    let n = 16;
    while (n < capacity * 2) n *= 2;
    this.slots = slots ?? new Int32Array(new SharedArrayBuffer(n * 4));
    this.mask = this.slots.length - 1;
  }

  /** What a worker thread needs to probe this set (posted, not copied: the memory is shared). */
  get shared(): SharedPrefixes {
    return { slots: this.slots, size: this.size };
  }

  /** The set over shared slots (read-only by contract: only the loading thread adds). */
  static of(shared: SharedPrefixes): KeyPrefixSet {
    const set = new KeyPrefixSet(0, shared.slots);
    set.size = shared.size;
    return set;
  }

  add(prefix: number): void {
    const v = prefix === 0 ? 1 : prefix;
    if (this.size * 2 >= this.mask) throw new Error('KeyPrefixSet full');
    for (let i = Math.imul(v, 0x9e3779b1) & this.mask; ; i = (i + 1) & this.mask) {
      const s = this.slots[i]!;
      if (s === v) return;
      if (s === 0) {
        this.slots[i] = v;
        this.size += 1;
        return;
      }
    }
  }

  has(prefix: number): boolean {
    const v = prefix === 0 ? 1 : prefix;
    for (let i = Math.imul(v, 0x9e3779b1) & this.mask; ; i = (i + 1) & this.mask) {
      const s = this.slots[i]!;
      if (s === v) return true;
      if (s === 0) return false;
    }
  }

  /** The slots' bytes (kept by the database in FORMAT). */
  get bytes(): Uint8Array {
    return new Uint8Array(this.slots.buffer, this.slots.byteOffset, this.slots.byteLength);
  }

  /**
   * The set whose slots' bytes are `bytes` (used in place when on shared memory, else copied
   * there), holding `size` prefixes; undefined when they cannot be its slots (not a power of two
   * of them, or too full).
   */
  static fromBytes(bytes: Uint8Array, size: number): KeyPrefixSet | undefined {
    const n = bytes.byteLength / 4;
    if (n < 16 || !Number.isInteger(n) || (n & (n - 1)) !== 0 || size * 2 >= n - 1) return undefined;
    let slots: Int32Array;
    if (bytes.buffer instanceof SharedArrayBuffer && bytes.byteOffset % 4 === 0)
      slots = new Int32Array(bytes.buffer, bytes.byteOffset, n);
    else {
      slots = new Int32Array(new SharedArrayBuffer(bytes.byteLength));
      new Uint8Array(slots.buffer).set(bytes);
    }
    const set = new KeyPrefixSet(0, slots);
    set.size = size;
    return set;
  }

  /** A hex key (at least 8 digits) by its prefix. */
  hasKey(key: string): boolean {
    return this.has(parseInt(key.slice(0, 8), 16) | 0);
  }

  addKey(key: string): void {
    this.add(parseInt(key.slice(0, 8), 16) | 0);
  }
}

export interface SharedPrefixes {
  slots: Int32Array;
  size: number;
}

/**
 * Collects a roster's seeds batch by batch while it is read. Batches probed where they were
 * hashed are taken as they are; the others — hashed before the registry set was loaded and
 * shared (a second or so of reading) — wait for it, then are probed here.
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
      if (k.probed) {
        for (const x of k.ids) ids.add(x);
        for (const x of k.nameBirth) nameBirth.add(x);
      } else if (set) probe(set, k);
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
