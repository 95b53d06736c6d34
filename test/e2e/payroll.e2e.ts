import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMonths, yearMonthOf } from '../../src/domain/shared/dates.ts';
import { idCheckChar } from '../../src/domain/shared/id-number.ts';
import { todayInChina } from '../../src/server/platform/clock.ts';
import { screenshot, useJourney } from './support.ts';

/**
 * Issue 5 journey: three children confirmed through the applications API; finance generates next
 * month's payroll, reviews it, the county head approves (locks) it; finance exports the bank
 * file, imports a return with two failures, and sees them reissued in the following month.
 */
const journey = useJourney();
const pageAs = journey.pageAs;

const TODAY = todayInChina();
const PAY_MONTH = yearMonthOf(addMonths(TODAY, 1));
const NEXT_MONTH = yearMonthOf(addMonths(TODAY, 2));

async function session(username: string): Promise<string> {
  const res = await fetch(`${journey.server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'Tongbao@2025' }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function call(cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${journey.server.baseUrl}/api/v1${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** A 事实无人抚养儿童 of 金星镇, filed, verified and confirmed through the API. */
async function confirmedChild(n: number): Promise<string> {
  const [village, township, county] = await Promise.all(
    ['jinxing-village-01', 'jinxing-township', 'litong-county'].map(session),
  );
  const first17 = `6403022014011${n}00${n}`;
  const facts = {
    child: {
      idNumber: first17 + idCheckChar(first17),
      name: `发放测试${'甲乙丙'[n]}`,
      hukouRegion: '640302106001',
      placement: 'kinship',
      schooling: 'compulsory',
    },
    parents: [
      { role: 'father', conditions: [{ kind: 'deceased', since: addMonths(TODAY, -30) }] },
      {
        role: 'mother',
        conditions: [{ kind: 'imprisoned', since: addMonths(TODAY, -20), until: addMonths(TODAY, 64) }],
      },
    ],
    household: { assistance: 'none', receivedMonthlyFen: 0 },
  };
  const filed = await call(village!, 'POST', '/applications', {
    child: { facts },
    applicant: { kind: 'village-committee', name: '金星村委会', relation: '村（居）委会' },
  });
  const appId = filed.application.id as string;
  await call(township!, 'POST', `/applications/${appId}/actions`, { action: 'verify', comment: '属实' });
  await call(county!, 'POST', `/applications/${appId}/actions`, { action: 'confirm', comment: '认定' });
  return filed.application.child.id as string;
}

async function generateInPage(page: Page, month: string) {
  await page.goto(`${journey.server.baseUrl}/payroll`);
  await page.getByLabel('月份').fill(month);
  await page.getByLabel('区划代码').fill('640302');
  await page.getByRole('button', { name: '生成' }).click();
  await page.getByTestId('generation').getByText(`已生成 ${month}`).waitFor({ timeout: 60_000 });
}

describe('payroll journey', () => {
  let runUrl = '';
  it('finance generates next month for 利通区 with progress and sees it listed', async () => {
    const finance = await session('litong-finance');
    for (const n of [0, 1, 2]) {
      const id = await confirmedChild(n);
      await call(finance, 'PUT', `/payroll/accounts/${id}`, {
        bank: '中国农业银行',
        account: `6228480000000${n}1234`,
      });
    }
    const page = await pageAs('litong-finance');
    await generateInPage(page, PAY_MONTH);
    await screenshot(page, 'payroll-generate');
    await page.getByRole('link', { name: PAY_MONTH }).click();
    await page.getByText('发放明细').waitFor();
    runUrl = page.url();
    await screenshot(page, 'payroll-run');
    await page.getByText('发放测试甲').first().waitFor();
    await expect(page.getByText('6228480000000').count()).resolves.toBe(0);
    await page.getByRole('button', { name: '审核' }).click();
    await page.getByText('已审核').first().waitFor();
    await page.context().close();
  });

  it('the county head approves and locks it', async () => {
    const page = await pageAs('litong-head');
    await page.goto(runUrl);
    await page.getByRole('button', { name: '审批并锁定' }).click();
    await page.getByText('已审批（锁定）').first().waitFor();
    await screenshot(page, 'payroll-approved');
    await page.context().close();
  });

  it('finance exports the bank file, imports a return with two failures, and sees them reissued next month', async () => {
    const page = await pageAs('litong-finance');
    await page.goto(runUrl);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByText('导出 csv').first().click(),
    ]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
    const rows = csv.trim().split(/\r\n/);
    expect(rows[0]).toBe('姓名,开户银行,银行账号,金额,参考号');
    expect(rows.slice(1).some((r) => r.includes('62284800000000'))).toBe(true);
    const refs = rows.slice(1).map((r) => r.split(',').at(-1)!);
    expect(refs.length).toBeGreaterThanOrEqual(3);
    const ret = [
      '参考号,结果,失败原因',
      ...refs.map((r, i) => `${r},${i < 2 ? '失败' : '成功'},${i < 2 ? '户名不符' : ''}`),
    ].join('\r\n');
    const file = `${journey.server.dataDir}/return.csv`;
    fs.writeFileSync(file, ret);
    await page.locator('input[type=file]').setInputFiles(file);
    await page
      .getByTestId('return-result')
      .getByText(`成功 ${refs.length - 2} 笔，失败 2 笔`)
      .waitFor();
    await page.getByText('已平衡').waitFor();
    await screenshot(page, 'payroll-bank-return');

    await generateInPage(page, NEXT_MONTH);
    await page.getByRole('link', { name: NEXT_MONTH }).click();
    await page.getByText('发放明细').waitFor();
    // The heading comes before the lines: wait for them rather than counting once.
    await expect.poll(() => page.locator('.ant-tag', { hasText: '重发' }).count()).toBe(2);
    await screenshot(page, 'payroll-reissued');
    await page.context().close();
  });

  it('finance forecasts next year with a chart', async () => {
    const page = await pageAs('litong-finance');
    await page.goto(`${journey.server.baseUrl}/payroll`);
    await page.getByRole('tab', { name: '资金测算' }).click();
    await page.getByRole('button', { name: '测算' }).click();
    await page
      .getByText('现行标准全年')
      .waitFor({ timeout: 20_000 })
      .catch(() => {});
    await screenshot(page, 'payroll-forecast');
    await page.getByText('现行标准全年').waitFor();
    await page.locator('canvas').first().waitFor();
    await page.context().close();
  });
});
