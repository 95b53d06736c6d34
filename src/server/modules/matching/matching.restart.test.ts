import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { users } from '../users/users.schema.ts';
import { rosters } from './matching.schema.ts';

/** A server restart while a page upload was being read (its job lived in the stopped process). */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

async function runningRoster(uploadedBy: string | null) {
  const [row] = await t.database.db
    .insert(rosters)
    .values({
      rosterType: 'death',
      sourceDepartment: '公安局',
      region: '640302',
      fileName: 'death.csv',
      uploadedBy,
      asOf: '2026-11-01',
      status: 'running',
    })
    .returning();
  return row!.id;
}

const statusOf = async (id: string) =>
  (await t.database.db.select().from(rosters).where(eq(rosters.id, id)))[0]!;

describe('uploads interrupted by a restart', () => {
  it('a started server marks page uploads left running as failed, and leaves command-line uploads alone', async () => {
    const [clerk] = await t.database.db.select().from(users).where(eq(users.username, 'litong-clerk'));
    const page = await runningRoster(clerk!.id);
    const cli = await runningRoster(null);

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
    const view = await t.call({ method: 'GET', url: `/api/v1/matching/rosters/${page}`, as: 'litong-clerk' });
    expect(view.json()).toMatchObject({ status: 'failed', progress: null });
  });
});
