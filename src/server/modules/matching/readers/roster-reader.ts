import type { RosterType } from '../../../../domain/matching/index.ts';
import { rosterHeader, rosterRowReader, type RosterReadRow } from './rows.ts';
import { readTable } from './table.ts';

/**
 * Streams a department roster (interchange.md §5): CSV or xlsx, header in row 1, columns in any
 * order, extra columns kept in `raw` but ignored. Fails before the first row, with one
 * VALIDATION error, when a required column is missing ("缺少必填列：死亡日期") or a known column
 * appears twice. Blank rows are skipped; row numbers are those of the file.
 */
export async function* readRoster<T extends RosterType>(
  type: T,
  filePath: string,
): AsyncGenerator<RosterReadRow<T>> {
  let read: ReturnType<typeof rosterRowReader<T>> | undefined;
  for await (const { rowNumber, cells } of readTable(filePath)) {
    if (read === undefined) {
      read = rosterRowReader(type, rosterHeader(type, rowNumber === 1 ? cells : []));
      if (rowNumber === 1) continue;
    }
    const r = read(rowNumber, cells);
    if (r) yield r;
  }
  if (read === undefined) rosterHeader(type, []);
}
