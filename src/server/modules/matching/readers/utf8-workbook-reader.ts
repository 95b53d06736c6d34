import { StringDecoder } from 'node:string_decoder';
import ExcelJS from 'exceljs';

/**
 * ExcelJS 4.4's streaming reader decodes each zip chunk on its own (utils/parse-sax.js), so a
 * Chinese character split across two chunks comes out as U+FFFD (亲属抚养 → 亲属抚���). This
 * reader hands it text decoded across chunk boundaries instead (its parser passes strings through).
 */
async function* decodeUtf8(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text !== '') yield text;
  }
  const rest = decoder.end();
  if (rest !== '') yield rest;
}

type Internals = {
  model?: { sheets?: unknown[] };
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: number): unknown;
  _parseSharedStrings(entry: NodeJS.ReadableStream): unknown;
};

export function utf8WorkbookReader(
  path: string,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, options);
  const internals = reader as unknown as Internals;
  const parseWorksheet = internals._parseWorksheet.bind(reader);
  const parseSharedStrings = internals._parseSharedStrings.bind(reader);
  internals._parseWorksheet = (iterator, sheetNo) => {
    // A worksheet reached before xl/workbook.xml has been read finds no workbook model and
    // ExcelJS throws "reading 'sheets'" (exceljs#962; the guard its PR #2937 adds). Seen once in
    // CI on a test workbook; the sheet's name is all the model would give, and no roster needs it.
    internals.model ??= { sheets: [] };
    return parseWorksheet(decodeUtf8(iterator), sheetNo);
  };
  internals._parseSharedStrings = (entry) => parseSharedStrings(entry.setEncoding('utf8'));
  return reader;
}
