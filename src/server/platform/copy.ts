import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from './db.ts';

const COPY_SPECIAL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: \N for null or undefined, backslash, tab and line ends escaped. */
export const copyValue = (v: string | number | null | undefined): string =>
  v === null || v === undefined ? '\\N' : String(v).replace(COPY_SPECIAL, (c) => COPY_ESCAPES[c] ?? c);

/** One line of COPY text: the values in column order. */
export const copyLine = (values: readonly (string | number | null | undefined)[]): string =>
  `${values.map(copyValue).join('\t')}\n`;

/** What runs a transaction's statements: a PGlite transaction or a node-postgres client. */
interface PgliteClient {
  query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<unknown>;
}

function clientOf(tx: Db): pg.ClientBase | PgliteClient {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  if (!client) throw new Error('copyRows needs a transaction of the database');
  return client as pg.ClientBase | PgliteClient;
}

/**
 * Loads lines of COPY text (copyLine) into `table (columns)` inside the caller's transaction: the
 * bulk-load path of imports, where COPY parses plain text at a fraction of what an INSERT …
 * SELECT over array parameters costs (ADR 0007, fourth pass). On the embedded database the text
 * goes through PGlite's `/dev/blob`, on PostgreSQL through COPY … FROM STDIN on the transaction's
 * own connection. A bad row fails the statement, and so the caller's transaction.
 */
export async function copyRows(tx: Db, table: string, columns: readonly string[], lines: readonly string[]) {
  if (lines.length === 0) return;
  const statement = `copy ${table} (${columns.join(', ')}) from`;
  const client = clientOf(tx);
  if (client instanceof pg.Client) {
    await pipeline(Readable.from([lines.join('')]), client.query(copyFrom(`${statement} stdin`)));
    return;
  }
  await (client as PgliteClient).query(`${statement} '/dev/blob'`, [], { blob: new Blob(lines as string[]) });
}
