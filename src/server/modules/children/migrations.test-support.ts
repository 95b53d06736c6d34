import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { MIGRATIONS_DIR } from '../../platform/db.ts';

/**
 * Applies the migrations whose journal index is in [from, to] (drizzle's own files, in order), so
 * a test can store rows as an earlier schema had them and check what a later migration does.
 */
export async function migrate(client: PGlite, from: number, to: number): Promise<void> {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[];
  };
  for (const e of journal.entries.filter((x) => x.idx >= from && x.idx <= to)) {
    const text = fs.readFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), 'utf8');
    for (const statement of text.split('--> statement-breakpoint')) await client.exec(statement);
  }
}
