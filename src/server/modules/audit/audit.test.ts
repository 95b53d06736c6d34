import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/demo.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await t.login('daxing-county');
  await t.login('litong-county');
  // A county auditor for 利通区.
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/users',
    as: 'admin',
    payload: {
      username: 'litong-auditor',
      displayName: '利通区审计',
      password: DEMO_PASSWORD,
      roles: ['auditor'],
      jurisdictionCode: '640302',
    },
  });
  expect(res.statusCode).toBe(201);
});
afterAll(() => t.close());

describe('GET /api/v1/audit', () => {
  it('without a session answers 401', async () => {
    expect((await t.call({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401);
  });
  it('a non-auditor answers 403', async () => {
    expect((await t.call({ method: 'GET', url: '/api/v1/audit', as: 'litong-county' })).statusCode).toBe(403);
  });
  it('the national auditor filters by action and actor, and the read itself is audited', async () => {
    const res = await t.call({
      method: 'GET',
      url: '/api/v1/audit?action=auth.login&actor=daxing-county',
      as: 'auditor',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
    expect(
      res
        .json()
        .items.every(
          (r: { action: string; actorUsername: string }) =>
            r.action === 'auth.login' && r.actorUsername === 'daxing-county',
        ),
    ).toBe(true);
    expect((await t.auditRows('audit.read')).some((r) => r.actor_username === 'auditor')).toBe(true);
  });
  it('a county auditor sees only rows of the county (大兴 logins stay hidden from 利通)', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/audit?pageSize=200', as: 'litong-auditor' });
    const items: { actorUsername: string; regionCode: string }[] = res.json().items;
    expect(items.some((r) => r.actorUsername === 'litong-county')).toBe(true);
    expect(items.some((r) => r.actorUsername === 'daxing-county')).toBe(false);
    expect(items.every((r) => r.regionCode.startsWith('640302'))).toBe(true);
  });
});

describe('the audit trail is append-only in the database', () => {
  it('UPDATE is refused', async () => {
    await expect(t.database.exec("update audit_log set action = 'forged'")).rejects.toThrow(/append-only/);
  });
  it('DELETE is refused', async () => {
    await expect(t.database.exec('delete from audit_log')).rejects.toThrow(/append-only/);
  });
  it('TRUNCATE is refused', async () => {
    await expect(t.database.exec('truncate audit_log')).rejects.toThrow(/append-only/);
  });
});
