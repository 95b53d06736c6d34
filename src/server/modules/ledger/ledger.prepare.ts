import type { CellError } from '../../../domain/matching/index.ts';
import { cleanCell } from '../../../domain/matching/index.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import { isWithinRegion } from '../../../domain/shared/region-code.ts';
import { prepareBulkChild, type PreparedChild } from '../children/children.bulk.ts';
import { cellText } from '../matching/readers/index.ts';
import { DATE_COLUMNS, TEMPLATE_COLUMN_SET } from './ledger-columns.ts';
import { parseLedgerRow, type LedgerDetails } from './ledger-row.ts';
import { readLedgerTable } from './xlsx-reader.ts';

/**
 * The import's JavaScript half, without the database: read the file, validate each row, and
 * prepare its child file (documents, shape key; the determination and search keys are made by
 * the insert). It runs in a worker thread for large files
 * (ledger.import-worker.ts) or in process; both yield the same messages, and the import's own
 * loop (ledger.import.ts) turns them into the same inserts and the same errors.
 */
export interface PrepareContext {
  path: string;
  /** The region the import is limited to (rows whose 户籍 lies outside it are rejected). */
  scope: string;
  today: PlainDate;
}

/**
 * One non-empty data row, in file order: its errors so far and, when it may be written, its
 * prepared file. `region` is its 户籍, still to be checked against the registry's regions (a
 * database read, left to the caller): an unknown region comes before the other errors.
 */
export interface PreparedItem {
  rowNumber: number;
  errors: CellError[];
  region?: string;
  file?: { child: PreparedChild; details: LedgerDetails };
}

export type PrepareMessage = { headers: string[] } | { items: PreparedItem[] };

/** Rows per message: small enough to keep the pipeline busy, large enough to amortise a message. */
const ITEMS_PER_MESSAGE = 500;

/**
 * The header first (the caller checks it: `{ headers: [] }` for a file without one), then the
 * rows in batches.
 */
export async function* prepareLedger(ctx: PrepareContext): AsyncGenerator<PrepareMessage> {
  const firstRowOf = new Map<string, number>();
  let headers: string[] | undefined;
  let items: PreparedItem[] = [];
  for await (const { rowNumber, cells } of readLedgerTable(ctx.path)) {
    if (headers === undefined) {
      headers = rowNumber === 1 ? cells.map((c) => cleanCell(cellText(c, false))) : [];
      yield { headers };
      if (rowNumber === 1) continue;
    }
    if (cells.every((c) => c === null || String(c).trim() === '')) continue;
    const raw: Record<string, string> = {};
    headers.forEach((h, i) => {
      if (TEMPLATE_COLUMN_SET.has(h)) raw[h] = cellText(cells[i] ?? null, DATE_COLUMNS.has(h));
    });
    items.push(prepareItem(ctx, firstRowOf, rowNumber, raw));
    if (items.length >= ITEMS_PER_MESSAGE) {
      yield { items };
      items = [];
    }
  }
  if (headers === undefined) yield { headers: [] };
  if (items.length > 0) yield { items };
}

function prepareItem(
  ctx: PrepareContext,
  firstRowOf: Map<string, number>,
  rowNumber: number,
  raw: Record<string, string>,
): PreparedItem {
  const parsed = parseLedgerRow(raw, ctx.today);
  if (!parsed.ok) return { rowNumber, errors: parsed.errors };
  const { row } = parsed;
  const errors: CellError[] = [];
  const hukou = row.facts.child.hukouRegion;
  const inScope = isWithinRegion(hukou, ctx.scope);
  if (!inScope)
    errors.push({ column: '户籍地区划代码', message: '户籍地不在您的辖区（或指定区划）内，不能导入' });
  const first = firstRowOf.get(row.idNumber);
  if (first !== undefined)
    errors.push({ column: '公民身份号码', message: `与本文件第 ${first} 行的公民身份号码重复` });
  else firstRowOf.set(row.idNumber, rowNumber);
  if (!inScope) return { rowNumber, errors };
  // A row rejected anyway is not evaluated (its determination would never be stored).
  if (errors.length > 0) return { rowNumber, errors, region: hukou };
  const child = prepareBulkChild(row, ctx.today);
  return { rowNumber, errors, region: hukou, file: { child, details: row.details } };
}
