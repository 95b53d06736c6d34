/**
 * COPY's binary format (PostgreSQL, `copy … from stdin (format binary)`), without the database
 * drivers: worker threads build whole COPY inputs with it. Values go as their binary forms —
 * no escaping here and no text parsing in the database (ADR 0006a, seventh pass). Each input is
 * one COPY: signature and header first, trailer last (`done`).
 */

/** "PGCOPY\n\377\r\n\0", then flags (0: no OIDs) and the header extension's length (0). */
const HEADER = Buffer.from([
  0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0,
]);

/** The trailer: a row count of -1. */
const TRAILER = Buffer.from([0xff, 0xff]);

/** Days from 1970-01-01 to 2000-01-01, PostgreSQL's date epoch. */
const PG_EPOCH_DAYS = 10957;

const DATE_FORM = /^\d{4}-\d{2}-\d{2}$/;
/** Text up to this length is tried as ASCII first (BinaryCopy.text). */
const SHORT_TEXT = 96;
/** The two hex digits of each byte value, in order (00 01 … ff). */
const HEX_PAIRS = Buffer.from(
  Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0')).join(''),
);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A uuid's 16 bytes from its text (8-4-4-4-12 hex digits). */
export function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a uuid: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

/** The number written by `n` ASCII digits of `s` from `at` (checked by the caller). */
function digitsAt(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
}

/**
 * Days from 2000-01-01 to a `YYYY-MM-DD` date (proleptic Gregorian: the civil-from-days inverse
 * of H. Hinnant's algorithm); throws on anything but a real date, as the database would.
 */
export function pgDays(date: string): number {
  if (!DATE_FORM.test(date)) throw new Error(`not a date: ${date}`);
  // No inner functions in what runs once a value: tsx (esbuild keepNames) names every closure
  // each time it is made.
  const y = digitsAt(date, 0, 4);
  const m = digitsAt(date, 5, 2);
  const d = digitsAt(date, 8, 2);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (m < 1 || m > 12 || d < 1 || d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!))
    throw new Error(`not a date: ${date}`);
  return pgDaysOf(y, m, d);
}

/** Days from 2000-01-01 to year `y`, month `m`, day `d` (a real date: checked by the caller). */
export function pgDaysOf(year: number, m: number, d: number): number {
  const y = year - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 - PG_EPOCH_DAYS;
}

/**
 * One COPY input in binary format, gathered as bytes (transferable from a worker thread, handed
 * to the COPY stream as they are). A row is `row(n)` then its n fields in column order. Grows by
 * doubling.
 */
export class BinaryCopy {
  private bytes: Buffer;
  private length = 0;

  /**
   * `into`: memory to write in while it has room (e.g. a slot of shared memory the caller
   * reuses); past it the input moves to a buffer of its own, as without it.
   */
  constructor(capacity = 1 << 16, into?: Uint8Array) {
    this.bytes =
      into === undefined
        ? Buffer.allocUnsafeSlow(Math.max(capacity, 64))
        : Buffer.from(into.buffer, into.byteOffset, into.byteLength);
    this.raw(HEADER);
  }

  private room(n: number): void {
    const need = this.length + n;
    if (need <= this.bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(need, this.bytes.length * 2));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  /**
   * Big-endian, byte by byte: Buffer's writeInt32BE checks its arguments each call, and the
   * values here are lengths and numbers already in range.
   */
  private int32At(at: number, v: number): void {
    const b = this.bytes;
    b[at] = v >>> 24;
    b[at + 1] = (v >>> 16) & 0xff;
    b[at + 2] = (v >>> 8) & 0xff;
    b[at + 3] = v & 0xff;
  }

  /** Bytes as they are: a prebuilt run of fields (e.g. the values every row shares). */
  raw(bytes: Uint8Array): this {
    return this.put(bytes, 0, bytes.length);
  }

  /** A row of `fields` fields starts. */
  row(fields: number): this {
    this.room(2);
    this.bytes[this.length] = (fields >>> 8) & 0xff;
    this.bytes[this.length + 1] = fields & 0xff;
    this.length += 2;
    return this;
  }

  /** SQL null. */
  null(): this {
    this.room(4);
    this.int32At(this.length, -1);
    this.length += 4;
    return this;
  }

  /** A text or varchar value (UTF-8); null for undefined or null. */
  text(v: string | null | undefined): this {
    if (v === undefined || v === null) return this.null();
    // UTF-8 takes at most 3 bytes for each UTF-16 code unit.
    this.room(4 + v.length * 3);
    const b = this.bytes;
    const at = this.length + 4;
    let n = 0;
    // Short ASCII values (keys, dates, masked numbers) byte by byte: Buffer#write's call costs
    // more than the copy. At the first other character, or for long text, UTF-8 encoding.
    if (v.length <= SHORT_TEXT) {
      while (n < v.length) {
        const c = v.charCodeAt(n);
        if (c > 0x7f) break;
        b[at + n] = c;
        n += 1;
      }
    }
    if (n < v.length) n = b.write(v, at, 'utf8');
    this.int32At(this.length, n);
    this.length = at + n;
    return this;
  }

  /** An integer value (int4). */
  int4(v: number): this {
    if ((v | 0) !== v) throw new Error(`not an int4: ${v}`);
    this.room(8);
    this.int32At(this.length, 4);
    this.int32At(this.length + 4, v);
    this.length += 8;
    return this;
  }

  /** An integer value (int8), up to 2⁵³ in magnitude (a JS number's exact integers). */
  int8(v: number): this {
    if (!Number.isSafeInteger(v)) throw new Error(`not an int8 held exactly: ${v}`);
    this.room(12);
    this.int32At(this.length, 8);
    // Two's complement in two 32-bit halves: the high half floors, the low is what remains.
    const high = Math.floor(v / 0x1_0000_0000);
    this.int32At(this.length + 4, high | 0);
    this.int32At(this.length + 8, (v - high * 0x1_0000_0000) | 0);
    this.length += 12;
    return this;
  }

  /** A date value from `YYYY-MM-DD`; null for undefined or null. */
  date(v: string | null | undefined): this {
    return v === undefined || v === null ? this.null() : this.days(pgDays(v));
  }

  /** A date value given as days from 2000-01-01 (pgDaysOf). */
  days(n: number): this {
    this.room(8);
    this.int32At(this.length, 4);
    this.int32At(this.length + 4, n);
    this.length += 8;
    return this;
  }

  /**
   * A value written in parts (`put`, `raw`, `hex`) from bytes the caller has checked, e.g. a
   * text value's UTF-8 taken from a CSV line as it is: `open` leaves room for its length and
   * returns where, `close` with that fills it in.
   */
  open(): number {
    this.room(4);
    const at = this.length;
    this.length += 4;
    return at;
  }

  close(at: number): this {
    this.int32At(at, this.length - at - 4);
    return this;
  }

  /** `src[from, to)` as it is, inside an open value (or, as `raw`, a run of fields). */
  put(src: Uint8Array, from: number, to: number): this {
    this.room(to - from);
    // A few dozen bytes a row: a loop costs less than TypedArray#set's call.
    const b = this.bytes;
    let at = this.length;
    for (let i = from; i < to; i++) b[at++] = src[i]!;
    this.length = at;
    return this;
  }

  /** 8 big-endian 32-bit words (a SHA-256 digest) as 64 lower-case hex digits, inside an open value. */
  hex(words: Int32Array): this {
    this.room(64);
    const b = this.bytes;
    let at = this.length;
    // A byte's two digits at a time, from a table of them.
    for (let i = 0; i < 8; i++) {
      const w = words[i]!;
      for (let shift = 24; shift >= 0; shift -= 8) {
        const pair = ((w >>> shift) & 0xff) * 2;
        b[at] = HEX_PAIRS[pair]!;
        b[at + 1] = HEX_PAIRS[pair + 1]!;
        at += 2;
      }
    }
    this.length = at;
    return this;
  }

  /** The COPY input: what was written and the trailer, in `into` or alone on its ArrayBuffer (transferable). */
  done(): Uint8Array {
    this.raw(TRAILER);
    return new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.length);
  }
}

/** A field's bytes with its length in front (for `raw`): e.g. the uuid every row shares. */
export function binaryField(bytes: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(4 + bytes.length);
  out.writeInt32BE(bytes.length, 0);
  out.set(bytes, 4);
  return out;
}

/**
 * One COPY input assembled from many (`done`'s bytes, built apart, e.g. by worker threads):
 * `header` first, then each input's `rows`, then `trailer`.
 */
export const copyInput = {
  header: (): Buffer => Buffer.from(HEADER),
  /** An input's rows without its header and trailer (checked: anything else throws). */
  rows(input: Uint8Array): Uint8Array {
    const end = input.length - TRAILER.length;
    const framed =
      end >= HEADER.length &&
      HEADER.every((b, i) => input[i] === b) &&
      TRAILER.every((b, i) => input[end + i] === b);
    if (!framed) throw new Error('not a whole binary COPY input');
    return input.subarray(HEADER.length, end);
  },
  trailer: (): Buffer => Buffer.from(TRAILER),
};

/**
 * Reads a binary COPY output holding at most one row (`copy (select …) to stdout (format
 * binary)`) as its chunks come: each field's bytes go straight into memory from `alloc` (e.g.
 * shared memory for a large value) instead of the chunks being joined and copied again — a
 * 32 MB value joined then copied held the main thread ~0.2 s (ADR 0006a, tenth pass). `done`
 * gives the fields (null for SQL null), or null when there was no row; anything else throws:
 * more rows, a truncated output, not a COPY output.
 */
export class CopyOutputRowReader {
  /** What is read next: fixed-size parts gather in `part`; a field's bytes go to `field`. */
  private phase: 'header' | 'count' | 'length' | 'data' | 'end' = 'header';
  private part = new Uint8Array(HEADER.length);
  private partLength = 0;
  private need = HEADER.length;
  private count = 0;
  private fields: (Uint8Array | null)[] = [];
  private field: Uint8Array = new Uint8Array(0);
  private filled = 0;
  private row = false;

  constructor(private readonly alloc: (length: number) => Uint8Array = (n) => Buffer.allocUnsafe(n)) {}

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.phase === 'end') throw new Error('not a binary COPY output of one row');
      if (this.phase === 'data') {
        const n = Math.min(this.field.length - this.filled, chunk.length - at);
        this.field.set(chunk.subarray(at, at + n), this.filled);
        this.filled += n;
        at += n;
        if (this.filled === this.field.length) this.nextField();
        continue;
      }
      const n = Math.min(this.need - this.partLength, chunk.length - at);
      this.part.set(chunk.subarray(at, at + n), this.partLength);
      this.partLength += n;
      at += n;
      if (this.partLength === this.need) this.partRead();
    }
  }

  done(): (Uint8Array | null)[] | null {
    if (this.phase !== 'end') throw new Error('not a binary COPY output (cut short)');
    return this.row ? this.fields : null;
  }

  private expect(phase: 'count' | 'length', bytes: number): void {
    this.phase = phase;
    this.need = bytes;
    this.partLength = 0;
  }

  private partRead(): void {
    const view = new DataView(this.part.buffer, this.part.byteOffset, this.need);
    switch (this.phase) {
      case 'header':
        if (!HEADER.every((b, i) => this.part[i] === b)) throw new Error('not a binary COPY output');
        this.part = new Uint8Array(4);
        this.expect('count', 2);
        return;
      case 'count':
        this.count = view.getInt16(0);
        // The trailer (-1) where a row would start: the end.
        if (this.count === -1) {
          this.phase = 'end';
          return;
        }
        if (this.row || this.count < 0) throw new Error('not a binary COPY output of one row');
        this.row = true;
        if (this.count === 0) this.expect('count', 2);
        else this.expect('length', 4);
        return;
      case 'length': {
        const length = view.getInt32(0);
        if (length < 0) {
          this.fields.push(null);
          this.nextField(false);
          return;
        }
        this.field = this.alloc(length);
        this.filled = 0;
        this.phase = 'data';
        if (length === 0) this.nextField();
        return;
      }
    }
  }

  private nextField(filled = true): void {
    if (filled) this.fields.push(this.field);
    if (this.fields.length < this.count) this.expect('length', 4);
    else this.expect('count', 2);
  }
}

/** The row of a whole binary COPY output holding at most one (CopyOutputRowReader). */
export function copyOutputRow(output: Uint8Array): (Uint8Array | null)[] | null {
  const reader = new CopyOutputRowReader((n) => new Uint8Array(n));
  reader.push(output);
  return reader.done();
}
