import { beforeAll, describe, expect, it } from 'vitest';
import { daysAgo, TODAY } from '../children/test-fixtures.ts';
import {
  accept,
  act,
  childIdOf,
  detail,
  type Detail,
  inQueue,
  setUpAnywhere,
  t,
} from './applications.anywhere.test-support.ts';

/** 跨省通办: what each side sees, refusal, return, concurrency and deadline alerts. */
setUpAnywhere();

describe('visibility: each side its part, everyone else 404', () => {
  let app: Detail;
  beforeAll(async () => {
    app = await accept();
  });
  it('both sides and their supervisors see the case in the queue; a third township and another county do not', async () => {
    for (const as of [
      'daxing-township',
      'daxing-county',
      'jinxing-township',
      'litong-county',
      'wuzhong-city',
    ]) {
      expect(await inQueue(as, app.id), as).toBeDefined();
    }
    expect((await inQueue('daxing-county', app.id))?.side).toBe('accepting');
    expect((await inQueue('wuzhong-city', app.id))?.side).toBe('hukou');
    for (const as of ['linxiao-township', 'jinxing-village-02', 'wuhai-city']) {
      expect(await inQueue(as, app.id), as).toBeUndefined();
      expect((await detail(app.id, as)).statusCode, as).toBe(404);
      expect((await act(app.id, as, { action: 'forward' })).statusCode, as).toBe(404);
    }
  });
  it("the child's file stays 404 to the accepting side; every view of the case is audited with its side", async () => {
    const childId = await childIdOf(app.id);
    expect(
      (await t.call({ method: 'GET', url: `/api/v1/children/${childId}`, as: 'daxing-township' })).statusCode,
    ).toBe(404);
    expect(
      (await t.call({ method: 'GET', url: `/api/v1/children/${childId}`, as: 'daxing-county' })).statusCode,
    ).toBe(404);
    await detail(app.id, 'daxing-county');
    await detail(app.id, 'jinxing-township');
    const reads = (await t.auditRows('application.read')).filter((r) => r.entity_id === app.id);
    expect(reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          region_code: '110115001',
          detail: expect.objectContaining({ side: 'accepting' }),
        }),
        expect.objectContaining({
          region_code: '640302106001',
          detail: expect.objectContaining({ side: 'hukou' }),
        }),
      ]),
    );
  });
});

describe('refusal, return and concurrency on the remote path', () => {
  it('a refusal reaches the accepting side with its reasons; the verification note does not', async () => {
    const app = await accept();
    await act(app.id, 'daxing-township', { action: 'forward' });
    await act(app.id, 'jinxing-township', { action: 'verify', comment: '入户核查记录' });
    const refused = await act(app.id, 'litong-head', {
      action: 'refuse',
      reasons: ['母亲刑期不足六个月'],
      comment: '内部意见',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    const accepting = (await detail(app.id, 'daxing-township')).json() as Detail;
    expect(accepting).toMatchObject({ status: 'refused', outcome: 'refused', actions: ['inform'] });
    expect(accepting.log.at(-1)).toMatchObject({
      action: 'refuse',
      reasons: ['母亲刑期不足六个月'],
      comment: null,
    });
    expect(JSON.stringify(accepting)).not.toMatch(/入户核查记录|内部意见/);
    const closed = await act(app.id, 'daxing-township', {
      action: 'inform',
      notice: { on: TODAY, means: 'mail' },
    });
    expect(closed.json()).toMatchObject({ status: 'closed', outcome: 'refused' });
    expect(await inQueue('daxing-township', app.id, 'refused')).toBeDefined();
  });

  it('a return goes back to the accepting township, which resubmits to the 户籍', async () => {
    const app = await accept();
    await act(app.id, 'daxing-township', { action: 'forward' });
    const returned = await act(app.id, 'jinxing-township', { action: 'return', comment: '请补充母亲判决书' });
    expect(returned.statusCode).toBe(200);
    const accepting = (await detail(app.id, 'daxing-township')).json() as Detail;
    expect(accepting).toMatchObject({
      status: 'returned',
      actions: ['resubmit', 'withdraw'],
      deadline: null,
    });
    expect(accepting.log.at(-1)?.comment).toBe('请补充母亲判决书');
    expect((await act(app.id, 'jinxing-village-01', { action: 'resubmit' })).statusCode).toBe(403);
    const again = await act(app.id, 'daxing-township', { action: 'resubmit' });
    expect(again.json()).toMatchObject({ status: 'submitted', deadline: { stage: 'township' } });
  });

  it('of two concurrent forwards exactly one wins; the other is a 409', async () => {
    const app = await accept();
    const results = await Promise.all([
      act(app.id, 'daxing-township', { action: 'forward' }),
      act(app.id, 'daxing-township', { action: 'forward' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const { rows } = await t.database.exec(
      "select count(*)::int as n from application_actions where application_id = $1 and action = 'forward'",
      [app.id],
    );
    expect(rows[0]?.n).toBe(1);
  });
});

describe('deadline alerts on the remote path', () => {
  it('an overdue forward alerts the accepting township (handler) and its county (supervisor), not the 户籍 side', async () => {
    const app = await accept();
    await t.database.exec('update applications set stage_started_on = $2, due_on = $3 where id = $1', [
      app.id,
      daysAgo(10),
      daysAgo(4),
    ]);
    const alertsOf = async (as: string) =>
      (await t.call({ method: 'GET', url: '/api/v1/alerts', as }))
        .json()
        .items.filter((a: { applicationId: string }) => a.applicationId === app.id);
    expect(await alertsOf('daxing-township')).toEqual([
      expect.objectContaining({ role: 'handler', message: expect.stringContaining('转交户籍地已超期') }),
    ]);
    expect(await alertsOf('daxing-county')).toEqual([expect.objectContaining({ role: 'supervisor' })]);
    expect(await alertsOf('litong-county')).toEqual([]);
    expect(await alertsOf('jinxing-township')).toEqual([]);
    expect(await alertsOf('linxiao-township')).toEqual([]);
  });
  it('an overdue verification of a remote case alerts the 户籍 township and county, not the accepting side', async () => {
    const app = await accept();
    await act(app.id, 'daxing-township', { action: 'forward' });
    await t.database.exec('update applications set stage_started_on = $2, due_on = $3 where id = $1', [
      app.id,
      daysAgo(40),
      daysAgo(3),
    ]);
    const roles = async (as: string) =>
      (await t.call({ method: 'GET', url: '/api/v1/alerts', as }))
        .json()
        .items.filter((a: { applicationId: string }) => a.applicationId === app.id)
        .map((a: { role: string }) => a.role);
    expect(await roles('jinxing-township')).toEqual(['handler']);
    expect(await roles('litong-county')).toEqual(['supervisor']);
    expect(await roles('daxing-township')).toEqual([]);
    expect(await roles('daxing-county')).toEqual([]);
  });
});
