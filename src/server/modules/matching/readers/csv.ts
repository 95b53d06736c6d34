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

export async function* readCsv(path: string): AsyncGenerator<CsvRecord> {
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

  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 16 })) {
    let text = chunk as string;
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text[i] as string;
      if (skipLf) {
        skipLf = false;
        if (ch === '\n') continue;
      }
      switch (state) {
        case State.Quoted:
          if (ch === '"') state = State.QuoteInQuoted;
          else field += ch;
          continue;
        case State.QuoteInQuoted:
          if (ch === '"') {
            field += '"';
            state = State.Quoted;
            continue;
          }
          state = State.Unquoted; // closing quote: what follows ends the field (or is kept, leniently)
          break;
        case State.FieldStart:
          if (ch === '"') {
            state = State.Quoted;
            continue;
          }
          state = State.Unquoted;
          break;
        case State.Unquoted:
          break;
      }
      if (ch === ',') endField();
      else if (ch === '\n') endRecord();
      else if (ch === '\r') {
        endRecord();
        skipLf = true;
      } else field += ch;
    }
    const batch = ready;
    ready = [];
    yield* batch;
  }
  if (field !== '' || fields.length > 0 || state === State.Quoted || state === State.QuoteInQuoted)
    endRecord();
  yield* ready;
}
