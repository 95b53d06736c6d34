import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './test-support.ts';
import { DEMO_PASSWORD } from './modules/demo/demo.ts';
import { applicant, fucFacts, idNumber } from './modules/children/test-fixtures.ts';

/**
 * Acceptance (issue 2): a user of 640302 (利通区) cannot see or fetch anything of 110115 (大兴区)
 * through any route. Every /api/v1 route must have a probe here that aims it at 大兴; a new route
 * without one fails the test, so the proof grows with the API.
 */
let t: TestContext;
let daxingUserId: string;
let daxingChildId: string;
let daxingApplicationId: string;
let daxingAttachmentId: string;
let daxingPayrollRunId: string;
let daxingPayrollJobId: string;
let daxingCampaignId: string;
let daxingReviewItemId: string;
let daxingRosterId: string;
let daxingLeadId: string;
beforeAll(async () => {
  t = await createTestContext();
  const { rows } = await t.database.exec("select id from users where username = 'daxing-county'");
  daxingUserId = String(rows[0]!.id);
  // A 大兴 roster and lead, written directly (matching's own tables).
  const roster = await t.database.exec(
    `insert into rosters (roster_type, source_department, region, file_name, uploaded_by, as_of, status)
     values ('death', '公安局', '110115', 'daxing.csv', $1, '2025-07-01', 'done') returning id`,
    [daxingUserId],
  );
  daxingRosterId = String(roster.rows[0]!.id);
  const lead = await t.database.exec(
    `insert into match_leads (dedupe_key, lead_type, rule, title, child_key, hukou_region, file_ids, lead,
       record_ids, roster_id, created_on, due_on, status)
     values ('daxing-probe', 'review', 'review.parent-died', 'x', 'k', '110115001', '[]', '{}', '[]', $1,
       '2025-07-01', '2025-07-22', 'open') returning id`,
    [daxingRosterId],
  );
  daxingLeadId = String(lead.rows[0]!.id);
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
  // A 大兴 child with an application and an attachment, filed by the 大兴 township supervisor (demo user).
  const filed = await t.call({
    method: 'POST',
    url: '/api/v1/applications',
    as: 'daxing-township',
    payload: {
      child: { facts: fucFacts({ id: idNumber('11011520160101003'), hukou: '110115001' }) },
      applicant,
    },
  });
  expect(filed.statusCode).toBe(201);
  daxingApplicationId = filed.json().application.id;
  daxingChildId = filed.json().application.child.id;
  const boundary = 'tbprobe';
  const upload = await t.call({
    method: 'POST',
    url: `/api/v1/children/${daxingChildId}/attachments`,
    as: 'daxing-township',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 x`,
      ),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  expect(upload.statusCode).toBe(201);
  daxingAttachmentId = upload.json().id;
  // A 大兴 payroll run (and its generation job), made by 大兴's own county staff.
  const gen = await t.call({
    method: 'POST',
    url: '/api/v1/payroll/generate',
    as: 'daxing-county',
    payload: { month: '2025-03', region: '110115' },
  });
  expect(gen.statusCode).toBe(202);
  daxingPayrollJobId = gen.json().id;
  for (let i = 0; i < 200; i++) {
    const { rows } = await t.database.exec("select id from payroll_runs where region = '110115'");
    if (rows[0]) {
      daxingPayrollRunId = String(rows[0].id);
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  // A 大兴 re-review campaign with one item (listed by hand: the 大兴 child is not yet active).
  const campaign = await t.call({
    method: 'POST',
    url: '/api/v1/reviews',
    as: 'daxing-county',
    payload: { name: '大兴复审', dueDate: '2099-12-31' },
  });
  expect(campaign.statusCode, campaign.body).toBe(201);
  daxingCampaignId = campaign.json().id;
  const item = await t.database.exec(
    `insert into review_items (campaign_id, child_id, hukou_region, due_since)
     values ($1, $2, '110115001', '2099-01-01') returning id`,
    [daxingCampaignId, daxingChildId],
  );
  daxingReviewItemId = String(item.rows[0]!.id);
});
afterAll(() => t.close());

type Probe = () => InjectOptions;
const PUBLIC = new Set(['POST /api/v1/auth/login', 'POST /api/v1/auth/logout']);

const probes: Record<string, Probe> = {
  'POST /api/v1/matching/rosters': () => ({
    method: 'POST',
    url: '/api/v1/matching/rosters?type=death&sourceDepartment=x&region=110115',
    headers: { 'content-type': 'multipart/form-data; boundary=tbm' },
    payload:
      '--tbm\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\n\r\n姓名,公民身份号码,死亡日期\r\n--tbm--\r\n',
  }),
  'GET /api/v1/matching/rosters': () => ({ method: 'GET', url: '/api/v1/matching/rosters' }),
  'GET /api/v1/matching/rosters/:id': () => ({
    method: 'GET',
    url: `/api/v1/matching/rosters/${daxingRosterId}`,
  }),
  'POST /api/v1/matching/rosters/:id/cancel': () => ({
    method: 'POST',
    url: `/api/v1/matching/rosters/${daxingRosterId}/cancel`,
  }),
  'GET /api/v1/matching/rosters/:id/errors': () => ({
    method: 'GET',
    url: `/api/v1/matching/rosters/${daxingRosterId}/errors`,
  }),
  'GET /api/v1/matching/leads': () => ({ method: 'GET', url: '/api/v1/matching/leads?region=110115' }),
  'GET /api/v1/matching/leads/:id': () => ({ method: 'GET', url: `/api/v1/matching/leads/${daxingLeadId}` }),
  'POST /api/v1/matching/leads/:id/actions': () => ({
    method: 'POST',
    url: `/api/v1/matching/leads/${daxingLeadId}/actions`,
    payload: { action: 'dismiss', reason: 'x' },
  }),
  'GET /api/v1/matching/dashboard': () => ({ method: 'GET', url: '/api/v1/matching/dashboard' }),
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
  'GET /api/v1/children': () => ({ method: 'GET', url: '/api/v1/children?pageSize=200' }),
  'POST /api/v1/children': () => ({
    method: 'POST',
    url: '/api/v1/children',
    payload: { facts: fucFacts({ id: idNumber('11011520160202004'), hukou: '110115001' }) },
  }),
  'GET /api/v1/children/:id': () => ({ method: 'GET', url: `/api/v1/children/${daxingChildId}` }),
  'PATCH /api/v1/children/:id/facts': () => ({
    method: 'PATCH',
    url: `/api/v1/children/${daxingChildId}/facts`,
    payload: {
      facts: fucFacts({ id: idNumber('11011520160101003'), hukou: '640302106001' }),
      reason: '篡改',
    },
  }),
  'GET /api/v1/children/:id/history': () => ({
    method: 'GET',
    url: `/api/v1/children/${daxingChildId}/history`,
  }),
  'GET /api/v1/children/:id/determinations': () => ({
    method: 'GET',
    url: `/api/v1/children/${daxingChildId}/determinations`,
  }),
  'GET /api/v1/children/:id/attachments': () => ({
    method: 'GET',
    url: `/api/v1/children/${daxingChildId}/attachments`,
  }),
  'POST /api/v1/children/:id/attachments': () => ({
    method: 'POST',
    url: `/api/v1/children/${daxingChildId}/attachments`,
    payload: {},
  }),
  'GET /api/v1/children/:id/attachments/:attachmentId': () => ({
    method: 'GET',
    url: `/api/v1/children/${daxingChildId}/attachments/${daxingAttachmentId}`,
  }),
  'GET /api/v1/applications': () => ({ method: 'GET', url: '/api/v1/applications?pageSize=200' }),
  'POST /api/v1/applications': () => ({
    method: 'POST',
    url: '/api/v1/applications',
    payload: { childId: daxingChildId, applicant },
  }),
  'GET /api/v1/applications/:id': () => ({
    method: 'GET',
    url: `/api/v1/applications/${daxingApplicationId}`,
  }),
  'POST /api/v1/applications/:id/actions': () => ({
    method: 'POST',
    url: `/api/v1/applications/${daxingApplicationId}/actions`,
    payload: { action: 'verify' },
  }),
  'GET /api/v1/alerts': () => ({ method: 'GET', url: '/api/v1/alerts' }),
  'GET /api/v1/applications/hukou-regions': () => ({
    method: 'GET',
    url: '/api/v1/applications/hukou-regions?parent=110115',
  }),
  'POST /api/v1/children/:id/exit': () => ({
    method: 'POST',
    url: `/api/v1/children/${daxingChildId}/exit`,
    payload: { reason: 'died', eventDate: '2025-01-01' },
  }),
  'GET /api/v1/reviews': () => ({ method: 'GET', url: '/api/v1/reviews' }),
  'POST /api/v1/reviews': () => ({
    method: 'POST',
    url: '/api/v1/reviews',
    payload: { name: '越权复审', dueDate: '2099-12-31', region: '110115' },
  }),
  'GET /api/v1/reviews/:id': () => ({ method: 'GET', url: `/api/v1/reviews/${daxingCampaignId}` }),
  'POST /api/v1/reviews/items/:id/decision': () => ({
    method: 'POST',
    url: `/api/v1/reviews/items/${daxingReviewItemId}/decision`,
    payload: { outcome: 'terminate', reasons: '越权终止', exitReason: 'died', eventDate: '2025-01-01' },
  }),
  'GET /api/v1/policies': () => ({ method: 'GET', url: '/api/v1/policies' }),
  'GET /api/v1/policies/:id': () => ({ method: 'GET', url: '/api/v1/policies/cn-110115' }),
  'POST /api/v1/policies/:id/adjustment': () => ({
    method: 'POST',
    url: '/api/v1/policies/cn-110115/adjustment',
    payload: { lastYearIncomeYuan: '17000', yearBeforeIncomeYuan: '16000', effectiveFrom: '2027-01-01' },
  }),
  'POST /api/v1/payroll/generate': () => ({
    method: 'POST',
    url: '/api/v1/payroll/generate',
    payload: { month: '2025-04', region: '110115' },
  }),
  'GET /api/v1/payroll/jobs/:id': () => ({
    method: 'GET',
    url: `/api/v1/payroll/jobs/${daxingPayrollJobId}`,
  }),
  'GET /api/v1/payroll/runs': () => ({ method: 'GET', url: '/api/v1/payroll/runs' }),
  'GET /api/v1/payroll/runs/:id': () => ({
    method: 'GET',
    url: `/api/v1/payroll/runs/${daxingPayrollRunId}`,
  }),
  'GET /api/v1/payroll/runs/:id/lines': () => ({
    method: 'GET',
    url: `/api/v1/payroll/runs/${daxingPayrollRunId}/lines`,
  }),
  'POST /api/v1/payroll/runs/:id/actions': () => ({
    method: 'POST',
    url: `/api/v1/payroll/runs/${daxingPayrollRunId}/actions`,
    payload: { action: 'review' },
  }),
  'GET /api/v1/payroll/runs/:id/bank-file': () => ({
    method: 'GET',
    url: `/api/v1/payroll/runs/${daxingPayrollRunId}/bank-file?bank=x&format=csv`,
  }),
  'POST /api/v1/payroll/runs/:id/bank-returns': () => ({
    method: 'POST',
    url: `/api/v1/payroll/runs/${daxingPayrollRunId}/bank-returns`,
    payload: { fileName: 'r.csv', contentBase64: Buffer.from('参考号,结果\n').toString('base64') },
  }),
  'PUT /api/v1/payroll/accounts/:id': () => ({
    method: 'PUT',
    url: `/api/v1/payroll/accounts/${daxingChildId}`,
    payload: { bank: '中国银行', account: '6217000000000001' },
  }),
  'POST /api/v1/payroll/forecast': () => ({
    method: 'POST',
    url: '/api/v1/payroll/forecast',
    payload: { region: '110115', year: 2026 },
  }),
  'POST /api/v1/evaluate': () => ({
    method: 'POST',
    url: '/api/v1/evaluate',
    payload: { asOf: '2025-07-01', child: { idNumber: '110115201503120012', hukouRegion: '110115' } },
  }),
  'POST /api/v1/ledger/imports': () => {
    const b = 'tbledger';
    const csv = `姓名,公民身份号码,户籍地区划代码\r\n马小花,${idNumber('11011520160101005')},110115\r\n`;
    return {
      method: 'POST',
      url: '/api/v1/ledger/imports',
      headers: { 'content-type': `multipart/form-data; boundary=${b}` },
      payload:
        `--${b}\r\nContent-Disposition: form-data; name="region"\r\n\r\n110115\r\n` +
        `--${b}\r\nContent-Disposition: form-data; name="file"; filename="l.csv"\r\n\r\n${csv}\r\n--${b}--\r\n`,
    };
  },
  'GET /api/v1/ledger/imports/errors/:id': () => ({
    method: 'GET',
    url: '/api/v1/ledger/imports/errors/00000000-0000-0000-0000-000000000000',
  }),
  'GET /api/v1/ledger/export': () => ({
    method: 'GET',
    url: '/api/v1/ledger/export?month=2026-01&region=110115',
  }),
  'GET /api/v1/ledger/template': () => ({ method: 'GET', url: '/api/v1/ledger/template' }),
  'GET /api/v1/ledger/summary': () => ({
    method: 'GET',
    url: '/api/v1/ledger/summary?month=2026-01&region=110115',
  }),
  'GET /api/v1/ledger/signoffs': () => ({ method: 'GET', url: '/api/v1/ledger/signoffs' }),
  // A sign-off is always for the signer's own county (no region to aim at 大兴): a quarter not yet begun.
  'POST /api/v1/ledger/signoffs': () => ({
    method: 'POST',
    url: '/api/v1/ledger/signoffs',
    payload: { quarter: '2099-Q1', comments: '越权签字' },
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

  it('the 大兴 child and application are untouched afterwards', async () => {
    const { rows } = await t.database.exec('select version, status from children where id = $1', [
      daxingChildId,
    ]);
    expect(rows[0]).toEqual({ version: 1, status: 'applying' });
    const app = await t.call({
      method: 'GET',
      url: `/api/v1/applications/${daxingApplicationId}`,
      as: 'daxing-township',
    });
    expect(app.json()).toMatchObject({
      status: 'submitted',
      log: [expect.objectContaining({ action: 'submit' })],
    });
  });

  it('the 大兴 account is untouched afterwards', async () => {
    const { rows } = await t.database.exec("select display_name from users where username = 'daxing-county'");
    expect(rows[0]?.display_name).toBe('大兴区民政局');
    await expect(t.login('daxing-county')).resolves.toContain('tb_session=');
  });
});
