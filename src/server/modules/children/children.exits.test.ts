import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, addYearMonths, yearMonthOf } from '../../../domain/shared/dates.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { applicant, confirmedChild, daysAgo, fucFacts, idNumber, monthsAgo, TODAY } from './test-fixtures.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const THIS_MONTH = yearMonthOf(TODAY);
let seq = 0;
type Facts = ReturnType<typeof fucFacts>;
const newFacts = (birth = '20150401'): Facts =>
  fucFacts({ id: idNumber(`640302${birth}${String(300 + seq++)}`) });

/** Applies, verifies and confirms; the confirmation is then dated `confirmedMonthsAgo` back. */
const activeChild = (facts: Facts = newFacts(), confirmedMonthsAgo = 14) =>
  confirmedChild(t, facts, confirmedMonthsAgo);

const file = async (id: string) =>
  (await t.call({ method: 'GET', url: `/api/v1/children/${id}`, as: 'litong-county' })).json();
const exit = (id: string, as: string | undefined, payload: object) =>
  t.call({ method: 'POST', url: `/api/v1/children/${id}/exit`, ...(as ? { as } : {}), payload });
const patchFacts = (id: string, facts: Facts, reason: string) =>
  t.call({
    method: 'PATCH',
    url: `/api/v1/children/${id}/facts`,
    as: 'jinxing-township',
    payload: { facts, reason },
  });

describe('POST /api/v1/children/:id/exit (办理退出)', () => {
  it('401 without a session, 403 without the right to edit files, 404 outside the jurisdiction', async () => {
    const id = await activeChild();
    const body = { reason: 'died', eventDate: daysAgo(3) };
    expect((await exit(id, undefined, body)).statusCode).toBe(401);
    expect((await exit(id, 'auditor', body)).statusCode).toBe(403);
    expect((await exit(id, 'jinxing-village-02', body)).statusCode).toBe(404);
    expect((await exit(id, 'daxing-county', body)).statusCode).toBe(404);
  });

  it('death: no 渐退期; paid through the event month, exited after it; audited without personal data', async () => {
    const id = await activeChild();
    const event = monthsAgo(2);
    const res = await exit(id, 'litong-county', { reason: 'died', eventDate: event, note: '户籍注销' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'exited',
      exitReason: 'died',
      exitedAt: event,
      exit: {
        reason: 'died',
        reasonLabel: '死亡',
        gradualExitMonths: 0,
        lastPaidMonth: yearMonthOf(event),
        source: 'action',
      },
    });
    const audit = (await t.auditRows('child.exit')).find((r) => r.entity_id === id);
    expect(audit?.detail).toMatchObject({ reason: 'died', gradualExitMonths: 0, to: { status: 'exited' } });
    expect(JSON.stringify(audit)).not.toContain('马小花');
    // An exited child cannot exit again.
    expect((await exit(id, 'litong-county', { reason: 'died', eventDate: event })).statusCode).toBe(409);
  });

  it('adoption: no 渐退期 either', async () => {
    const id = await activeChild();
    const res = await exit(id, 'litong-county', { reason: 'adopted', eventDate: daysAgo(1) });
    expect(res.json().exit).toMatchObject({
      reasonLabel: '依法被收养',
      gradualExitMonths: 0,
      lastPaidMonth: yearMonthOf(daysAgo(1)),
    });
  });

  it('refuses an event date in the future or before the county confirmation, naming the field', async () => {
    const id = await activeChild();
    const future = await exit(id, 'litong-county', { reason: 'died', eventDate: addMonths(TODAY, 1) });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('不能晚于今天');
    const early = await exit(id, 'litong-county', { reason: 'died', eventDate: monthsAgo(20) });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('县级确认');
    expect((await file(id)).status).toBe('active');
  });
});

describe('a change of facts that ends eligibility records the exit', () => {
  it("mother released: 渐退期 of the pack's 6 months, still paid (active) through it", async () => {
    const facts = newFacts();
    const id = await activeChild(facts);
    const released = structuredClone(facts);
    const until = daysAgo(20);
    released.parents[1]!.conditions = [{ kind: 'imprisoned', since: monthsAgo(20), until }];
    const res = await patchFacts(id, released, '母亲刑满释放');
    expect(res.statusCode, res.body).toBe(200);
    const lastPaid = addYearMonths(yearMonthOf(until), 6);
    expect(res.json()).toMatchObject({
      status: lastPaid < THIS_MONTH ? 'exited' : 'active',
      exitReason: 'parent-released',
      exit: { reason: 'parent-released', gradualExitMonths: 6, lastPaidMonth: lastPaid, source: 'facts' },
    });
    expect((await t.auditRows('child.exit')).some((r) => r.entity_id === id)).toBe(true);
  });

  it('past 18 and still in school: no exit; leaving school: exit after graduation with 渐退期', async () => {
    const birth = addMonths(TODAY, -(18 * 12 + 2)).replace(/-/g, '');
    const facts = newFacts(birth);
    facts.child.schooling = 'high-school';
    const id = await activeChild(facts, 24);
    const stillInSchool = structuredClone(facts);
    stillInSchool.child.schooling = 'college';
    const kept = await patchFacts(id, stillInSchool, '升入大学');
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ status: 'active', exitReason: null, exit: null });
    const left = structuredClone(stillInSchool);
    left.child.schooling = 'none';
    const ended = await patchFacts(id, left, '毕业离校');
    expect(ended.json().exit).toMatchObject({ reason: 'graduated', gradualExitMonths: 6 });
  });

  it('recognized as an orphan: a switch of category from next month, not an exit', async () => {
    const facts = newFacts();
    const id = await activeChild(facts);
    const orphan = structuredClone(facts);
    orphan.parents[1]!.conditions = [{ kind: 'deceased', since: daysAgo(10) }] as never;
    const res = await patchFacts(id, orphan, '母亲死亡');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'active',
      exitReason: null,
      exit: { reason: 'recognized-orphan', switchToOrphanFrom: addYearMonths(yearMonthOf(daysAgo(10)), 1) },
    });
  });
});

describe('after an exit', () => {
  it('a new application confirmed by the county starts a new period: the old exit no longer applies', async () => {
    const id = await activeChild();
    await exit(id, 'litong-county', { reason: 'family-improved', eventDate: monthsAgo(9) });
    expect((await file(id)).status).toBe('exited');
    const filed = await t.call({
      method: 'POST',
      url: '/api/v1/applications',
      as: 'jinxing-village-01',
      payload: { childId: id, applicant },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const appId = filed.json().application.id;
    for (const [as, action] of [
      ['jinxing-township', 'verify'],
      ['litong-county', 'confirm'],
    ] as const) {
      const res = await t.call({
        method: 'POST',
        url: `/api/v1/applications/${appId}/actions`,
        as,
        payload: { action },
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect(await file(id)).toMatchObject({ status: 'active', exitReason: null, exitedAt: null, exit: null });
  });
});
