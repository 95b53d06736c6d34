import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/demo.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';

let t: TestContext;
let daxingUserId: string;
let litongUserId: string;
beforeAll(async () => {
  t = await createTestContext();
  const { rows } = await t.database.exec(
    "select id, username from users where username in ('daxing-county', 'litong-finance')",
  );
  daxingUserId = String(rows.find((r) => r.username === 'daxing-county')!.id);
  litongUserId = String(rows.find((r) => r.username === 'litong-finance')!.id);
  // A county administrator for 利通区: may manage users of 640302 only.
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/users',
    as: 'admin',
    payload: {
      username: 'litong-admin',
      displayName: '利通区管理员',
      password: DEMO_PASSWORD,
      roles: ['admin'],
      jurisdictionCode: '640302',
    },
  });
  expect(res.statusCode).toBe(201);
});
afterAll(() => t.close());

const newUser = (username: string, jurisdictionCode = '640302106') => ({
  username,
  displayName: '测试用户',
  password: 'Good#Password1',
  roles: ['township-supervisor'],
  jurisdictionCode,
});

describe('GET /api/v1/users', () => {
  it('without a session answers 401', async () => {
    expect((await t.call({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
  });
  it('a role without user management answers 403 and the denial is audited', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/users', as: 'litong-county' });
    expect(res.statusCode).toBe(403);
    expect((await t.auditRows('access.denied')).some((r) => r.actor_username === 'litong-county')).toBe(true);
  });
  it('a county administrator lists only users of the county', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/users?pageSize=200', as: 'litong-admin' });
    expect(res.statusCode).toBe(200);
    const codes: string[] = res.json().items.map((u: { jurisdictionCode: string }) => u.jurisdictionCode);
    expect(codes.length).toBeGreaterThan(3);
    expect(codes.every((c) => c.startsWith('640302'))).toBe(true);
  });
  it('the national administrator sees every jurisdiction, with names', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/users?q=daxing', as: 'admin' });
    expect(res.json().items).toEqual([
      expect.objectContaining({ username: 'daxing-county', jurisdictionName: '北京市/市辖区/大兴区' }),
      expect.objectContaining({
        username: 'daxing-township',
        jurisdictionName: '北京市/市辖区/大兴区/兴丰街道',
      }),
    ]);
  });
});

describe('GET /api/v1/users/:id', () => {
  it('reads a user of the jurisdiction and audits the read', async () => {
    const res = await t.call({ method: 'GET', url: `/api/v1/users/${litongUserId}`, as: 'litong-admin' });
    expect(res.statusCode).toBe(200);
    expect(
      (await t.auditRows('user.read')).some(
        (r) => r.entity_id === litongUserId && r.actor_username === 'litong-admin',
      ),
    ).toBe(true);
  });
  it('a user of another jurisdiction answers 404, not 403', async () => {
    const res = await t.call({ method: 'GET', url: `/api/v1/users/${daxingUserId}`, as: 'litong-admin' });
    expect(res.statusCode).toBe(404);
  });
});

describe('POST /api/v1/users', () => {
  it('without a session answers 401', async () => {
    expect(
      (await t.call({ method: 'POST', url: '/api/v1/users', payload: newUser('user-1') })).statusCode,
    ).toBe(401);
  });
  it('a wrong role answers 403', async () => {
    expect(
      (await t.call({ method: 'POST', url: '/api/v1/users', as: 'auditor', payload: newUser('user-2') }))
        .statusCode,
    ).toBe(403);
  });
  it("a jurisdiction outside the administrator's is refused", async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      as: 'litong-admin',
      payload: newUser('user-3', '110115'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues[0].path).toBe('jurisdictionCode');
  });
  it('a weak password is refused with the rule in Chinese', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      as: 'litong-admin',
      payload: { ...newUser('user-4'), password: 'abcdefghij' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.issues).toEqual([
      { path: 'password', message: expect.stringContaining('至少三类') },
    ]);
  });
  it('creates the user, audits it, and the new user can log in', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      as: 'litong-admin',
      payload: newUser('gaozha-supervisor', '640302102'),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'gaozha-supervisor',
      jurisdictionName: '宁夏回族自治区/吴忠市/利通区/高闸镇',
      status: 'active',
    });
    expect(
      (await t.auditRows('user.create')).some(
        (r) => r.entity_id === res.json().id && r.actor_username === 'litong-admin',
      ),
    ).toBe(true);
    await expect(t.login('gaozha-supervisor', 'Good#Password1')).resolves.toContain('tb_session=');
  });
  it('a duplicate username is a conflict', async () => {
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      as: 'admin',
      payload: newUser('LITONG-COUNTY'),
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('PATCH /api/v1/users/:id and password reset', () => {
  it('without a session answers 401; wrong role 403; other jurisdiction 404', async () => {
    expect(
      (await t.call({ method: 'PATCH', url: `/api/v1/users/${litongUserId}`, payload: { displayName: 'x' } }))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await t.call({
          method: 'PATCH',
          url: `/api/v1/users/${litongUserId}`,
          as: 'litong-county',
          payload: { displayName: 'x' },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.call({
          method: 'PATCH',
          url: `/api/v1/users/${daxingUserId}`,
          as: 'litong-admin',
          payload: { displayName: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.call({
          method: 'POST',
          url: `/api/v1/users/${daxingUserId}/password`,
          as: 'litong-admin',
          payload: { password: 'Another#Pass12' },
        })
      ).statusCode,
    ).toBe(404);
  });
  it('disabling a user ends their sessions and records before and after', async () => {
    const cookie = await t.login('litong-finance');
    const res = await t.call({
      method: 'PATCH',
      url: `/api/v1/users/${litongUserId}`,
      as: 'litong-admin',
      payload: { disabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
    const audit = (await t.auditRows('user.update')).find((r) => r.entity_id === litongUserId);
    expect(audit?.detail).toMatchObject({ from: { disabled: false }, to: { disabled: true } });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'litong-finance', password: 'Tongbao@2025' },
    });
    expect(login.json().error.message).toContain('停用');
  });
  it('a password reset unlocks, is audited, and the new password works', async () => {
    await t.call({
      method: 'PATCH',
      url: `/api/v1/users/${litongUserId}`,
      as: 'litong-admin',
      payload: { disabled: false },
    });
    const res = await t.call({
      method: 'POST',
      url: `/api/v1/users/${litongUserId}/password`,
      as: 'litong-admin',
      payload: { password: 'Reset#Password9' },
    });
    expect(res.statusCode).toBe(204);
    expect((await t.auditRows('user.reset-password')).some((r) => r.entity_id === litongUserId)).toBe(true);
    await expect(t.login('litong-finance', 'Reset#Password9')).resolves.toContain('tb_session=');
  });
});
