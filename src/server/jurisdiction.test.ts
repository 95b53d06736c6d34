import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './test-support.ts';
import { DEMO_PASSWORD } from './modules/demo/demo.ts';

/**
 * Acceptance (issue 2): a user of 640302 (利通区) cannot see or fetch anything of 110115 (大兴区)
 * through any route. Every /api/v1 route must have a probe here that aims it at 大兴; a new route
 * without one fails the test, so the proof grows with the API.
 */
let t: TestContext;
let daxingUserId: string;
beforeAll(async () => {
  t = await createTestContext();
  const { rows } = await t.database.exec("select id from users where username = 'daxing-county'");
  daxingUserId = String(rows[0]!.id);
  // The most privileged 利通区 user we can make: every role, bound to 640302.
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/users',
    as: 'admin',
    payload: {
      username: 'litong-everything',
      displayName: '利通区全角色',
      password: DEMO_PASSWORD,
      roles: [
        'admin',
        'county-staff',
        'county-head',
        'finance',
        'auditor',
        'township-supervisor',
        'village-director',
        'department-clerk',
        'institution-staff',
      ],
      jurisdictionCode: '640302',
    },
  });
  expect(res.statusCode).toBe(201);
  await t.login('daxing-county'); // leaves 大兴 rows in the audit trail for the audit probe
});
afterAll(() => t.close());

type Probe = () => InjectOptions;
const PUBLIC = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/logout']);

const probes: Record<string, Probe> = {
  'GET /api/v1/me': () => ({ method: 'GET', url: '/api/v1/me' }),
  'GET /api/v1/users': () => ({ method: 'GET', url: '/api/v1/users?pageSize=200' }),
  'GET /api/v1/users/:id': () => ({ method: 'GET', url: `/api/v1/users/${daxingUserId}` }),
  'POST /api/v1/users': () => ({
    method: 'POST',
    url: '/api/v1/users',
    payload: {
      username: 'sneaky-daxing',
      displayName: 'x',
      password: DEMO_PASSWORD,
      roles: ['county-staff'],
      jurisdictionCode: '110115',
    },
  }),
  'PATCH /api/v1/users/:id': () => ({
    method: 'PATCH',
    url: `/api/v1/users/${daxingUserId}`,
    payload: { displayName: '篡改' },
  }),
  'POST /api/v1/users/:id/password': () => ({
    method: 'POST',
    url: `/api/v1/users/${daxingUserId}/password`,
    payload: { password: 'Hijack#Pass123' },
  }),
  'GET /api/v1/regions/roots': () => ({ method: 'GET', url: '/api/v1/regions/roots' }),
  'GET /api/v1/regions/:code': () => ({ method: 'GET', url: '/api/v1/regions/110115' }),
  'GET /api/v1/regions/:code/children': () => ({ method: 'GET', url: '/api/v1/regions/110115/children' }),
  'GET /api/v1/audit': () => ({ method: 'GET', url: '/api/v1/audit?pageSize=200' }),
  'GET /api/v1/policies': () => ({ method: 'GET', url: '/api/v1/policies' }),
  'GET /api/v1/policies/:id': () => ({ method: 'GET', url: '/api/v1/policies/cn-110115' }),
  'POST /api/v1/policies/:id/adjustment': () => ({
    method: 'POST',
    url: '/api/v1/policies/cn-110115/adjustment',
    payload: { lastYearIncomeYuan: '17000', yearBeforeIncomeYuan: '16000', effectiveFrom: '2027-01-01' },
  }),
  'POST /api/v1/evaluate': () => ({
    method: 'POST',
    url: '/api/v1/evaluate',
    payload: { asOf: '2025-07-01', child: { idNumber: '110115201503120012', hukouRegion: '110115' } },
  }),
};

describe('no route leaks 大兴区 (110115) to a 利通区 (640302) user', () => {
  it('every API route has a probe', () => {
    const routes = t.app.routeList
      .filter((r) => r.url.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.url}`);
    const missing = routes.filter((r) => !PUBLIC.has(r) && !probes[r]);
    expect(missing).toEqual([]);
  });

  for (const [route, probe] of Object.entries(probes)) {
    it(`${route} returns nothing of 大兴区 and changes nothing there`, async () => {
      const res = await t.call({ ...probe(), as: 'litong-everything' });
      expect(res.statusCode).toBeLessThan(500);
      expect(res.body).not.toMatch(/110115|大兴|daxing/);
      if (route.includes(':') || route.startsWith('POST') || route.startsWith('PATCH')) {
        expect([400, 403, 404]).toContain(res.statusCode);
      }
    });
  }

  it('the 大兴 account is untouched afterwards', async () => {
    const { rows } = await t.database.exec("select display_name from users where username = 'daxing-county'");
    expect(rows[0]?.display_name).toBe('大兴区民政局');
    await expect(t.login('daxing-county')).resolves.toContain('tb_session=');
  });
});
