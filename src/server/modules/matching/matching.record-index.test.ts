import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { daysAgo, idNumber } from '../children/test-fixtures.ts';
import { execOn } from './matching.sql.ts';
import { csvOf, uploadRoster } from './matching.test-support.ts';

/**
 * roster_records' ids without a primary key (ADR 0006a, twelfth pass): unique by construction,
 * found through a BRIN index that each upload leaves summarised, and every row of an upload after
 * the records_after its roster was created with.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const deaths = (n: number, seq: number) =>
  csvOf(
    ['姓名', '公民身份号码', '死亡日期'],
    Array.from({ length: n }, (_, i) => [
      '某某',
      idNumber(
        `64030219${50 + (i % 40)}${pad((i % 12) + 1, 2)}${pad((i % 28) + 1, 2)}${pad((i + seq) % 1000, 3)}`,
      ),
      daysAgo(3),
    ]),
  );

const one = async (sql: string, params: unknown[] = []) => (await t.database.exec(sql, params)).rows[0]!;

describe('roster record ids', () => {
  it('are unique, each upload after its roster’s records_after, and the id index summarised', async () => {
    const first = (await uploadRoster(t, 'litong-clerk', 'death', deaths(12_000, 1))).json();
    const second = (await uploadRoster(t, 'litong-clerk', 'death', deaths(300, 2))).json();
    expect([first.status, second.status]).toEqual(['done', 'done']);

    const ids = await one('select count(*)::int as n, count(distinct id)::int as d from roster_records');
    expect(ids).toEqual({ n: 12_300, d: 12_300 });
    for (const roster of [first.id, second.id]) {
      const r = await one(
        `select r.records_after::bigint as after, min(x.id)::bigint as low from rosters r
           join roster_records x on x.roster_id = r.id where r.id = $1 group by r.records_after`,
        [roster],
      );
      expect(BigInt(r.low as string)).toBeGreaterThan(BigInt(r.after as string));
    }
    // 12,000 rows fill several block ranges: the upload summarised them, none is left to do.
    const left = await one("select brin_summarize_new_values('roster_records_id_brin'::regclass) as n");
    expect(Number(left.n)).toBe(0);
    const some = await t.database.exec('select id from roster_records order by id offset 6000 limit 3');
    const found = await t.database.exec('select id from roster_records where id = any($1::bigint[])', [
      some.rows.map((r) => r.id),
    ]);
    expect(found.rows.map((r) => String(r.id)).sort()).toEqual(some.rows.map((r) => String(r.id)).sort());
  });

  it('are summarised and analysed by the application even as a role that does not own the table', async () => {
    // Production runs as such a role (ADR 0002); summarising and analysing need the owner.
    const role = `tb_app_${Date.now()}`;
    await t.database.exec(`create role ${role}`);
    await t.database.exec(`grant select, insert, delete on roster_records to ${role}`);
    // One transaction each, so the role is set on the connection that runs the statement.
    const asRole = (statement: string) =>
      t.database.db.transaction(async (tx) => {
        await execOn(tx)(`set local role ${role}`);
        return (await execOn(tx)(statement)).rows[0]!;
      });
    try {
      const refused = await asRole(
        "select brin_summarize_new_values('roster_records_id_brin'::regclass)",
      ).then(
        () => undefined,
        (e: unknown) => e as Error & { cause?: Error },
      );
      // Drizzle wraps the database's error as the cause.
      expect(refused?.cause?.message ?? refused?.message).toMatch(/must be owner|permission denied/);
      const done = await asRole('select roster_records_summarize_ids() as n');
      expect(Number(done.n)).toBeGreaterThanOrEqual(0);
      // ANALYZE too (for such a role it only warns and skips the table).
      await t.database.exec('delete from pg_statistic where starelid = $1::regclass', ['roster_records']);
      await asRole('select roster_records_analyze()');
      const stats = await one(
        "select count(*)::int as n from pg_stats where tablename = 'roster_records' and attname in ('id', 'id_key')",
      );
      expect(stats.n).toBe(2);
    } finally {
      await t.database.exec(`drop owned by ${role}`);
      await t.database.exec(`drop role ${role}`);
    }
  });
});
