import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { ledgerRow, writeLedgerXlsx } from '../../src/server/modules/ledger/ledger.fixtures.ts';
import { login, screenshot, useJourney } from './support.ts';

/**
 * Issue 4 ledger journey: the county imports a small ledger on the 台账 page (one row is bad),
 * sees the result and the month's snapshot, downloads the errors file and exports the month.
 */
const journey = useJourney(180_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-ledger-e2e-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('台账 journey', () => {
  it('litong-county imports a ledger via the page, sees the summary, and exports the month', async () => {
    const file = path.join(dir, '利通区台账.xlsx');
    const good = [0, 1, 2, 3, 4, 5].map((i) => ledgerRow(i, 50_000));
    await writeLedgerXlsx(file, [...good, { ...ledgerRow(6, 50_000), 安置方式: '寄宿' }]);

    const context = await journey.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await login(page, journey.server.baseUrl, 'litong-county');
    await page.getByTestId('logout').waitFor();
    await page.getByRole('menuitem', { name: '台账' }).click();
    await page.waitForURL(/\/ledger$/);
    await page.getByText('选择台账文件并导入').waitFor();

    await page.locator('input[type=file]').setInputFiles(file);
    const result = page.getByText('导入完成：成功导入 6 人，未导入 1 行');
    await result.waitFor({ timeout: 60_000 });
    const added = page.locator('[aria-label="台账月度快照"] .ant-statistic').filter({ hasText: '本月新增' });
    await expect
      .poll(async () => Number(await added.locator('.ant-statistic-content-value').innerText()))
      .toBeGreaterThanOrEqual(6);
    await screenshot(page, 'ledger-imported');

    const errorsDownload = page.waitForEvent('download');
    await page.getByText('下载错误数据（含错误原因）').click();
    const errorsPath = path.join(dir, 'errors.xlsx');
    await (await errorsDownload).saveAs(errorsPath);
    const errors = new ExcelJS.Workbook();
    await errors.xlsx.readFile(errorsPath);
    expect(errors.worksheets[0]?.rowCount).toBe(2);
    expect(String(errors.worksheets[0]?.getRow(2).getCell(32).value)).toMatch(/^安置方式：取值应为/);

    const exportDownload = page.waitForEvent('download');
    await page.getByRole('link', { name: /导出 \d{4}-\d{2} 台账/ }).click();
    const exportPath = path.join(dir, 'export.xlsx');
    await (await exportDownload).saveAs(exportPath);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(exportPath);
    const ws = book.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const idCol = header.indexOf('公民身份号码') + 1;
    const catCol = header.indexOf('儿童类别') + 1;
    const changeCol = header.indexOf('变动情况') + 1;
    const lines = new Map<string, { category: string; change: string }>();
    ws.eachRow((row, n) => {
      if (n > 1)
        lines.set(String(row.getCell(idCol).value), {
          category: String(row.getCell(catCol).value ?? ''),
          change: String(row.getCell(changeCol).value ?? ''),
        });
    });
    for (const r of good) expect(lines.get(String(r['公民身份号码']))?.change).toBe('新增');
    expect(lines.get(String(good[0]!['公民身份号码']))?.category).toBe('孤儿');
    await context.close();
  }, 180_000);

  it('the county head signs the quarter off with comments, once', async () => {
    const context = await journey.browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1440, height: 900 },
    });
    const page = await context.newPage();
    await login(page, journey.server.baseUrl, 'litong-head');
    await page.getByTestId('logout').waitFor();
    await page.goto(`${journey.server.baseUrl}/ledger`);
    await page.getByLabel('审核意见').fill('已逐户核对本季度台账，同意。');
    await page.getByRole('button', { name: '签字确认' }).click();
    await page.getByRole('cell', { name: '已逐户核对本季度台账，同意。' }).waitFor();
    await page.getByRole('cell', { name: '利通区民政局负责人' }).waitFor();
    await page.getByLabel('审核意见').fill('再签一次');
    await page.getByRole('button', { name: '签字确认' }).click();
    await page.getByText(/已签字确认，不能重复签字/).waitFor();
    await screenshot(page, 'ledger-signoff');
    await context.close();
  }, 120_000);
});
