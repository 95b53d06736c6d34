/** Streaming readers of department rosters, and the errors file (interchange.md §5). */
export { readRoster } from './roster-reader.ts';
export { rosterHeader, rosterRowReader, cellText, tableRowsOf, type RosterReadRow } from './rows.ts';
export { writeErrorsFile, ERRORS_COLUMN, type RosterReject } from './errors-file.ts';
export {
  readTable,
  readTableBatches,
  readTableSegments,
  tableFormat,
  type CellValue,
  type TableFormat,
  type TableRow,
} from './table.ts';
export { readCsv, readCsvBatches, readCsvSegments, csvLines, type CsvLines, type CsvRecord } from './csv.ts';
