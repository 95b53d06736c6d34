import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../../domain/shared/dates.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { confirmedChild, daysAgo, fucFacts, idNumber, monthsAgo, TODAY } from '../children/test-fixtures.ts';

let t: TestContext;
let dueChild: string;
let otherDueChild: string;
let recentChild: string;
let campaignId: string;
beforeAll(async () => {
  t = await createTestContext();
  dueChild = await activeChild(14);
  otherDueChild = await activeChild(13);
  recentChild = await activeChild(2);
});
afterAll(() => t.close());

let seq = 0;
/** A child of 富平社区 in the payroll, its county confirmation dated `monthsBack` ago. */
const activeChild = (monthsBack: number) =>
  confirmedChild(t, fucFacts({ id: idNumber(`64030220150601${String(500 + seq++)}`) }), monthsBack);

const DUE = addMonths(TODAY, 1);
const create = (as: string | undefined, payload: object) =>
  t.call({ method: 'POST', url: '/api/v1/reviews', ...(as ? { as } : {}), payload });
const detail = (as: string | undefined, id = campaignId) =>
  t.call({ method: 'GET', url: `/api/v1/reviews/${id}`, ...(as ? { as } : {}) });
const decide = (as: string | undefined, itemId: string, payload: object) =>
  t.call({ method: 'POST', url: `/api/v1/reviews/items/${itemId}/decision`, ...(as ? { as } : {}), payload });
const itemOf = async (childId: string) => {
  const items = (await detail('litong-county')).json().items as { id: string; childId: string }[];
  return items.find((i) => i.childId === childId)!;
};

describe('POST /api/v1/reviews (发起资格复审)', () => {
  it('401 without a session; 403 for a township; 404 for another county', async () => {
    expect((await create(undefined, { name: '复审', dueDate: DUE })).statusCode).toBe(401);
    expect((await create('jinxing-township', { name: '复审', dueDate: DUE })).statusCode).toBe(403);
    expect((await create('litong-county', { name: '复审', dueDate: DUE, region: '110115' })).statusCode).toBe(
      404,
    );
  });
  it('refuses a due date in the past and an empty name, naming the field', async () => {
    const past = await create('litong-county', { name: '复审', dueDate: daysAgo(1) });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('截止日期');
    expect((await create('litong-county', { name: ' ', dueDate: DUE })).body).toContain('复审名称');
  });
  it('lists every child in the payroll whose 12-month review falls due by the due date; audited', async () => {
    const res = await create('litong-county', { name: '2026年度资格复审', dueDate: DUE });
    expect(res.statusCode, res.body).toBe(201);
    campaignId = res.json().id;
    expect(res.json()).toMatchObject({
      name: '2026年度资格复审',
      region: '640302',
      progress: { due: 2, done: 0, overdue: 0 },
    });
    const items = (await detail('litong-county')).json().items as { childId: string; dueSince: string }[];
    expect(items.map((i) => i.childId).sort()).toEqual([dueChild, otherDueChild].sort());
    expect(items.map((i) => i.childId)).not.toContain(recentChild);
    expect(items.find((i) => i.childId === dueChild)?.dueSince).toBe(addMonths(monthsAgo(14), 12));
    const audit = (await t.auditRows('review.campaign.create')).find((r) => r.entity_id === campaignId);
    expect(audit?.detail).toMatchObject({ items: 2, dueDate: DUE });
  });
});

describe('GET /api/v1/reviews and /api/v1/reviews/:id', () => {
  it('401 without a session; 404 for another county or an unknown id', async () => {
    expect((await t.call({ method: 'GET', url: '/api/v1/reviews' })).statusCode).toBe(401);
    expect((await detail(undefined)).statusCode).toBe(401);
    expect((await detail('daxing-county')).statusCode).toBe(404);
    expect((await detail('litong-county', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    const daxing = (await t.call({ method: 'GET', url: '/api/v1/reviews', as: 'daxing-county' })).json();
    expect(daxing.items).toEqual([]);
  });
  it('the township sees the county campaign with its own children and progress by township; the view is audited', async () => {
    const list = (await t.call({ method: 'GET', url: '/api/v1/reviews', as: 'jinxing-township' })).json();
    expect(list.items.map((c: { id: string }) => c.id)).toContain(campaignId);
    const res = await detail('jinxing-township');
    expect(res.statusCode).toBe(200);
    expect(res.json().townships).toEqual([
      expect.objectContaining({ region: '640302106', due: 2, done: 0, overdue: 0 }),
    ]);
    expect(res.json().items[0].idNumberMasked).toMatch(/\*/);
    expect((await t.auditRows('review.campaign.read')).some((r) => r.entity_id === campaignId)).toBe(true);
  });
});

describe('POST /api/v1/reviews/items/:id/decision (登记复审结论)', () => {
  it('401 without a session; 403 for a village director; 404 for another county', async () => {
    const item = await itemOf(dueChild);
    const body = { outcome: 'continue', reasons: '情况未变化' };
    expect((await decide(undefined, item.id, body)).statusCode).toBe(401);
    expect((await decide('jinxing-village-01', item.id, body)).statusCode).toBe(403);
    expect((await decide('daxing-county', item.id, body)).statusCode).toBe(404);
  });
  it('continue needs written reasons, is recorded once, and counts as done; audited', async () => {
    const item = await itemOf(dueChild);
    expect((await decide('jinxing-township', item.id, { outcome: 'continue', reasons: '' })).statusCode).toBe(
      400,
    );
    const res = await decide('jinxing-township', item.id, {
      outcome: 'continue',
      reasons: '入户核查，情况未变化',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ outcome: 'continue', decidedOn: TODAY });
    expect(
      (await decide('litong-county', item.id, { outcome: 'continue', reasons: '再次登记' })).statusCode,
    ).toBe(409);
    const audit = (await t.auditRows('review.decide')).find((r) => r.entity_id === item.id);
    expect(audit?.detail).toMatchObject({ outcome: 'continue', childId: dueChild });
    expect((await detail('litong-county')).json().progress).toEqual({ due: 2, done: 1, overdue: 0 });
  });
  it('terminate requires an exit reason and records the exit on the child', async () => {
    const item = await itemOf(otherDueChild);
    const missing = await decide('jinxing-township', item.id, {
      outcome: 'terminate',
      reasons: '母亲刑满释放',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('退出原因');
    const event = daysAgo(5);
    const res = await decide('jinxing-township', item.id, {
      outcome: 'terminate',
      reasons: '母亲刑满释放，已回家履行抚养义务',
      exitReason: 'parent-released',
      eventDate: event,
    });
    expect(res.statusCode, res.body).toBe(200);
    const child = (
      await t.call({ method: 'GET', url: `/api/v1/children/${otherDueChild}`, as: 'litong-county' })
    ).json();
    expect(child).toMatchObject({
      exitReason: 'parent-released',
      exit: { source: 'review', gradualExitMonths: 6 },
    });
  });
  it('a child reviewed and kept is not due again in the next campaign', async () => {
    const res = await create('litong-county', { name: '补充复审', dueDate: DUE });
    expect(res.json().progress.due).toBe(0);
  });
});

describe('concurrent reviewers', () => {
  it('two decisions on the same child at once: exactly one is recorded, the other answers 409', async () => {
    const childId = await activeChild(15);
    const created = await create('litong-county', { name: '并发复审', dueDate: DUE });
    expect(created.json().progress.due).toBe(1);
    const items = (await detail('litong-county', created.json().id)).json().items as { id: string }[];
    const [a, b] = await Promise.all([
      decide('jinxing-township', items[0]!.id, { outcome: 'continue', reasons: '乡镇复审：继续保障' }),
      decide('litong-county', items[0]!.id, { outcome: 'change', reasons: '县级复审：需变更事实' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const { rows } = await t.database.exec(
      'select count(*)::int as n from review_items where child_id = $1 and outcome is not null',
      [childId],
    );
    expect(rows[0]?.n).toBe(1);
  });
});
