/** Streaming readers of department rosters, and the errors file (interchange.md §5). */
export {
  readRoster,
  rosterHeader,
  rosterRow,
  rosterRowReader,
  cellText,
  type RosterReadRow,
} from './roster-reader.ts';
export { writeErrorsFile, ERRORS_COLUMN, type RosterReject } from './errors-file.ts';
export {
  readTable,
  readTableBatches,
  tableFormat,
  type CellValue,
  type TableFormat,
  type TableRow,
} from './table.ts';
export { readCsv, readCsvBatches, type CsvRecord } from './csv.ts';
