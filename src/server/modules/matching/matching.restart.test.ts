import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { users } from '../users/users.schema.ts';
import { RECORDS_AFTER_SQL } from './matching.record-ids.ts';
import { rosters } from './matching.schema.ts';

/** A server restart while a page upload was being read (its job lived in the stopped process). */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** A roster as the service creates it: records_after from the id sequence (null: older rosters). */
async function runningRoster(uploadedBy: string | null, recordsAfter = true, status = 'running') {
  const [row] = await t.database.db
    .insert(rosters)
    .values({
      rosterType: 'death',
      sourceDepartment: '公安局',
      region: '640302',
      fileName: 'death.csv',
      uploadedBy,
      asOf: '2026-11-01',
      status,
      ...(recordsAfter && { recordsAfter: sql.raw(RECORDS_AFTER_SQL) }),
    })
    .returning();
  return row!.id;
}

/** Stored rows of a roster (only what the table requires). */
async function addRows(rosterId: string, n: number) {
  await t.database.exec(
    `insert into roster_records (roster_id, roster_type, row_number, id_masked, content_key, record)
     select $1::uuid, 'death', g, '6403**********0011', md5(g::text), '{}' from generate_series(1, $2::int) g`,
    [rosterId, n],
  );
}

const rowsOf = async (id: string) =>
  (await t.database.exec('select count(*)::int as n from roster_records where roster_id = $1', [id])).rows[0]!
    .n;

const statusOf = async (id: string) =>
  (await t.database.db.select().from(rosters).where(eq(rosters.id, id)))[0]!;

describe('uploads interrupted by a restart', () => {
  it('a started server marks page uploads left running as failed, and leaves command-line uploads alone', async () => {
    const [clerk] = await t.database.db.select().from(users).where(eq(users.username, 'litong-clerk'));
    const page = await runningRoster(clerk!.id);
    const cli = await runningRoster(null);
    // Rows of the uploads interleave (ids from one sequence); a roster from before records_after.
    const done = await runningRoster(clerk!.id, true, 'done');
    const older = await runningRoster(clerk!.id, false);
    await addRows(page, 3);
    await addRows(cli, 2);
    await addRows(done, 4);
    await addRows(page, 2);
    await addRows(older, 3);
    await addRows(cli, 1);

    const restarted = await buildApp({
      database: t.database,
      config: { logLevel: 'silent', sessionHours: 8, secureCookies: false },
      serverJobs: true,
    });
    await restarted.ready();
    await restarted.close();

    expect(await statusOf(page)).toMatchObject({
      status: 'failed',
      message: '服务重启，比对中断，请重新上传',
    });
    expect((await statusOf(cli)).status).toBe('running');
    expect((await statusOf(older)).status).toBe('failed');
    // Each failed upload's rows are gone, found by id range or (older) by roster alone; the rows
    // written among them by other uploads stay.
    expect([await rowsOf(page), await rowsOf(older)]).toEqual([0, 0]);
    expect([await rowsOf(cli), await rowsOf(done)]).toEqual([3, 4]);
    const view = await t.call({ method: 'GET', url: `/api/v1/matching/rosters/${page}`, as: 'litong-clerk' });
    expect(view.json()).toMatchObject({ status: 'failed', progress: null });
  });
});
