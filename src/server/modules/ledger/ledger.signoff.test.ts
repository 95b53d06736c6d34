import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearMonthOf } from '../../../domain/shared/dates.ts';
import { todayInChina } from '../../platform/clock.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';

/** The county head's quarterly sign-off of the ledger (季度签字): who may sign, once, audited, append-only. */
let t: TestContext;
const month = yearMonthOf(todayInChina());
beforeAll(async () => {
  t = await createTestContext();
}, 60_000);
afterAll(() => t.close());

describe('quarterly sign-off (季度签字)', () => {
  const quarter = `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
  it('only the county head signs, once per county and quarter, and it is audited', async () => {
    const body = { quarter, comments: '已核对本季度台账，同意。' };
    expect((await t.call({ method: 'POST', url: '/api/v1/ledger/signoffs', payload: body })).statusCode).toBe(
      401,
    );
    expect(
      (await t.call({ method: 'POST', url: '/api/v1/ledger/signoffs', payload: body, as: 'litong-county' }))
        .statusCode,
    ).toBe(403);
    const ok = await t.call({
      method: 'POST',
      url: '/api/v1/ledger/signoffs',
      payload: body,
      as: 'litong-head',
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ countyCode: '640302', quarter, comments: body.comments });
    const again = await t.call({
      method: 'POST',
      url: '/api/v1/ledger/signoffs',
      payload: body,
      as: 'litong-head',
    });
    expect(again.statusCode).toBe(409);
    const future = await t.call({
      method: 'POST',
      url: '/api/v1/ledger/signoffs',
      payload: { ...body, quarter: `${Number(month.slice(0, 4)) + 1}-Q1` },
      as: 'litong-head',
    });
    expect(future.statusCode).toBe(400);
    const list = await t.call({ method: 'GET', url: '/api/v1/ledger/signoffs', as: 'litong-county' });
    expect(list.json().items).toMatchObject([{ quarter, signedByName: expect.any(String) }]);
    const audit = await t.auditRows('ledger.signoff');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_username: 'litong-head',
      region_code: '640302',
      entity_id: ok.json().id,
    });
  });
});

describe('a sign-off is a recorded approval', () => {
  it('cannot be edited or deleted in the database', async () => {
    await expect(t.database.exec("update ledger_signoffs set comments = '篡改'")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.exec('delete from ledger_signoffs')).rejects.toThrow(/append-only/);
  });
});
