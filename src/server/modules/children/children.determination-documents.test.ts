import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../platform/db.ts';
import * as schema from '../../platform/schema.ts';
import { childrenRepo } from './children.repo.ts';
import { migrate } from './migrations.test-support.ts';

const CHILD = `insert into children (id_number, name, name_pinyin, name_initials, birth_date, hukou_region,
  residence_region, status, version) values ($1, '马小花', 'maxiaohua', 'mxh', '2015-03-01', '640302100001',
  '640302100001', 'active', 1) returning id`;

const doc = (fen: number, categories: string[]) => ({
  categories,
  monthlyTotalFen: fen,
  explanations: ['理由'],
});

let client: PGlite | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('determination documents are stored once (migrations 0021–0022)', () => {
  it('moves every stored determination to a shared document, same content, one per distinct document', async () => {
    client = new PGlite();
    await migrate(client, 0, 20);
    const a = (await client.query<{ id: string }>(CHILD, ['640302201503010011'])).rows[0]!.id;
    const b = (await client.query<{ id: string }>(CHILD, ['640302201503010038'])).rows[0]!.id;
    const put = `insert into determinations (child_id, month, categories, monthly_total_fen, determination, facts_version)
      values ($1, $2, $3, $4, $5::jsonb, 1)`;
    await client.query(put, [a, '2026-10', ['orphan'], 150000, JSON.stringify(doc(150000, ['orphan']))]);
    // The same document written with its keys in another order: one jsonb value, one document.
    const reordered = `{"explanations":["理由"],"monthlyTotalFen":150000,"categories":["orphan"]}`;
    await client.query(put, [b, '2026-10', ['orphan'], 150000, reordered]);
    await client.query(put, [b, '2026-11', ['left-behind'], 0, JSON.stringify(doc(0, ['left-behind']))]);

    await migrate(client, 21, 22);

    const documents = await client.query('select key from determination_documents');
    expect(documents.rows).toHaveLength(2);
    const rows = await client.query<{ month: string; categories: string[]; document: unknown }>(
      `select d.month, d.categories, dd.document from determinations d
       join determination_documents dd on dd.key = d.document_key order by d.child_id = $1 desc, d.month`,
      [a],
    );
    expect(rows.rows).toEqual([
      { month: '2026-10', categories: ['orphan'], document: doc(150000, ['orphan']) },
      { month: '2026-10', categories: ['orphan'], document: doc(150000, ['orphan']) },
      { month: '2026-11', categories: ['left-behind'], document: doc(0, ['left-behind']) },
    ]);
    const columns = await client.query(
      `select 1 from information_schema.columns where table_name = 'determinations' and column_name = 'determination'`,
    );
    expect(columns.rows).toHaveLength(0);
  });

  it('upserts rows that share documents, repoints a recomputed month, and refuses an unknown document', async () => {
    client = new PGlite();
    await migrate(client, 0, 1_000);
    const db = drizzle({ client, schema }) as unknown as Db;
    const a = (await client.query<{ id: string }>(CHILD, ['640302201503010011'])).rows[0]!.id;
    const b = (await client.query<{ id: string }>(CHILD, ['640302201503010038'])).rows[0]!.id;
    const orphan = JSON.stringify(doc(150000, ['orphan']));
    await childrenRepo.upsertDeterminations(db, [
      { childId: a, month: '2026-10', factsVersion: 1, documentJson: orphan },
      { childId: b, month: '2026-10', factsVersion: 1, documentJson: orphan },
      { childId: b, month: '2026-11', factsVersion: 1, documentJson: orphan },
    ]);
    expect((await client.query('select key from determination_documents')).rows).toHaveLength(1);

    const changed = doc(0, ['left-behind']);
    await childrenRepo.upsertDeterminations(db, [
      { childId: b, month: '2026-11', factsVersion: 2, documentJson: JSON.stringify(changed) },
    ]);
    expect((await client.query('select key from determination_documents')).rows).toHaveLength(2);
    const history = await childrenRepo.determinations(db, b);
    expect(history).toEqual([
      { month: '2026-11', monthlyTotalFen: 0, factsVersion: 2, determination: changed },
      { month: '2026-10', monthlyTotalFen: 150000, factsVersion: 1, determination: doc(150000, ['orphan']) },
    ]);
    const latest = await childrenRepo.latestDeterminations(db, [b]);
    expect(latest.get(b)?.categories).toEqual(['left-behind']);

    await expect(
      client.query(`update determinations set document_key = 'no-such-document' where child_id = $1`, [a]),
    ).rejects.toThrow(/foreign key/);
  });
});
