import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { daysAgo, idNumber } from '../children/test-fixtures.ts';
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
});
