import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { formatCellErrors, type CellError } from '../../../../domain/matching/index.ts';
import { readTable, tableFormat, type CellValue } from './table.ts';

/** A rejected roster row, as readRoster reported it. */
export interface RosterReject {
  rowNumber: number;
  errors: readonly CellError[];
}

export const ERRORS_COLUMN = '错误原因';

/** Text a spreadsheet would take for a formula (OWASP CSV injection: = + - @, tab, CR). */
const FORMULA_LIKE = /^[=+\-@\t\r]/;

function csvField(v: CellValue): string {
  let s = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  if (FORMULA_LIKE.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Writes the input's header and its rejected rows, unchanged, with an added 错误原因 column:
 * xlsx (streaming writer) for xlsx input, CSV (UTF-8 with BOM, for Excel) for CSV input.
 * Formula-like text is written as text: in xlsx a string cell formatted as text (ExcelJS never
 * turns a string into a formula); in CSV prefixed with an apostrophe. Reads the input again,
 * streaming, so only the reject reasons are held in memory. Returns the rows written.
 */
export async function writeErrorsFile(
  inputPath: string,
  rejects: Iterable<RosterReject>,
  outPath: string,
): Promise<{ rows: number }> {
  const reasons = new Map<number, string>();
  for (const r of rejects) reasons.set(r.rowNumber, formatCellErrors(r.errors));
  const rows = readTable(inputPath);
  return tableFormat(inputPath) === 'xlsx'
    ? writeXlsx(rows, reasons, outPath)
    : writeCsv(rows, reasons, outPath);
}

async function writeCsv(
  rows: AsyncIterable<{ rowNumber: number; cells: CellValue[] }>,
  reasons: ReadonlyMap<number, string>,
  outPath: string,
) {
  const out = createWriteStream(outPath, { encoding: 'utf8' });
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  let written = 0;
  let width = 0;
  await write('\uFEFF');
  for await (const { rowNumber, cells } of rows) {
    if (rowNumber === 1) {
      width = cells.length;
      await write(`${[...cells, ERRORS_COLUMN].map(csvField).join(',')}\r\n`);
      continue;
    }
    const reason = reasons.get(rowNumber);
    if (reason === undefined) continue;
    const padded = Array.from({ length: Math.max(width, cells.length) }, (_, i) => cells[i] ?? null);
    await write(`${[...padded, reason].map(csvField).join(',')}\r\n`);
    written += 1;
  }
  out.end();
  await once(out, 'finish');
  return { rows: written };
}

async function writeXlsx(
  rows: AsyncIterable<{ rowNumber: number; cells: CellValue[] }>,
  reasons: ReadonlyMap<number, string>,
  outPath: string,
) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: outPath,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = book.addWorksheet('错误数据');
  let written = 0;
  let width = 0;
  const add = (cells: CellValue[], extra: string) => {
    const padded = Array.from({ length: Math.max(width, cells.length) }, (_, i) => cells[i] ?? null);
    const row = sheet.addRow([...padded, extra]);
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
      else if (typeof cell.value === 'string' && FORMULA_LIKE.test(cell.value)) cell.numFmt = '@';
    });
    row.commit();
  };
  for await (const { rowNumber, cells } of rows) {
    if (rowNumber === 1) {
      width = cells.length;
      add(cells, ERRORS_COLUMN);
      continue;
    }
    const reason = reasons.get(rowNumber);
    if (reason === undefined) continue;
    add(cells, reason);
    written += 1;
  }
  sheet.commit();
  await book.commit();
  return { rows: written };
}
