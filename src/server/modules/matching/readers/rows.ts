import {
  ROSTER_COLUMNS,
  missingColumns,
  missingColumnsMessage,
  parseRosterRow,
} from '../../../../domain/matching/roster-columns.ts';
import type { CellError, RosterRowOf, RosterType } from '../../../../domain/matching/roster-types.ts';
import { cleanCell } from '../../../../domain/matching/roster-values.ts';
import { addDays } from '../../../../domain/shared/dates.ts';
import { checkTableHeader } from '../../../../domain/shared/table-header.ts';
import { csvLines, forEachCsvLine, type CsvLines, type CsvRecord } from './csv.ts';

/**
 * Rows of a roster file without the file: cell text, the checked header, validated rows. No
 * IO and no workbook library here — the hashing workers load this (matching.hashing.ts).
 */

/** A cell as read: CSV text, or an xlsx cell's typed value. */
export type CellValue = string | number | boolean | Date | null;

export interface TableRow {
  rowNumber: number;
  cells: CellValue[];
}

/** Calls `f` with each row of a segment, a run of CSV lines split one line at a time. */
export function forEachRow(
  segment: TableRow[] | CsvLines,
  f: (rowNumber: number, cells: readonly CellValue[]) => void,
): void {
  if (Array.isArray(segment)) for (const r of segment) f(r.rowNumber, r.cells);
  else forEachCsvLine(segment, f);
}

/** A CSV record as a table row. */
export const tableRowOf = (r: CsvRecord): TableRow => ({ rowNumber: r.rowNumber, cells: r.fields });

/** A segment's rows (a run of plain CSV lines split here). */
export function tableRowsOf(segment: TableRow[] | CsvLines): TableRow[] {
  return Array.isArray(segment) ? segment : csvLines(segment).map(tableRowOf);
}

/** One data row of a roster file: validated (`ok`) or rejected with a reason per cell. */
export type RosterReadRow<T extends RosterType = RosterType> =
  | { rowNumber: number; raw: Record<string, string>; ok: true; row: RosterRowOf<T> }
  | { rowNumber: number; raw: Record<string, string>; ok: false; errors: CellError[] };

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A JS Date from ExcelJS (midnight UTC for a date cell) as YYYY-MM-DD. */
function dateText(d: Date): string {
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/**
 * Excel's 1900 date system: serial 1 = 1900-01-01, with its phantom 1900-02-29, so from
 * 1900-03-01 on a serial is days since 1899-12-30. Workbooks in the 1904 system are rare
 * (old Mac Excel) and not detected.
 */
function excelSerialDate(serial: number): string {
  return addDays('1899-12-30', Math.floor(serial));
}

/** The text of a cell as a roster column reads it; numbers in date columns are Excel dates. */
export function cellText(v: CellValue, isDate: boolean): string {
  if (v === null) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dateText(v);
  if (typeof v === 'number') return isDate && v > 60 && v < 2958466 ? excelSerialDate(v) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return v;
}

const isBlank = (cells: readonly CellValue[]) =>
  cells.every((c) => c === null || c === '' || String(c).trim() === '');

/** The header row's column names, checked (throws the file's one VALIDATION error). */
export function rosterHeader(type: RosterType, cells: readonly CellValue[]): string[] {
  const columns = ROSTER_COLUMNS[type];
  const headers = cells.map((c) => cleanCell(cellText(c, false)));
  checkTableHeader(headers, {
    file: '名单文件',
    missing: missingColumns(type, headers),
    missingMessage: missingColumnsMessage,
    known: new Set([...columns.required, ...columns.optional]),
  });
  return headers;
}

/**
 * Reads data rows under checked headers (undefined for a blank row). Which columns hold dates is
 * worked out once, not for every cell of every row (intake reads millions).
 */
export function rosterRowReader<T extends RosterType>(
  type: T,
  headers: readonly string[],
): (rowNumber: number, cells: readonly CellValue[]) => RosterReadRow<T> | undefined {
  const dates = ROSTER_COLUMNS[type].dates as readonly string[];
  const isDate = headers.map((h) => dates.includes(h));
  return (rowNumber, cells) => {
    if (isBlank(cells)) return undefined;
    const raw: Record<string, string> = {};
    for (let i = 0; i < headers.length; i++) {
      const h = headers[i]!;
      if (h !== '') raw[h] = cellText(cells[i] ?? null, isDate[i]!);
    }
    const r = parseRosterRow(type, raw);
    return r.ok ? { rowNumber, raw, ok: true, row: r.row } : { rowNumber, raw, ok: false, errors: r.errors };
  };
}
