import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../domain/shared/dates.ts';
import { selectPack } from '../../../domain/policy/resolve.ts';
import { addWorkingDays } from '../../../domain/shared/working-days.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { applicant, daysAgo, fucFacts, idNumber, TODAY } from '../children/test-fixtures.ts';
import { DEMO_PASSWORD } from '../demo/demo.ts';
import { makePoliciesService } from '../policies/policies.service.ts';

/**
 * 跨省通办 (domain.md §6): a 金星镇 (宁夏吴忠利通区) child's application taken in at 兴丰街道
 * (北京大兴): daxing-township forwards (3 WD), jinxing-township verifies (15 WD), litong-county
 * decides (15 WD), daxing-township informs the applicant (3 WD). Each side sees its part.
 */

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  const other = await t.call({
    method: 'POST',
    url: '/api/v1/users',
    as: 'admin',
    payload: {
      username: 'linxiao-township',
      displayName: '林校路街道督导员',
      password: DEMO_PASSWORD,
      roles: ['township-supervisor'],
      jurisdictionCode: '110115002',
    },
  });
  expect(other.statusCode, other.body).toBe(201);
  const village = await t.call({
    method: 'POST',
    url: '/api/v1/users',
    as: 'admin',
    payload: {
      username: 'xingfeng-village',
      displayName: '兴丰街道某社区儿童主任',
      password: DEMO_PASSWORD,
      roles: ['village-director'],
      jurisdictionCode: '110115001001',
    },
  });
  expect(village.statusCode, village.body).toBe(201);
});
afterAll(() => t.close());

const packs = makePoliciesService({ today: () => TODAY }).packs();
/** Due date of a step started today, on the calendar of the pack of `region`. */
const dueIn = (region: string, workingDays: number) =>
  addWorkingDays(TODAY, workingDays, selectPack(packs, region, TODAY)!.calendar);

let seq = 0;
const newFacts = () => fucFacts({ id: idNumber(`64030220140601${String(100 + seq++)}`), name: '马小军' });

interface Detail {
  id: string;
  status: string;
  path: string;
  side: string;
  outcome: string | null;
  actions: string[];
  child: { id: string; name: string; categories: string[]; monthlyTotalFen: number | null };
  deadline: { stage: string; dueOn: string; status: string } | null;
  log: {
    action: string;
    actor: string | null;
    comment: string | null;
    reasons: string[];
    means: string | null;
    on: string;
  }[];
  intake: { facts: { child: { name: string } } } | null;
  preview: unknown;
}

async function accept(facts = newFacts(), as = 'daxing-township') {
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/applications',
    as,
    payload: {
      child: { facts },
      applicant: { kind: 'guardian', name: '马大山', relation: '祖父', phone: '13800000000' },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().application as Detail;
}
const act = (id: string, as: string, body: object) =>
  t.call({ method: 'POST', url: `/api/v1/applications/${id}/actions`, as, payload: body });
const detail = (id: string, as: string) => t.call({ method: 'GET', url: `/api/v1/applications/${id}`, as });
const childIdOf = async (applicationId: string) =>
  String(
    (await t.database.exec('select child_id from applications where id = $1', [applicationId])).rows[0]!
      .child_id,
  );
const inQueue = async (as: string, id: string, status = 'open') =>
  (await t.call({ method: 'GET', url: `/api/v1/applications?status=${status}&pageSize=200`, as }))
    .json()
    .items.find((a: { id: string }) => a.id === id) as Detail | undefined;

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
