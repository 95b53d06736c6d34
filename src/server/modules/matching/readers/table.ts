import { extname } from 'node:path';
import { validationError } from '../../../../domain/shared/errors.ts';
import { readCsv, readCsvBatches, readCsvSegments, type CsvLines } from './csv.ts';
import { tableRowOf, type CellValue, type TableRow } from './rows.ts';
import { utf8WorkbookReader } from './utf8-workbook-reader.ts';

/**
 * The rows of a tabular file, streamed: CSV or the first worksheet of an xlsx (ExcelJS's
 * streaming WorkbookReader with shared strings and styles cached — styles tell date cells
 * apart). Cells keep their type (text, number, Date …) so the caller can read Excel dates.
 */
export type { CellValue, TableRow } from './rows.ts';

export type TableFormat = 'csv' | 'xlsx';

export function tableFormat(path: string): TableFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  throw validationError('名单文件应为 .csv 或 .xlsx 格式');
}

/** An ExcelJS cell value reduced to a plain one: rich text joined, formula results, link text. */
export function plainCellValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return o.richText.map((t: { text?: string }) => t.text ?? '').join('');
    if ('result' in o) return plainCellValue(o.result);
    if ('formula' in o || 'sharedFormula' in o) return null;
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return null;
  }
  return String(v);
}

async function* readXlsx(path: string): AsyncGenerator<TableRow> {
  const reader = utf8WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const cells: CellValue[] = [];
      for (let i = 1; i < values.length; i++) cells.push(plainCellValue(values[i]));
      yield { rowNumber: row.number, cells };
    }
    return; // interchange.md: the first worksheet only
  }
}

async function* csvRows(path: string): AsyncGenerator<TableRow> {
  for await (const r of readCsv(path)) yield tableRowOf(r);
}

export function readTable(path: string): AsyncGenerator<TableRow> {
  return tableFormat(path) === 'csv' ? csvRows(path) : readXlsx(path);
}

/**
 * The rows of a table a few hundred at a time (the intake's hot path: no await per row).
 * `onBytes` follows a CSV's bytes read (progress); an xlsx is unzipped as it streams, so it has none.
 */
export async function* readTableBatches(
  path: string,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<TableRow[]> {
  if (tableFormat(path) === 'csv') {
    for await (const batch of readCsvBatches(path, onBytes)) yield batch.map(tableRowOf);
    return;
  }
  let batch: TableRow[] = [];
  for await (const row of readXlsx(path)) {
    batch.push(row);
    if (batch.length >= 500) {
      yield batch;
      batch = [];
    }
  }
  yield batch;
}

/**
 * The rows of a table for intake: batches of rows, or (CSV) runs of plain lines handed on
 * unparsed for whoever hashes them to split (tableRowsOf). The header row always comes parsed.
 */
export async function* readTableSegments(
  path: string,
  onBytes?: (bytes: number) => void,
  /** Memory for a CSV run's bytes (readCsvSegments). */
  alloc?: (length: number) => Uint8Array,
): AsyncGenerator<TableRow[] | CsvLines> {
  if (tableFormat(path) === 'xlsx') {
    yield* readTableBatches(path, onBytes);
    return;
  }
  for await (const segment of readCsvSegments(path, onBytes, undefined, alloc))
    yield Array.isArray(segment) ? segment.map(tableRowOf) : segment;
}
