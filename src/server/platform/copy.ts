import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db } from './db.ts';

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
 * Loads lines of COPY text (copyLine, copy-text.ts) into `table (columns)` inside the caller's transaction: the
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
