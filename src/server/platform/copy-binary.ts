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

/** Days from 1970-01-01 to 2000-01-01, PostgreSQL's date epoch. */
const PG_EPOCH_DAYS = 10957;

const DATE_FORM = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A uuid's 16 bytes from its text (8-4-4-4-12 hex digits). */
export function uuidBytes(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`not a uuid: ${uuid}`);
  return Buffer.from(hex, 'hex');
}

/**
 * Days from 2000-01-01 to a `YYYY-MM-DD` date (proleptic Gregorian: the civil-from-days inverse
 * of H. Hinnant's algorithm); throws on anything but a real date, as the database would.
 */
export function pgDays(date: string): number {
  if (!DATE_FORM.test(date)) throw new Error(`not a date: ${date}`);
  const digit = (i: number) => date.charCodeAt(i) - 48;
  let y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const m = digit(5) * 10 + digit(6);
  const d = digit(8) * 10 + digit(9);
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (m < 1 || m > 12 || d < 1 || d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!))
    throw new Error(`not a date: ${date}`);
  y -= m <= 2 ? 1 : 0;
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

  constructor(capacity = 1 << 16) {
    this.bytes = Buffer.allocUnsafeSlow(Math.max(capacity, 64));
    this.raw(HEADER);
  }

  private room(n: number): void {
    const need = this.length + n;
    if (need <= this.bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(need, this.bytes.length * 2));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }

  /** Bytes as they are: a prebuilt run of fields (e.g. the values every row shares). */
  raw(bytes: Uint8Array): this {
    this.room(bytes.length);
    this.bytes.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** A row of `fields` fields starts. */
  row(fields: number): this {
    this.room(2);
    this.length = this.bytes.writeInt16BE(fields, this.length);
    return this;
  }

  /** SQL null. */
  null(): this {
    this.room(4);
    this.length = this.bytes.writeInt32BE(-1, this.length);
    return this;
  }

  /** A text or varchar value (UTF-8); null for undefined or null. */
  text(v: string | null | undefined): this {
    if (v === undefined || v === null) return this.null();
    // UTF-8 takes at most 3 bytes for each UTF-16 code unit.
    this.room(4 + v.length * 3);
    const n = this.bytes.write(v, this.length + 4, 'utf8');
    this.bytes.writeInt32BE(n, this.length);
    this.length += 4 + n;
    return this;
  }

  /** An integer value (int4). */
  int4(v: number): this {
    this.room(8);
    this.bytes.writeInt32BE(4, this.length);
    this.length = this.bytes.writeInt32BE(v, this.length + 4);
    return this;
  }

  /** A date value from `YYYY-MM-DD`; null for undefined or null. */
  date(v: string | null | undefined): this {
    if (v === undefined || v === null) return this.null();
    this.room(8);
    this.bytes.writeInt32BE(4, this.length);
    this.length = this.bytes.writeInt32BE(pgDays(v), this.length + 4);
    return this;
  }

  /** The COPY input: what was written and the trailer, alone on its ArrayBuffer (transferable). */
  done(): Uint8Array {
    this.room(2);
    this.length = this.bytes.writeInt16BE(-1, this.length);
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
