import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/shared/dates.ts';
import { applicant, daysAgo, TODAY } from '../children/test-fixtures.ts';
import {
  accept,
  act,
  childIdOf,
  detail,
  type Detail,
  dueIn,
  inQueue,
  newFacts,
  setUpAnywhere,
  t,
} from './applications.anywhere.test-support.ts';

/** 跨省通办: intake at the accepting township, then forward → verify → confirm → inform. */
setUpAnywhere();

describe('异地受理: the accepting township takes the application in', () => {
  it('a 大兴 township accepts for a 金星镇 child: remote path, forward due in 3 working days, audited under 大兴', async () => {
    const app = await accept();
    expect(app).toMatchObject({
      status: 'accepted',
      path: 'remote',
      side: 'accepting',
      actions: ['forward', 'withdraw'],
      deadline: { stage: 'forward', dueOn: dueIn('110115001', 3), status: 'due-soon' },
      intake: { facts: { child: { name: '马小军' } } },
      preview: null,
    });
    // The child's file is opened at the 户籍, out of the accepting side's sight.
    expect(app.child.id).toBe('');
    const childId = await childIdOf(app.id);
    const { rows } = await t.database.exec('select hukou_region, status from children where id = $1', [
      childId,
    ]);
    expect(rows[0]).toEqual({ hukou_region: '640302106001', status: 'applying' });
    const audit = (await t.auditRows('application.accept')).find((r) => r.entity_id === app.id);
    expect(audit).toMatchObject({ region_code: '110115001' });
  });

  it('an intake for a child already on file at the 户籍 is attached to that file', async () => {
    const facts = newFacts();
    const filed = await t.call({
      method: 'POST',
      url: '/api/v1/children',
      as: 'jinxing-village-01',
      payload: { facts },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const app = await accept(facts);
    expect(await childIdOf(app.id)).toBe(filed.json().child.id);
    const again = await t.call({
      method: 'POST',
      url: '/api/v1/applications',
      as: 'daxing-township',
      payload: { child: { facts }, applicant },
    });
    expect(again.statusCode).toBe(409);
  });

  it('only a township accepts: a 大兴 village director is refused (403), a county has no applicant role (403)', async () => {
    const post = (as: string) =>
      t.call({
        method: 'POST',
        url: '/api/v1/applications',
        as,
        payload: { child: { facts: newFacts() }, applicant },
      });
    const village = await post('xingfeng-village');
    expect(village.statusCode).toBe(403);
    expect(village.json().error.message).toContain('异地受理');
    expect((await post('daxing-county')).statusCode).toBe(403);
  });

  it('the 户籍 picker lists regions nationwide for a township, and is refused to others', async () => {
    const roots = await t.call({
      method: 'GET',
      url: '/api/v1/applications/hukou-regions',
      as: 'daxing-township',
    });
    expect(roots.json().items.map((r: { code: string }) => r.code)).toEqual(
      expect.arrayContaining(['64', '11']),
    );
    const towns = await t.call({
      method: 'GET',
      url: '/api/v1/applications/hukou-regions?parent=640302',
      as: 'daxing-township',
    });
    expect(towns.json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: '640302106', name: '金星镇' })]),
    );
    expect(
      (await t.call({ method: 'GET', url: '/api/v1/applications/hukou-regions', as: 'litong-county' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.call({ method: 'GET', url: '/api/v1/applications/hukou-regions', as: 'xingfeng-village' }))
        .statusCode,
    ).toBe(403);
    expect((await t.call({ method: 'GET', url: '/api/v1/applications/hukou-regions' })).statusCode).toBe(401);
  });
});

describe('跨省通办 end to end: forward, verify, confirm, inform', () => {
  let app: Detail;
  beforeAll(async () => {
    app = await accept();
  });

  it('before forwarding the 户籍 side sees the case but cannot act; illegal actions are 409 with what is allowed', async () => {
    const hukou = (await detail(app.id, 'jinxing-township')).json();
    expect(hukou).toMatchObject({ side: 'hukou', actions: [], deadline: { stage: 'forward' } });
    const early = await act(app.id, 'jinxing-township', { action: 'verify' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toMatchObject({ code: 'CONFLICT', allowed: [] });
    const inform = await act(app.id, 'daxing-township', {
      action: 'inform',
      notice: { on: TODAY, means: 'phone' },
    });
    expect(inform.statusCode).toBe(409);
    expect(inform.json().error.allowed).toEqual(['forward', 'withdraw']);
  });

  it('forwarding starts the 户籍 township verification: 15 working days on the 户籍 calendar', async () => {
    const res = await act(app.id, 'daxing-township', { action: 'forward', comment: '材料齐全，转交户籍地' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'submitted',
      actions: ['withdraw'],
      deadline: { stage: 'township', dueOn: dueIn('640302106001', 15) },
    });
    expect((await inQueue('jinxing-township', app.id))?.actions).toEqual(['verify', 'return']);
    expect((await act(app.id, 'daxing-township', { action: 'verify' })).statusCode).toBe(403);
  });

  it('the 户籍 township verifies; the accepting side sees the step but not its material', async () => {
    const res = await act(app.id, 'jinxing-township', {
      action: 'verify',
      comment: '经比对：母亲服刑至2031年',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().deadline).toMatchObject({ stage: 'county', dueOn: dueIn('640302', 15) });
    const hukou = (await detail(app.id, 'jinxing-township')).json() as Detail;
    expect(hukou.log.at(-1)).toMatchObject({
      action: 'verify',
      actor: 'jinxing-township',
      comment: '经比对：母亲服刑至2031年',
    });
    expect(hukou.preview).not.toBeNull();
    expect(hukou.child.id).not.toBe('');
    const accepting = (await detail(app.id, 'daxing-township')).json() as Detail;
    expect(accepting.log.at(-1)).toMatchObject({ action: 'verify', actor: null, comment: null });
    expect(accepting.preview).toBeNull();
    expect(JSON.stringify(accepting)).not.toContain('母亲服刑至2031年');
    expect(accepting.child).toMatchObject({ id: '', categories: [] });
  });

  it('the 户籍 county confirms: the accepting township must inform within 3 working days of its calendar', async () => {
    expect((await act(app.id, 'daxing-county', { action: 'confirm' })).statusCode).toBe(403);
    const res = await act(app.id, 'litong-county', { action: 'confirm', comment: '同意' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'approved',
      outcome: 'approved',
      actions: [],
      deadline: { stage: 'inform', dueOn: dueIn('110115001', 3) },
    });
    const accepting = (await inQueue('daxing-township', app.id)) as Detail;
    expect(accepting).toMatchObject({
      status: 'approved',
      actions: ['inform'],
      deadline: { stage: 'inform' },
    });
    // What the accepting township tells the applicant: the categories and amount decided.
    const told = (await detail(app.id, 'daxing-township')).json() as Detail;
    expect(told.child.id).toBe('');
    expect(told.child.categories).toContain('de-facto-unsupported');
    expect(told.child.monthlyTotalFen).toBe(120_000);
    expect(told.preview).toBeNull();
    const childId = await childIdOf(app.id);
    const file = await t.call({ method: 'GET', url: `/api/v1/children/${childId}`, as: 'litong-county' });
    expect(file.json().status).toBe('active');
  });

  it('informing needs the date and the means; a future date or one before the decision is refused', async () => {
    expect((await act(app.id, 'daxing-township', { action: 'inform' })).statusCode).toBe(400);
    const future = await act(app.id, 'daxing-township', {
      action: 'inform',
      notice: { on: addDays(TODAY, 2), means: 'phone' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('告知日期');
    const early = await act(app.id, 'daxing-township', {
      action: 'inform',
      notice: { on: daysAgo(1), means: 'phone' },
    });
    expect(early.statusCode).toBe(400);
  });

  it('the accepting township informs the applicant: the case is closed with its outcome, audited under 大兴', async () => {
    const res = await act(app.id, 'daxing-township', {
      action: 'inform',
      notice: { on: TODAY, means: 'phone' },
      comment: '已电话告知祖父马大山',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', outcome: 'approved', deadline: null, actions: [] });
    expect(res.json().log.at(-1)).toMatchObject({
      action: 'inform',
      on: TODAY,
      means: 'phone',
      actor: 'daxing-township',
    });
    const audit = (await t.auditRows('application.inform')).find((r) => r.entity_id === app.id);
    expect(audit).toMatchObject({ region_code: '110115001' });
    // Closed cases appear under their decision, on both sides; no longer in the open queue.
    expect(await inQueue('daxing-township', app.id, 'approved')).toBeDefined();
    expect(await inQueue('litong-county', app.id, 'approved')).toBeDefined();
    expect(await inQueue('daxing-township', app.id, 'open')).toBeUndefined();
    const hukou = (await detail(app.id, 'litong-county')).json() as Detail;
    expect(hukou.log.map((l) => l.action)).toEqual(['accept', 'forward', 'verify', 'confirm', 'inform']);
  });
});
