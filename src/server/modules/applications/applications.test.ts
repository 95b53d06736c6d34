import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addYearMonths, yearMonthOf } from '../../../domain/shared/dates.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { applicant, daysAgo, fucFacts, idNumber, monthsAgo, TODAY } from '../children/test-fixtures.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const NEXT_MONTH = addYearMonths(yearMonthOf(TODAY), 1);
let seq = 0;
/** A fresh child of 富平社区 (640302106001) with its own ID number. */
const newChild = () => fucFacts({ id: idNumber(`64030220150401${String(100 + seq++)}`) });

async function apply(as = 'jinxing-village-01', facts = newChild()) {
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/applications',
    as,
    payload: { child: { facts }, applicant },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().application as { id: string; child: { id: string }; deadline: { dueOn: string } };
}
const act = (id: string, as: string | undefined, body: object) =>
  t.call({ method: 'POST', url: `/api/v1/applications/${id}/actions`, ...(as ? { as } : {}), payload: body });

describe('POST /api/v1/applications (申请)', () => {
  const post = (as: string | undefined, payload: object) =>
    t.call({ method: 'POST', url: '/api/v1/applications', ...(as ? { as } : {}), payload });
  it('401 without a session; 403 for a role that cannot apply', async () => {
    expect((await post(undefined, { child: { facts: newChild() }, applicant })).statusCode).toBe(401);
    expect((await post('litong-county', { child: { facts: newChild() }, applicant })).statusCode).toBe(403);
  });
  it("404 for another village's child", async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/children',
      as: 'jinxing-village-01',
      payload: { facts: newChild() },
    });
    const childId = res.json().child.id;
    expect((await post('jinxing-village-02', { childId, applicant })).statusCode).toBe(404);
  });
  it('a new child and its application are filed together, with a 15-working-day township deadline, audited', async () => {
    const app = await apply();
    expect(app).toMatchObject({ status: 'submitted', deadline: { stage: 'township', status: 'on-time' } });
    expect(app.deadline.dueOn > TODAY).toBe(true);
    const child = await t.call({
      method: 'GET',
      url: `/api/v1/children/${app.child.id}`,
      as: 'jinxing-village-01',
    });
    expect(child.json().status).toBe('applying');
    expect((await t.auditRows('application.submit')).some((r) => r.entity_id === app.id)).toBe(true);
    expect((await t.auditRows('child.create')).some((r) => r.entity_id === app.child.id)).toBe(true);
  });
  it('one open application per child', async () => {
    const app = await apply();
    const again = await post('jinxing-village-01', { childId: app.child.id, applicant });
    expect(again.statusCode).toBe(409);
  });
  it('the 户籍 must be at least a township, or nobody could verify', async () => {
    const user = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      as: 'admin',
      payload: {
        username: 'litong-helper',
        displayName: '利通区督导',
        password: 'Tongbao@2025',
        roles: ['township-supervisor'],
        jurisdictionCode: '640302',
      },
    });
    expect(user.statusCode).toBe(201);
    const res = await post('litong-helper', {
      child: { facts: fucFacts({ id: idNumber('64030220150501001'), hukou: '640302' }) },
      applicant,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('乡镇');
  });
});

describe('the workflow through the API', () => {
  it('township verifies, county confirms: the child is active and paid from next month (FUC ¥1,200)', async () => {
    const app = await apply();
    const verified = await act(app.id, 'jinxing-township', { action: 'verify', comment: '经比对核实' });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'verified', deadline: { stage: 'county' }, actions: [] });
    const confirmed = await act(app.id, 'litong-county', { action: 'confirm' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().status).toBe('approved');
    const file = await t.call({
      method: 'GET',
      url: `/api/v1/children/${app.child.id}`,
      as: 'litong-county',
    });
    expect(file.json()).toMatchObject({
      status: 'active',
      confirmedAt: TODAY,
      categories: expect.arrayContaining(['de-facto-unsupported']),
    });
    const det = await t.call({
      method: 'GET',
      url: `/api/v1/children/${app.child.id}/determinations`,
      as: 'litong-county',
    });
    expect(det.json().items[0]).toMatchObject({ month: NEXT_MONTH, monthlyTotalFen: 120000 });
    const log = (await t.auditRows()).filter((r) => r.entity_id === app.id).map((r) => r.action);
    expect(log).toEqual(
      expect.arrayContaining(['application.submit', 'application.verify', 'application.confirm']),
    );
    const status = (await t.auditRows('child.status')).filter((r) => r.entity_id === app.child.id).at(-1);
    expect(status?.detail).toMatchObject({
      from: { status: 'applying' },
      to: { status: 'active', benefitFrom: NEXT_MONTH },
    });
  });

  it('an illegal action is a 409 that lists what the actor may do', async () => {
    const app = await apply();
    const res = await act(app.id, 'jinxing-township', { action: 'confirm' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CONFLICT', allowed: ['verify', 'return', 'withdraw'] });
    expect(res.json().error.message).toContain('查验通过');
  });

  it('401, 403 (a role that cannot act at this step) and 404 (another county)', async () => {
    const app = await apply();
    expect((await act(app.id, undefined, { action: 'verify' })).statusCode).toBe(401);
    expect((await act(app.id, 'jinxing-village-01', { action: 'verify' })).statusCode).toBe(403);
    expect((await act(app.id, 'auditor', { action: 'verify' })).statusCode).toBe(403);
    expect((await act(app.id, 'jinxing-village-02', { action: 'withdraw' })).statusCode).toBe(404);
    expect((await act(app.id, 'daxing-county', { action: 'verify' })).statusCode).toBe(404);
  });

  it('refusal needs written reasons; returned applications can be resubmitted or withdrawn', async () => {
    const app = await apply();
    await act(app.id, 'jinxing-township', { action: 'verify' });
    expect((await act(app.id, 'litong-county', { action: 'refuse' })).statusCode).toBe(400);
    expect(
      (await act(app.id, 'litong-county', { action: 'return', comment: '补充判决书' })).json().status,
    ).toBe('returned');
    expect((await act(app.id, 'jinxing-village-01', { action: 'resubmit' })).json().status).toBe('submitted');
    await act(app.id, 'jinxing-township', { action: 'verify' });
    const refused = await act(app.id, 'litong-head', { action: 'refuse', reasons: ['母亲刑期不足六个月'] });
    expect(refused.json()).toMatchObject({ status: 'refused', actions: [] });
    expect(refused.json().log.at(-1)).toMatchObject({
      action: 'refuse',
      reasons: ['母亲刑期不足六个月'],
      actor: 'litong-head',
    });
    const child = await t.call({
      method: 'GET',
      url: `/api/v1/children/${app.child.id}`,
      as: 'litong-county',
    });
    expect(child.json().status).toBe('registered');
  });

  it('of two concurrent confirmations exactly one wins; the other is a 409', async () => {
    const app = await apply();
    await act(app.id, 'jinxing-township', { action: 'verify' });
    await t.login('litong-head');
    const results = await Promise.all([
      act(app.id, 'litong-county', { action: 'confirm' }),
      act(app.id, 'litong-head', { action: 'confirm' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const { rows } = await t.database.exec(
      'select count(*)::int as n from application_actions where application_id = $1',
      [app.id],
    );
    expect(rows[0]?.n).toBe(3);
  });
});

describe('GET /api/v1/applications, /applications/:id and /alerts', () => {
  let app: { id: string; child: { id: string } };
  beforeAll(async () => {
    app = await apply();
  });
  it('401 / 403 / 404 as for every route', async () => {
    expect((await t.call({ method: 'GET', url: '/api/v1/applications' })).statusCode).toBe(401);
    expect((await t.call({ method: 'GET', url: '/api/v1/applications', as: 'auditor' })).statusCode).toBe(
      403,
    );
    expect(
      (await t.call({ method: 'GET', url: `/api/v1/applications/${app.id}`, as: 'jinxing-village-02' }))
        .statusCode,
    ).toBe(404);
    expect((await t.call({ method: 'GET', url: '/api/v1/alerts' })).statusCode).toBe(401);
    expect((await t.call({ method: 'GET', url: '/api/v1/alerts', as: 'auditor' })).statusCode).toBe(403);
  });
  it('the queue shows deadlines and the actions the user may take; the detail is audited', async () => {
    const res = await t.call({
      method: 'GET',
      url: '/api/v1/applications?status=open&pageSize=100',
      as: 'jinxing-township',
    });
    const row = res.json().items.find((a: { id: string }) => a.id === app.id);
    expect(row).toMatchObject({ actions: ['verify', 'return', 'withdraw'], deadline: { stage: 'township' } });
    expect(row.child.idNumberMasked).toMatch(/^6403\*+\d{3}[\dX]$/);
    const detail = await t.call({
      method: 'GET',
      url: `/api/v1/applications/${app.id}`,
      as: 'litong-county',
    });
    expect(detail.json().preview.categories).toContain('de-facto-unsupported');
    expect((await t.auditRows('application.read')).some((r) => r.entity_id === app.id)).toBe(true);
  });
  it('an overdue verification alerts the township (handler) and the county (supervisor), nobody else', async () => {
    await t.database.exec('update applications set stage_started_on = $2, due_on = $3 where id = $1', [
      app.id,
      monthsAgo(2),
      daysAgo(3),
    ]);
    const alertsOf = async (as: string) =>
      (await t.call({ method: 'GET', url: '/api/v1/alerts', as }))
        .json()
        .items.filter((a: { applicationId: string }) => a.applicationId === app.id);
    expect(await alertsOf('jinxing-township')).toEqual([
      expect.objectContaining({ role: 'handler', deadline: expect.objectContaining({ status: 'overdue' }) }),
    ]);
    expect((await alertsOf('litong-county'))[0]).toMatchObject({
      role: 'supervisor',
      message: expect.stringContaining('已超期'),
    });
    expect(await alertsOf('jinxing-village-01')).toEqual([]);
    expect(await alertsOf('daxing-county')).toEqual([]);
  });
});

describe('a change to an active child', () => {
  it('records a version and re-runs determinations from the month the change takes effect', async () => {
    const facts = newChild();
    const app = await apply('jinxing-village-01', facts);
    await act(app.id, 'jinxing-township', { action: 'verify' });
    await act(app.id, 'litong-county', { action: 'confirm' });
    // The mother is released today: from next month the child is no longer 事实无人抚养.
    const released = structuredClone(facts);
    released.parents[1]!.conditions[0] = { kind: 'imprisoned', since: monthsAgo(20), until: TODAY };
    const res = await t.call({
      method: 'PATCH',
      url: `/api/v1/children/${app.child.id}/facts`,
      as: 'litong-county',
      payload: { facts: released, reason: '母亲提前释放' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const det = await t.call({
      method: 'GET',
      url: `/api/v1/children/${app.child.id}/determinations`,
      as: 'litong-county',
    });
    expect(det.json().items[0]).toMatchObject({ month: NEXT_MONTH, factsVersion: 2 });
    expect(det.json().items[0].categories).not.toContain('de-facto-unsupported');
    const audit = (await t.auditRows('child.update-facts')).find((r) => r.entity_id === app.child.id);
    expect(audit?.detail).toMatchObject({
      effectiveFrom: yearMonthOf(TODAY),
      recomputed: [NEXT_MONTH, NEXT_MONTH],
    });
  });
});
