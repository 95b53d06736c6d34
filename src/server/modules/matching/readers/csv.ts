import { createReadStream } from 'node:fs';

/**
 * A streaming CSV reader (RFC 4180 as spreadsheets write it): UTF-8 with or without BOM,
 * quoted fields with "" escapes and line breaks inside, CRLF, LF or CR line ends. Holds one
 * chunk and one record at a time, never the file.
 */
export interface CsvRecord {
  /** 1-based record number: the header is record 1 (what a spreadsheet shows as the row). */
  rowNumber: number;
  fields: string[];
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

const CSV_SPECIAL = /[",\r\n]/g;
const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * The CSV state machine, fed text a chunk at a time; records come out as they end. Unquoted
 * text is copied a run at a time up to the next comma, quote or line end, not character by
 * character.
 */
class CsvParser {
  rowNumber = 0;
  /** The last chunk ended with CR: a LF starting the next one belongs to it. */
  skipLf = false;
  private state = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  private ready: CsvRecord[] = [];

  /** At the start of a record with nothing pending (a CR's LF aside). */
  get atRecordStart(): boolean {
    return this.state === State.FieldStart && this.field === '' && this.fields.length === 0;
  }

  /** Inside a quoted field: a line end is part of the field. */
  get quoted(): boolean {
    return this.state === State.Quoted || this.state === State.QuoteInQuoted;
  }

  feed(text: string): CsvRecord[] {
    let i = 0;
    while (i < text.length) {
      if (this.skipLf) {
        this.skipLf = false;
        if (text.charCodeAt(i) === LF) {
          i += 1;
          continue;
        }
      }
      if (this.state === State.Quoted) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          this.field += text.slice(i);
          break;
        }
        this.field += text.slice(i, q);
        this.state = State.QuoteInQuoted;
        i = q + 1;
        continue;
      }
      if (this.state === State.QuoteInQuoted) {
        if (text.charCodeAt(i) === QUOTE) {
          this.field += '"';
          this.state = State.Quoted;
          i += 1;
          continue;
        }
        this.state = State.Unquoted; // closing quote: what follows ends the field (or is kept, leniently)
      } else if (this.state === State.FieldStart) {
        if (text.charCodeAt(i) === QUOTE) {
          this.state = State.Quoted;
          i += 1;
          continue;
        }
        this.state = State.Unquoted;
      }
      CSV_SPECIAL.lastIndex = i;
      const m = CSV_SPECIAL.exec(text);
      const j = m ? m.index : text.length;
      if (j > i) this.field += text.slice(i, j);
      if (!m) break;
      i = j + 1;
      const ch = text.charCodeAt(j);
      if (ch === COMMA) this.endField();
      else if (ch === LF) this.endRecord();
      else if (ch === CR) {
        this.endRecord();
        this.skipLf = true;
      } else this.field += '"'; // a quote inside an unquoted field is kept
    }
    return this.take();
  }

  /** The last record, when the file does not end with a line end. */
  finish(): CsvRecord[] {
    if (this.field !== '' || this.fields.length > 0 || this.quoted) this.endRecord();
    return this.take();
  }

  private take(): CsvRecord[] {
    const records = this.ready;
    this.ready = [];
    return records;
  }

  private endField() {
    this.fields.push(this.field);
    this.field = '';
    this.state = State.FieldStart;
  }

  private endRecord() {
    this.endField();
    this.rowNumber += 1;
    this.ready.push({ rowNumber: this.rowNumber, fields: this.fields });
    this.fields = [];
  }
}

/**
 * `onBytes` is told the bytes read so far (progress of a long upload).
 */
export async function* readCsv(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(path, onBytes)) yield* batch;
}

/** The records of a CSV file, a chunk's worth at a time (no per-record await on hot paths). */
export async function* readCsvBatches(
  path: string,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<CsvRecord[]> {
  const parser = new CsvParser();
  for await (const text of chunks(path, 1 << 16, onBytes)) yield parser.feed(text);
  yield parser.finish();
}

/**
 * A run of whole lines of a CSV file without any quote, from the start of a record: every line
 * end ends a record, every comma ends a field (csvLines splits it). Row numbers run from
 * `firstRow`, `rows` of them, blank lines included.
 */
export interface CsvLines {
  /**
   * The lines as the file has them (UTF-8), in memory of their own (see readCsvSegments' alloc):
   * a worker thread is handed them, not a copy, and decodes them itself.
   */
  bytes: Uint8Array;
  firstRow: number;
  rows: number;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The file as parsed records or as runs of plain lines (CsvLines), in file order. Most rosters
 * have no quote at all: their bytes are handed on undecoded, in runs of whole lines, so they can
 * be decoded and split wherever they are hashed (a worker thread) rather than here (ADR 0006a,
 * ninth pass: decoding and scanning text was ~1.3 s of this thread at 1M rows). A run with a
 * quote in it goes through the state machine, as do the header and a record left pending by the
 * run before (up to its line end). Runs are cut after a line end, which is one byte in UTF-8, so
 * no cut splits a character.
 */
export async function* readCsvSegments(
  path: string,
  onBytes?: (bytes: number) => void,
  chunkBytes = 1 << 17,
  /** Memory for a run's bytes (intake reuses slots of shared memory); a new array by default. */
  alloc: (length: number) => Uint8Array = (length) => new Uint8Array(length),
): AsyncGenerator<CsvRecord[] | CsvLines> {
  const parser = new CsvParser();
  let carry: Buffer = Buffer.alloc(0);
  let header = true;
  let first = true;
  const stream = createReadStream(path, { highWaterMark: chunkBytes });
  for await (const chunk of stream) {
    onBytes?.(stream.bytesRead);
    let bytes = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    if (first) {
      if (bytes.length < BOM.length && BOM.subarray(0, bytes.length).equals(bytes)) {
        carry = bytes;
        continue;
      }
      first = false;
      bytes = stripBom(bytes);
    }
    const cut = Math.max(bytes.lastIndexOf(LF), bytes.lastIndexOf(CR)) + 1;
    carry = bytes.subarray(cut);
    if (cut === 0) {
      // No line end yet. Past a few chunks (a long quoted field, or no line ends at all), the
      // state machine takes the whole characters so far: what is carried stays bounded.
      if (bytes.length > 4 * chunkBytes) {
        const whole = wholeChars(bytes);
        header = false;
        yield parser.feed(bytes.toString('utf8', 0, whole));
        carry = bytes.subarray(whole);
      }
      continue;
    }
    let lines = bytes.subarray(0, cut);
    if (lines.indexOf(QUOTE) >= 0 || parser.quoted) {
      header = false;
      yield parser.feed(lines.toString('utf8'));
      continue;
    }
    if (header || !parser.atRecordStart) {
      header = false;
      const end = firstLineEnd(lines);
      yield parser.feed(lines.toString('utf8', 0, end + 1));
      lines = lines.subarray(end + 1);
    }
    if (parser.skipLf && lines.length > 0) {
      if (lines[0] === LF) lines = lines.subarray(1);
      parser.skipLf = false;
    }
    if (lines.length === 0) continue;
    const rows = lineEnds(lines);
    // A CR ending the run may be the first half of a CRLF split between chunks.
    parser.skipLf = lines[lines.length - 1] === CR;
    const run = alloc(lines.length);
    run.set(lines);
    yield { bytes: run, firstRow: parser.rowNumber + 1, rows };
    parser.rowNumber += rows;
  }
  if (carry.length > 0) yield parser.feed((first ? stripBom(carry) : carry).toString('utf8'));
  yield parser.finish();
}

const stripBom = (bytes: Buffer) =>
  bytes.subarray(0, BOM.length).equals(BOM) ? bytes.subarray(BOM.length) : bytes;

/** The length of the longest start of UTF-8 `bytes` that does not end inside a character. */
function wholeChars(bytes: Buffer): number {
  let i = bytes.length - 1;
  let continuation = 0;
  while (i >= 0 && continuation < 3 && (bytes[i]! & 0xc0) === 0x80) {
    i -= 1;
    continuation += 1;
  }
  if (i < 0) return bytes.length;
  const lead = bytes[i]!;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return length > continuation + 1 ? i : bytes.length;
}

function firstLineEnd(bytes: Buffer): number {
  const lf = bytes.indexOf(LF);
  const cr = bytes.indexOf(CR);
  return lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
}

/** Line ends in plain text: CRLF, LF or CR, each one. */
function lineEnds(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(LF); i >= 0; i = bytes.indexOf(LF, i + 1)) n += 1;
  for (let i = bytes.indexOf(CR); i >= 0; i = bytes.indexOf(CR, i + 1)) if (bytes[i + 1] !== LF) n += 1;
  return n;
}

const LINE_END = /\r\n|\r|\n/;

/**
 * Calls `f` with each record of a CsvLines run as the state machine would read it, split one
 * line at a time so a record's strings die young (intake hashes millions of them).
 */
export function forEachCsvLine(lines: CsvLines, f: (rowNumber: number, fields: string[]) => void): void {
  const { bytes } = lines;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.includes('\r')) {
    const all = text.split(LINE_END);
    all.pop(); // the text ends with a line end: nothing follows it
    all.forEach((line, i) => f(lines.firstRow + i, line.split(',')));
    return;
  }
  // LF line ends only, the last at the very end.
  for (let i = 0, row = lines.firstRow; i < text.length; row += 1) {
    const end = text.indexOf('\n', i);
    f(row, text.slice(i, end).split(','));
    i = end + 1;
  }
}

/**
 * forEachCsvLine for a caller that reads a line's bytes itself (matching.plain-rows.ts): `plain`
 * is given each line without its line end, and says whether it read it; a line it did not goes
 * to `f`, as forEachCsvLine gives it. A run with a CR that is not the first half of a CRLF (a
 * line end of its own, rare) goes to forEachCsvLine whole.
 */
export function forEachLine(
  lines: CsvLines,
  plain: (rowNumber: number, bytes: Uint8Array, from: number, to: number) => boolean,
  f: (rowNumber: number, fields: string[]) => void,
): void {
  const { bytes } = lines;
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let cr = b.indexOf(CR); cr >= 0; cr = b.indexOf(CR, cr + 1))
    if (b[cr + 1] !== LF) return forEachCsvLine(lines, f);
  // Every line ends with LF (after a CR or not), the last at the very end.
  for (let i = 0, row = lines.firstRow; i < b.length; row += 1) {
    const lf = b.indexOf(LF, i);
    const end = lf > i && b[lf - 1] === CR ? lf - 1 : lf;
    if (!plain(row, b, i, end)) f(row, b.toString('utf8', i, end).split(','));
    i = lf + 1;
  }
}

/** The records of a CsvLines run, as the state machine would read them. */
export function csvLines(lines: CsvLines): CsvRecord[] {
  const records: CsvRecord[] = [];
  forEachCsvLine(lines, (rowNumber, fields) => records.push({ rowNumber, fields }));
  return records;
}

/** The file's text, BOM removed, in chunks of about `size` bytes. */
async function* chunks(
  path: string,
  size: number,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: size });
  let first = true;
  for await (const chunk of stream) {
    let text = chunk as string;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    onBytes?.(stream.bytesRead);
    yield text;
  }
}
