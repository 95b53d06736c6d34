import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { act, childFacts, dbLines, generate, lock, register, runOf, services } from './test-support.ts';

/** Payroll through the HTTP API: access, workflow, bank files and returns, audit (ADR 0005). */
let t: TestContext;
let ids: string[];
beforeAll(async () => {
  t = await createTestContext();
  ids = await register(t, [
    ...Array.from({ length: 4 }, (_, n) => ({ facts: childFacts(n, 'fuc'), confirmedOn: '2024-10-10' })),
    { facts: childFacts(4, 'orphan', { placement: 'institution' }), confirmedOn: '2024-10-10' },
  ]);
  for (const [i, id] of ids.entries()) {
    const res = await t.call({
      method: 'PUT',
      url: `/api/v1/payroll/accounts/${id}`,
      as: 'litong-finance',
      payload: { bank: i % 2 ? '黄河农村商业银行' : '中国农业银行', account: `62284800000000${1000 + i}` },
    });
    expect(res.statusCode, res.body).toBe(204);
  }
});
afterAll(() => t.close());

describe('access to payroll', () => {
  it('answers 401 without a session', async () => {
    expect((await t.call({ method: 'GET', url: '/api/v1/payroll/runs' })).statusCode).toBe(401);
    const gen = await t.call({
      method: 'POST',
      url: '/api/v1/payroll/generate',
      payload: { month: '2025-01', region: '640302' },
    });
    expect(gen.statusCode).toBe(401);
  });

  it('refuses generation to a role without payroll:manage (403) and outside the jurisdiction (404)', async () => {
    const payload = { month: '2025-01', region: '640302' };
    expect(
      (await t.call({ method: 'POST', url: '/api/v1/payroll/generate', as: 'litong-clerk', payload }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.call({ method: 'POST', url: '/api/v1/payroll/generate', as: 'litong-head', payload }))
        .statusCode,
    ).toBe(403);
    const other = { month: '2025-01', region: '110115' };
    expect(
      (
        await t.call({
          method: 'POST',
          url: '/api/v1/payroll/generate',
          as: 'litong-finance',
          payload: other,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('names the field of a bad month or a township region', async () => {
    const bad = await t.call({
      method: 'POST',
      url: '/api/v1/payroll/generate',
      as: 'litong-finance',
      payload: { month: '2025-13', region: '640302' },
    });
    expect(bad.statusCode).toBe(400);
    const town = await t.call({
      method: 'POST',
      url: '/api/v1/payroll/generate',
      as: 'litong-finance',
      payload: { month: '2025-01', region: '640302106' },
    });
    expect(town.statusCode).toBe(400);
    expect(town.body).toContain('县级或以上');
  });
});

describe('generation, review and lock', () => {
  it('generates January in the background, with control totals by item and township, audited', async () => {
    const job = await generate(t, '2025-01');
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({ month: '2025-01', region: '640302', children: 5, lines: 5 });
    // 4 FUC children at 1200 yuan, one institution orphan at 1600 yuan (吴民函〔2025〕14号).
    expect(job.result.totalFen).toBe(4 * 120_000 + 160_000);
    const run = await runOf(t, '2025-01');
    const detail = (
      await t.call({ method: 'GET', url: `/api/v1/payroll/runs/${run.id}`, as: 'litong-head' })
    ).json();
    expect(detail.totals.byItem).toEqual({ 'fuc-allowance': 480_000, 'orphan-allowance': 160_000 });
    expect(Object.values(detail.totals.byTownship as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(
      640_000,
    );
    expect(detail.allowedActions).toEqual([]);
    expect(await t.auditRows('payroll.generate')).toHaveLength(1);
  });

  it('shows lines with explanations and masked accounts, and audits the view', async () => {
    const run = await runOf(t, '2025-01');
    const res = await t.call({
      method: 'GET',
      url: `/api/v1/payroll/runs/${run.id}/lines?item=fuc-allowance`,
      as: 'litong-finance',
    });
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json();
    expect(total).toBe(4);
    expect(items[0].explanation.text).toMatch(/\S/);
    expect(items[0].accountMasked).toMatch(/^\*+\d{4}$/);
    expect(res.body).not.toContain('622848000000001');
    expect(await t.auditRows('payroll.lines')).toHaveLength(1);
  });

  it('finance reviews, the county head approves; an illegal step is 409 with the allowed actions', async () => {
    const run = await runOf(t, '2025-01');
    const early = await act(t, run.id, 'approve', 'litong-head');
    expect(early.statusCode).toBe(409);
    expect(early.json().allowed ?? early.json().error?.allowed ?? early.body).toEqual(expect.anything());
    expect(early.body).toContain('review');
    expect((await act(t, run.id, 'review', 'litong-head')).statusCode).toBe(403);
    await lock(t, run.id);
    expect((await runOf(t, '2025-01')).status).toBe('approved');
    expect((await act(t, run.id, 'reopen', 'litong-finance')).statusCode).toBe(409);
    expect(await t.auditRows('payroll.review')).toHaveLength(1);
    expect(await t.auditRows('payroll.approve')).toHaveLength(1);
  });

  it('re-generating a locked month changes nothing and returns the same totals', async () => {
    const before = await dbLines(t, "month = '2025-01'");
    const job = await generate(t, '2025-01');
    expect(job.result).toMatchObject({ lines: 5, totalFen: 640_000 });
    expect(await dbLines(t, "month = '2025-01'")).toEqual(before);
    expect((await runOf(t, '2025-01')).status).toBe('approved');
  });

  it('a draft re-run replaces its lines and never pays twice', async () => {
    await generate(t, '2025-02');
    const once = await dbLines(t, "month = '2025-02'");
    const again = await generate(t, '2025-02');
    expect(again.result.lines).toBe(once.length);
    expect(await dbLines(t, "month = '2025-02'")).toEqual(once);
  });

  it('two concurrent generations of one month leave exactly one set of lines', async () => {
    const { payroll } = services(t);
    const actor = {
      userId: '00000000-0000-0000-0000-000000000000',
      username: 'x',
      roles: ['finance' as const],
      jurisdiction: '640302',
    };
    const [a, b] = await Promise.all([
      payroll.generate(actor, { month: '2025-03', region: '640302' }, { actor }),
      payroll.generate(actor, { month: '2025-03', region: '640302' }, { actor }),
    ]);
    expect(a.totalFen).toBe(b.totalFen);
    const lines = await dbLines(t, "month = '2025-03'");
    expect(lines).toHaveLength(5);
    const { rows } = await t.database.exec(
      "select count(*)::int as n from payroll_runs where month = '2025-03'",
    );
    expect(rows[0]?.n).toBe(1);
    const res = await Promise.all(
      [0, 1].map(() =>
        t.call({
          method: 'POST',
          url: '/api/v1/payroll/generate',
          as: 'litong-finance',
          payload: { month: '2025-03', region: '640302' },
        }),
      ),
    );
    expect(res.map((r) => r.statusCode).sort()).toEqual(expect.arrayContaining([202]));
    for (const r of res) expect([202, 409]).toContain(r.statusCode);
    await services(t).payroll.jobs.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(await dbLines(t, "month = '2025-03'")).toHaveLength(5);
  });
});

describe('bank files and returns', () => {
  it('refuses a bank file before approval (409)', async () => {
    const run = await runOf(t, '2025-02');
    const res = await t.call({
      method: 'GET',
      url: `/api/v1/payroll/runs/${run.id}/bank-file?bank=中国农业银行&format=csv`,
      as: 'litong-finance',
    });
    expect(res.statusCode).toBe(409);
  });

  it('exports per bank with the full account, audited; a return with two failures reconciles and is reissued once', async () => {
    const jan = await runOf(t, '2025-01');
    const csv = await t.call({
      method: 'GET',
      url: `/api/v1/payroll/runs/${jan.id}/bank-file?bank=${encodeURIComponent('中国农业银行')}&format=csv`,
      as: 'litong-finance',
    });
    expect(csv.statusCode).toBe(200);
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(rows[0]).toBe('姓名,开户银行,银行账号,金额,参考号');
    expect(rows).toHaveLength(4); // children 0, 2, 4 bank with 中国农业银行
    expect(rows[1]).toMatch(/,62284800000000100\d,\d+\.\d{2},/);
    const xlsx = await t.call({
      method: 'GET',
      url: `/api/v1/payroll/runs/${jan.id}/bank-file?bank=${encodeURIComponent('黄河农村商业银行')}&format=xlsx`,
      as: 'litong-finance',
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(await t.auditRows('payroll.bank-export')).toHaveLength(2);

    const refs = (await dbLines(t, "month = '2025-01'")).map((l) => l.id);
    const body = [
      '参考号,结果,失败原因',
      ...refs.map((r, i) => `${r},${i < 2 ? '失败' : '成功'},${i < 2 ? '账户已销户' : ''}`),
    ].join('\n');
    const bad = await t.call({
      method: 'POST',
      url: `/api/v1/payroll/runs/${jan.id}/bank-returns`,
      as: 'litong-finance',
      payload: { fileName: 'r.csv', contentBase64: Buffer.from(`${body}\nnope,成功,`).toString('base64') },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('第7行');
    expect(await dbLines(t, "month = '2025-01' and bank_status <> 'pending'")).toHaveLength(0);

    const ok = await t.call({
      method: 'POST',
      url: `/api/v1/payroll/runs/${jan.id}/bank-returns`,
      as: 'litong-finance',
      payload: { fileName: 'r.csv', contentBase64: Buffer.from(body).toString('base64') },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      rows: 5,
      paid: 3,
      failed: 2,
      reconciliation: { balanced: true, transferFen: 640_000 },
    });
    const r = ok.json().reconciliation;
    expect(r.paidFen + r.failedFen).toBe(r.transferFen);
    expect(await t.auditRows('payroll.bank-return')).toHaveLength(1);

    // February is still a draft: its re-run picks up both failed January lines, exactly once.
    await generate(t, '2025-02');
    const reissues = await dbLines(t, "kind = 'reissue'");
    expect(reissues.map((l) => l.source).sort()).toEqual(refs.slice(0, 2).sort());
    expect(reissues.every((l) => l.month === '2025-02')).toBe(true);
    await generate(t, '2025-02');
    await generate(t, '2025-03');
    expect(await dbLines(t, "kind = 'reissue'")).toHaveLength(2);
  });
});

describe('forecast and accounts', () => {
  it('forecasts next year by month and item under current and proposed standards', async () => {
    const proposal = await t.call({
      method: 'POST',
      url: '/api/v1/policies/cn-640300/adjustment',
      as: 'admin',
      payload: { lastYearIncomeYuan: '17000', yearBeforeIncomeYuan: '16000', effectiveFrom: '2026-01-01' },
    });
    expect(proposal.statusCode, proposal.body).toBe(200);
    const res = await t.call({
      method: 'POST',
      url: '/api/v1/payroll/forecast',
      as: 'litong-finance',
      payload: { region: '640302', year: 2026, proposal: proposal.json() },
    });
    expect(res.statusCode, res.body).toBe(200);
    const f = res.json();
    expect(f.current.months).toHaveLength(12);
    expect(f.current.totalFen).toBe(
      f.current.months.reduce((a: number, m: { totalFen: number }) => a + m.totalFen, 0),
    );
    // The proposal raises the standards, so the year costs more under it.
    expect(f.proposed.months).toHaveLength(12);
    expect(f.differenceFen).toBe(f.proposed.totalFen - f.current.totalFen);
    expect(f.differenceFen).toBeGreaterThan(0);
    expect(
      (
        await t.call({
          method: 'POST',
          url: '/api/v1/payroll/forecast',
          as: 'litong-finance',
          payload: { region: '110115', year: 2026 },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('registers accounts only for children in the jurisdiction and with payroll:manage', async () => {
    const payload = { bank: '中国银行', account: '6217000000000001' };
    expect(
      (
        await t.call({
          method: 'PUT',
          url: `/api/v1/payroll/accounts/${ids[0]}`,
          as: 'litong-clerk',
          payload,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.call({
          method: 'PUT',
          url: `/api/v1/payroll/accounts/${ids[0]}`,
          as: 'daxing-county',
          payload,
        })
      ).statusCode,
    ).toBe(404);
    const bad = await t.call({
      method: 'PUT',
      url: `/api/v1/payroll/accounts/${ids[0]}`,
      as: 'litong-finance',
      payload: { ...payload, account: '12ab' },
    });
    expect(bad.statusCode).toBe(400);
    expect((await t.auditRows('payroll.account')).length).toBe(5);
  });

  it('an unknown run or job is 404', async () => {
    for (const url of [
      '/api/v1/payroll/runs/nope',
      '/api/v1/payroll/runs/00000000-0000-0000-0000-000000000001',
      '/api/v1/payroll/jobs/nope',
    ]) {
      expect((await t.call({ method: 'GET', url, as: 'litong-finance' })).statusCode).toBe(404);
    }
  });
});
