import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../demo/demo.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('login and sessions', () => {
  it('a right password opens an httpOnly SameSite=strict session and is audited', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'litong-county', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tb_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(res.json().user).toMatchObject({ username: 'litong-county', roles: ['county-staff'] });
    const rows = await t.auditRows('auth.login');
    expect(rows.some((r) => r.actor_username === 'litong-county' && r.outcome === 'ok')).toBe(true);
  });

  it('a wrong password is refused in Chinese and audited as a failed login', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'wuzhong-city', password: 'Wrong-password-1' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toMatchObject({ code: 'UNAUTHENTICATED', message: '用户名或密码错误' });
    const rows = await t.auditRows('auth.login-failed');
    expect(rows.some((r) => r.actor_username === 'wuzhong-city' && r.outcome === 'denied')).toBe(true);
  });

  it('an unknown user gets the same answer as a wrong password (no user enumeration)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody', password: 'x' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('用户名或密码错误');
  });

  it('five failures lock the account for 15 minutes, even against the right password', async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'wuhai-city', password: `Wrong-${i}-password` },
      });
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'wuhai-city', password: DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toContain('锁定');
    const { rows } = await t.database.exec(
      "select locked_until > now() + interval '14 minutes' as locked from users where username = 'wuhai-city'",
    );
    expect(rows[0]?.locked).toBe(true);
  });

  it('four failures do not lock, and a success resets the counter', async () => {
    for (let i = 0; i < 4; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'daxing-county', password: `Wrong-${i}-password` },
      });
    }
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'daxing-county', password: DEMO_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    const { rows } = await t.database.exec(
      "select failed_attempts from users where username = 'daxing-county'",
    );
    expect(rows[0]?.failed_attempts).toBe(0);
  });

  it('an empty body is a validation error naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(res.json().error.issues.map((i: { path: string }) => i.path)).toContain('body.username');
  });
});

describe('GET /api/v1/me', () => {
  it('without a session answers 401', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('shows roles and the jurisdiction as names', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/me', as: 'jinxing-village-01' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      username: 'jinxing-village-01',
      roles: ['village-director'],
      roleNames: ['村（居）儿童主任'],
      jurisdiction: {
        code: '640302106001',
        pathNames: ['宁夏回族自治区', '吴忠市', '利通区', '金星镇', '富平社区居委会'],
      },
    });
    expect(res.json().permissions).toContain('child:read');
    expect(res.json().permissions).not.toContain('user:manage');
  });

  it('after logout the session no longer works', async () => {
    const cookie = await t.login('litong-head');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      200,
    );
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
    expect((await t.auditRows('auth.logout')).some((r) => r.actor_username === 'litong-head')).toBe(true);
  });

  it('a forged session token is not accepted', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: 'tb_session=forged' },
    });
    expect(res.statusCode).toBe(401);
  });
});

describe('system endpoints', () => {
  it('GET /api/health reports the database reachable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('the OpenAPI document lists the routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/users']),
    );
  });
});
