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
 * `onBytes` is told the bytes read so far (progress of a long upload). Unquoted text is copied
 * a run at a time up to the next comma, quote or line end, not character by character.
 */
export async function* readCsv(path: string, onBytes?: (bytes: number) => void): AsyncGenerator<CsvRecord> {
  for await (const batch of readCsvBatches(path, onBytes)) yield* batch;
}

/** The records of a CSV file, a chunk's worth at a time (no per-record await on hot paths). */
export async function* readCsvBatches(
  path: string,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<CsvRecord[]> {
  let state = State.FieldStart;
  let field = '';
  let fields: string[] = [];
  let rowNumber = 0;
  let skipLf = false;
  let first = true;
  let ready: CsvRecord[] = [];

  const endField = () => {
    fields.push(field);
    field = '';
    state = State.FieldStart;
  };
  const endRecord = () => {
    endField();
    rowNumber += 1;
    ready.push({ rowNumber, fields });
    fields = [];
  };

  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 });
  for await (const chunk of stream) {
    let text = chunk as string;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let i = 0;
    while (i < text.length) {
      if (skipLf) {
        skipLf = false;
        if (text.charCodeAt(i) === LF) {
          i += 1;
          continue;
        }
      }
      if (state === State.Quoted) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          field += text.slice(i);
          break;
        }
        field += text.slice(i, q);
        state = State.QuoteInQuoted;
        i = q + 1;
        continue;
      }
      if (state === State.QuoteInQuoted) {
        if (text.charCodeAt(i) === QUOTE) {
          field += '"';
          state = State.Quoted;
          i += 1;
          continue;
        }
        state = State.Unquoted; // closing quote: what follows ends the field (or is kept, leniently)
      } else if (state === State.FieldStart) {
        if (text.charCodeAt(i) === QUOTE) {
          state = State.Quoted;
          i += 1;
          continue;
        }
        state = State.Unquoted;
      }
      CSV_SPECIAL.lastIndex = i;
      const m = CSV_SPECIAL.exec(text);
      const j = m ? m.index : text.length;
      if (j > i) field += text.slice(i, j);
      if (!m) break;
      i = j + 1;
      const ch = text.charCodeAt(j);
      if (ch === COMMA) endField();
      else if (ch === LF) endRecord();
      else if (ch === CR) {
        endRecord();
        skipLf = true;
      } else field += '"'; // a quote inside an unquoted field is kept
    }
    onBytes?.(stream.bytesRead);
    const batch = ready;
    ready = [];
    yield batch;
  }
  if (field !== '' || fields.length > 0 || state === State.Quoted || state === State.QuoteInQuoted)
    endRecord();
  yield ready;
}
