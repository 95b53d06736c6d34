import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { daysAgo, idNumber } from '../children/test-fixtures.ts';
import { ERRORS_FILE_DAYS } from './matching.service.ts';
import { csvOf, uploadRoster } from './matching.test-support.ts';

/** Cancelling a long upload, and the retention of errors files (ADR 0006a). */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** A death roster of n adults (born 1950–1959) — long enough to be cancelled while it is read. */
const longRoster = (n: number) =>
  csvOf(
    ['姓名', '公民身份号码', '死亡日期'],
    Array.from({ length: n }, (_, i) => [
      '某某',
      idNumber(`640302195${i % 10}${pad((i % 12) + 1, 2)}${pad((i % 28) + 1, 2)}${pad(i % 1000, 3)}`),
      daysAgo(3),
    ]),
  );

function post(csv: string, as: string) {
  const boundary = 'tbcancel';
  return t.call({
    method: 'POST',
    url: `/api/v1/matching/rosters?type=death&sourceDepartment=${encodeURIComponent('民政局')}`,
    as,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="d.csv"\r\n\r\n`),
      Buffer.from(csv),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
}

describe('cancelling an upload', () => {
  it('reports progress while reading, and cancel rolls back: no rows, no leads, roster cancelled, audited', async () => {
    const other = (await uploadRoster(t, 'litong-clerk', 'death', longRoster(5))).json().id as string;
    const res = await post(longRoster(40_000), 'litong-clerk');
    expect(res.statusCode).toBe(202);
    const id = res.json().id as string;
    let progress: { rowsRead: number; bytesRead: number; totalBytes: number } | undefined;
    for (let i = 0; i < 2000 && !(progress && progress.rowsRead > 0); i++) {
      const r = await t.call({ method: 'GET', url: `/api/v1/matching/rosters/${id}`, as: 'litong-clerk' });
      expect(r.json().status).toBe('running');
      progress = r.json().progress;
      await new Promise((ok) => setTimeout(ok, 5));
    }
    expect(progress!.rowsRead).toBeGreaterThan(0);
    expect(progress!.totalBytes).toBeGreaterThan(progress!.bytesRead - 1);

    const cancelled = await t.call({
      method: 'POST',
      url: `/api/v1/matching/rosters/${id}/cancel`,
      as: 'litong-clerk',
    });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', progress: null, newLeads: null });
    const count = async (sql: string, roster = id) => (await t.database.exec(sql, [roster])).rows[0]!.n;
    expect(await count('select count(*)::int as n from roster_records where roster_id = $1')).toBe(0);
    // Another upload's rows stay (the cancelled upload's are found by id range and roster).
    expect(await count('select count(*)::int as n from roster_records where roster_id = $1', other)).toBe(5);
    expect(await count('select count(*)::int as n from match_leads where roster_id = $1')).toBe(0);
    expect((await t.auditRows('matching.cancel')).map((a) => a.entity_id)).toContain(id);
  });

  it('cancelling a finished upload changes nothing', async () => {
    const done = await uploadRoster(t, 'litong-clerk', 'death', longRoster(3));
    expect(done.json().status).toBe('done');
    const r = await t.call({
      method: 'POST',
      url: `/api/v1/matching/rosters/${done.json().id}/cancel`,
      as: 'litong-clerk',
    });
    expect(r.json()).toMatchObject({ status: 'done', rows: 3 });
  });

  it('another uploader cannot cancel a clerk’s upload (404)', async () => {
    const res = await post(longRoster(2), 'litong-clerk');
    const r = await t.call({
      method: 'POST',
      url: `/api/v1/matching/rosters/${res.json().id}/cancel`,
      as: 'daxing-county',
    });
    expect(r.statusCode).toBe(404);
  });
});

describe('errors files', () => {
  it(`are deleted ${ERRORS_FILE_DAYS} days after the upload; the roster keeps its counts`, async () => {
    const bad = csvOf(['姓名', '公民身份号码', '死亡日期'], [['丙', '', daysAgo(5)]]);
    const r = (await uploadRoster(t, 'litong-clerk', 'death', bad)).json();
    expect(r).toMatchObject({ rejected: 1, hasErrorsFile: true });
    const { rows } = await t.database.exec('select errors_file from rosters where id = $1', [r.id]);
    const file = String(rows[0]!.errors_file);
    expect(fs.existsSync(file)).toBe(true);

    await t.database.exec(`update rosters set uploaded_at = uploaded_at - interval '29 days' where id = $1`, [
      r.id,
    ]);
    await uploadRoster(t, 'litong-clerk', 'death', longRoster(1));
    expect(fs.existsSync(file)).toBe(true);

    await t.database.exec(`update rosters set uploaded_at = uploaded_at - interval '2 days' where id = $1`, [
      r.id,
    ]);
    await uploadRoster(t, 'litong-clerk', 'death', longRoster(1));
    expect(fs.existsSync(file)).toBe(false);
    const after = await t.call({
      method: 'GET',
      url: `/api/v1/matching/rosters/${r.id}`,
      as: 'litong-clerk',
    });
    expect(after.json()).toMatchObject({ rejected: 1, hasErrorsFile: false });
    const download = await t.call({
      method: 'GET',
      url: `/api/v1/matching/rosters/${r.id}/errors`,
      as: 'litong-clerk',
    });
    expect(download.statusCode).toBe(404);
  });
});
