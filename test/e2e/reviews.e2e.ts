import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMonths, addYearMonths, yearMonthOf } from '../../src/domain/shared/dates.ts';
import { idCheckChar } from '../../src/domain/shared/id-number.ts';
import { todayInChina } from '../../src/server/platform/clock.ts';
import { chooseOption, screenshot, typeDate, useJourney } from './support.ts';

/**
 * Re-review journey (资格复审): the county starts a campaign; the township records a 继续保障
 * and a 终止保障 with written reasons; the terminated child's file shows the exit (reason in
 * Chinese, 渐退期, last paid month).
 */
const journey = useJourney();
const pageAs = journey.pageAs;

const TODAY = todayInChina();
const id = (first17: string) => first17 + idCheckChar(first17);
// Confirmed today, the children's 12-month review falls due within a campaign due in 13 months.
const CAMPAIGN_DUE = addMonths(TODAY, 13);
const CHILDREN = [
  { name: '马继续', idNumber: id('64030220150301011') },
  { name: '马终止', idNumber: id('64030220150302021') },
];

async function post<T>(page: Page, path: string, body: unknown): Promise<T> {
  const res = await page.evaluate(
    async ([p, b]) => {
      const r = await fetch(p as string, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(b),
      });
      return { status: r.status, body: await r.json() };
    },
    [`/api/v1${path}`, body] as const,
  );
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

/** The setup through the API, as each user would do it in the 申请审批 pages (registry.e2e.ts). */
async function confirmChildren(): Promise<string[]> {
  const village = await pageAs('jinxing-village-01');
  const township = await pageAs('jinxing-township');
  const county = await pageAs('litong-county');
  const ids: string[] = [];
  for (const c of CHILDREN) {
    const facts = {
      child: {
        idNumber: c.idNumber,
        name: c.name,
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
    const filed = await post<{ application: { id: string; child: { id: string } } }>(
      village,
      '/applications',
      {
        child: { facts },
        applicant: { kind: 'village-committee', name: '富平社区居委会', relation: '村（居）委会' },
      },
    );
    await post(township, `/applications/${filed.application.id}/actions`, { action: 'verify' });
    await post(county, `/applications/${filed.application.id}/actions`, { action: 'confirm' });
    ids.push(filed.application.child.id);
  }
  for (const p of [village, township, county]) await p.context().close();
  return ids;
}

let childIds: string[];
let campaignUrl: string;

describe('re-review campaigns (资格复审)', () => {
  it('the county starts a campaign from the menu; it lists the children due', async () => {
    childIds = await confirmChildren();
    const page = await pageAs('litong-county');
    await page.getByRole('menuitem', { name: '资格复审' }).click();
    await page.waitForURL(/\/reviews$/);
    await page.getByRole('button', { name: '发起复审' }).click();
    await page.locator('#name').fill('2027年度困境儿童资格复审');
    const due = page.locator('#dueDate');
    await due.click();
    await due.fill(CAMPAIGN_DUE);
    await due.press('Enter');
    await page.getByRole('button', { name: '发起', exact: true }).click();
    await page.getByText('已发起复审，应复审 2 名儿童').waitFor();
    const row = page.locator('tr', { hasText: '2027年度困境儿童资格复审' });
    await row.waitFor();
    expect(await row.innerText()).toContain('应复审 2 · 已复审 0');
    await screenshot(page, 'reviews-list');
    await row.getByRole('link').click();
    await page.waitForURL(/\/reviews\/[0-9a-f-]{36}$/);
    campaignUrl = page.url();
    await page.locator('tr', { hasText: '马终止' }).waitFor();
    await page.context().close();
  });

  it('the township records a 继续保障 and a 终止保障 with written reasons', async () => {
    const page = await pageAs('jinxing-township');
    await page.getByRole('menuitem', { name: '资格复审' }).click();
    await page.locator('tr', { hasText: '2027年度困境儿童资格复审' }).getByRole('link').click();
    await page.waitForURL(campaignUrl);

    await page.locator('tr', { hasText: '马继续' }).getByRole('button', { name: '继续保障' }).click();
    await page.locator('#reasons').fill('入户核查，母亲仍在服刑，情况未变化');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByText('已登记：继续保障').waitFor();
    await page.locator('tr', { hasText: '马继续' }).getByText('继续保障').waitFor();

    await page.locator('tr', { hasText: '马终止' }).getByRole('button', { name: '终止保障' }).click();
    await page.locator('#exitReason').click();
    await page
      .locator('.ant-select-dropdown .ant-select-item-option')
      .filter({ hasText: /^父（母）刑满释放或强制戒毒结束$/, visible: true })
      .last()
      .click();
    const date = page.locator('#eventDate');
    await date.click();
    await date.fill(TODAY);
    await date.press('Enter');
    await page.locator('#reasons').fill('母亲假释出狱，已回家履行抚养义务');
    await page.getByRole('button', { name: '登记', exact: true }).click();
    await page.getByText('已登记：终止保障').waitFor();
    await expect.poll(() => page.locator('body').innerText()).toContain('应复审 2 · 已复审 2');
    expect(await page.locator('tr', { hasText: '金星镇' }).first().innerText()).toMatch(/金星镇\s+2\s+2\s+0/);
    await screenshot(page, 'review-detail');
    await page.context().close();
  });

  it("the terminated child's file shows the exit with its reason and last paid month", async () => {
    const page = await pageAs('litong-county');
    await page.goto(`${journey.server.baseUrl}/children/${childIds[1]}`);
    await page.getByTestId('child-name').waitFor();
    await page.getByRole('tab', { name: '认定与保障' }).click();
    const panel = page.getByRole('tabpanel', { name: '认定与保障' });
    await panel.getByText('退出保障：父（母）刑满释放或强制戒毒结束').waitFor();
    const text = await panel.innerText();
    expect(text).toContain(addYearMonths(yearMonthOf(TODAY), 6)); // 渐退期 6 months (吴忠 pack)
    expect(text).toContain('资格复审');
    await screenshot(page, 'child-exit');
    // The child kept in the payroll shows no exit.
    await page.goto(`${journey.server.baseUrl}/children/${childIds[0]}`);
    await page.getByRole('tab', { name: '认定与保障' }).click();
    await page.getByText('¥1,200.00/月').first().waitFor();
    expect(await page.getByRole('tabpanel', { name: '认定与保障' }).innerText()).not.toContain('退出保障');
    await page.context().close();
  });

  it('the county records a death as an exit, uploading the death certificate in the dialog', async () => {
    const page = await pageAs('litong-county');
    await page.goto(`${journey.server.baseUrl}/children/${childIds[0]}`);
    await page.getByTestId('child-name').waitFor();
    await page.getByRole('tab', { name: '认定与保障' }).click();
    await page.getByRole('button', { name: '办理退出' }).click();
    const dialog = page.getByRole('dialog');
    await chooseOption(page, 'exit_reason', '死亡');
    await typeDate(page, 'exit_eventDate', TODAY);
    const certificate = path.join(os.tmpdir(), '死亡证明.pdf');
    fs.writeFileSync(certificate, Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(256, 32)]));
    await dialog.locator('input[type=file]').setInputFiles(certificate);
    await dialog.getByText('将上传 死亡证明.pdf，归入附件「死亡证明」').waitFor();
    await screenshot(page, 'child-exit-form');
    await dialog.getByRole('button', { name: '确认退出' }).click();

    const panel = page.getByRole('tabpanel', { name: '认定与保障' });
    await panel.getByText('退出保障：死亡').waitFor();
    expect(await panel.innerText()).toContain('死亡证明.pdf');
    // Next month's determination (computed at confirmation) is marked as not paid.
    const nextMonth = panel.locator('tr.ant-table-row', { hasText: addYearMonths(yearMonthOf(TODAY), 1) });
    expect(await nextMonth.innerText()).toContain('停发');
    await screenshot(page, 'child-exit-death');
    // The certificate is one of the file's attachments, filed as 死亡证明.
    await page.getByRole('tab', { name: '附件' }).click();
    await expect
      .poll(() => page.getByRole('tabpanel', { name: '附件' }).innerText())
      .toMatch(/死亡证明\s+死亡证明\.pdf/);
    await page.context().close();
  });
});
