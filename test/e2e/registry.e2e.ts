import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../src/domain/shared/dates.ts';
import { idCheckChar } from '../../src/domain/shared/id-number.ts';
import { todayInChina } from '../../src/server/platform/clock.ts';
import { chooseOption, screenshot, typeDate, useJourney } from './support.ts';

/**
 * Issue 4 journey: a village child director files for a child whose father died and whose mother
 * is serving seven years; the township verifies, the county confirms; the file then shows
 * 事实无人抚养儿童 with the 吴忠 FUC allowance (¥1,200.00) and next month's ledger lists the child
 * (新增, 事实无人抚养儿童, 1200.00); another village cannot open it.
 */
const journey = useJourney();
const pageAs = journey.pageAs;

const TODAY = todayInChina();
const CHILD_ID = ((first17: string) => first17 + idCheckChar(first17))('64030220150312002');
const FATHER_DIED = addMonths(TODAY, -30);
const MOTHER_JAILED = addMonths(TODAY, -20);
const MOTHER_RELEASE = addMonths(MOTHER_JAILED, 84);

async function api<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => (await fetch(p)).json(), `/api/v1${path}`) as Promise<T>;
}

let applicationId: string;
let childId: string;

describe('the child registry and the application workflow', () => {
  it('the village child director files an application; ID number fills birth date and sex', async () => {
    const page = await pageAs('jinxing-village-01');
    await page.goto(`${journey.server.baseUrl}/applications/new`);
    await page.locator('#application_name').fill('马小花');
    await page.locator('#application_idNumber').fill(CHILD_ID);
    await expect.poll(() => page.locator('#application_birthDate').inputValue()).toBe('2015-03-12');
    expect(await page.locator('#application_sex input[value="female"]').isChecked()).toBe(true);
    expect(await page.locator('body').innerText()).toContain('富平社区居委会');

    await page.getByTestId('add-father-condition').click();
    await chooseOption(page, 'application_father_conditions_0_kind', '死亡');
    await typeDate(page, 'application_father_conditions_0_since', FATHER_DIED);
    await page.getByTestId('add-mother-condition').click();
    await chooseOption(page, 'application_mother_conditions_0_kind', '服刑在押');
    await typeDate(page, 'application_mother_conditions_0_since', MOTHER_JAILED);
    await typeDate(page, 'application_mother_conditions_0_until', MOTHER_RELEASE);
    await page.locator('#application_applicantRelation').fill('村（居）委会');
    await screenshot(page, 'application-form');

    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    applicationId = page.url().split('/').at(-1)!;
    await page.getByText('待乡镇查验').first().waitFor();
    await expect.poll(() => page.getByText('事实无人抚养儿童').count()).toBeGreaterThan(0);
    const detail = await api<{ child: { id: string } }>(page, `/applications/${applicationId}`);
    childId = detail.child.id;
    await page.context().close();
  });

  it('the township supervisor sees it in the queue with its deadline and verifies it', async () => {
    const page = await pageAs('jinxing-township');
    await page.goto(`${journey.server.baseUrl}/applications`);
    const row = page.locator('tr', { hasText: '马小花' });
    await row.waitFor();
    expect(await row.locator('[data-deadline]').getAttribute('data-deadline')).toBe('on-time');
    await screenshot(page, 'applications-queue');
    await row.getByRole('button', { name: '办理' }).click();
    await page.getByRole('button', { name: '查验通过' }).click();
    await page.locator('#action_comment').fill('经信息比对与入户核查，情况属实');
    await page.getByTestId('action-confirm').click();
    await page.getByText('待县级确认').first().waitFor();
    await page.context().close();
  });

  it('the county confirms; the file shows 事实无人抚养儿童 with ¥1,200.00 a month', async () => {
    const page = await pageAs('litong-county');
    await page.goto(`${journey.server.baseUrl}/applications/${applicationId}`);
    await page.getByText('经信息比对与入户核查，情况属实').waitFor();
    await screenshot(page, 'application-detail');
    await page.getByRole('button', { name: '确认认定' }).click();
    await page.getByTestId('action-confirm').click();
    await page.getByText('已确认纳入保障').first().waitFor();

    // Benefits start the month after confirmation: next month's ledger lists the child as FUC.
    const next = addMonths(TODAY, 1).slice(0, 7);
    const res = await page.request.get(`${journey.server.baseUrl}/api/v1/ledger/export?month=${next}`);
    expect(res.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    const body = await res.body();
    await book.xlsx.load(
      body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
    );
    const ws = book.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (name: string) => header.indexOf(name) + 1;
    const line = ws
      .getRows(2, ws.rowCount - 1)
      ?.find((r) => String(r.getCell(col('公民身份号码')).value) === CHILD_ID);
    expect(line, `${CHILD_ID} in the ${next} ledger`).toBeDefined();
    expect(String(line!.getCell(col('儿童类别')).value)).toContain('事实无人抚养儿童');
    expect(Number(line!.getCell(col('月保障金额')).value)).toBe(1200);
    expect(String(line!.getCell(col('变动情况')).value)).toBe('新增');

    await page.goto(`${journey.server.baseUrl}/children`);
    await page.getByTestId('child-search').locator('input').fill('mxh');
    await page.getByTestId('child-search').locator('input').press('Enter');
    const row = page.locator('tr', { hasText: '马小花' });
    await row.waitFor();
    expect(await row.innerText()).toContain('6403**********0020');
    expect(await row.innerText()).toContain('¥1,200.00');
    await screenshot(page, 'children-list');

    await row.getByRole('link', { name: '马小花' }).click();
    await page.getByTestId('child-name').waitFor();
    expect(await page.locator('body').innerText()).toContain(CHILD_ID);
    await page.getByRole('tab', { name: '认定与保障' }).click();
    await page.getByText('¥1,200.00/月').first().waitFor();
    const text = await page.getByRole('tabpanel', { name: '认定与保障' }).innerText();
    expect(text).toContain('事实无人抚养儿童');
    expect(text).toContain('事实无人抚养儿童基本生活补贴');
    expect(text).toContain('依据');
    await screenshot(page, 'child-file');
    await page.getByRole('tab', { name: '家庭与监护' }).click();
    await page.getByText('服刑在押').first().waitFor();

    // A change on an active child is a new version of the file, with its reason.
    await page.getByRole('button', { name: '登记变更' }).click();
    await page.locator('#family_mother_conditions_0_until').click();
    await page.locator('#family_mother_conditions_0_until').fill(TODAY);
    await page.locator('#family_mother_conditions_0_until').press('Enter');
    await page.locator('#family_reason').fill('母亲提前释放');
    await page.getByRole('button', { name: '保存变更' }).click();
    await page.getByText('已登记变更').waitFor();
    await page.getByRole('tab', { name: '变更记录' }).click();
    const history = page.getByRole('tabpanel', { name: '变更记录' });
    await history.getByText('第 2 版', { exact: true }).waitFor();
    expect(await history.innerText()).toContain('母亲状况');
    await screenshot(page, 'child-history');
    await page.context().close();
  });

  it('another village director cannot open the file', async () => {
    const page = await pageAs('jinxing-village-02');
    await page.goto(`${journey.server.baseUrl}/children/${childId}`);
    await page.getByText('档案不存在', { exact: true }).waitFor();
    expect(await page.locator('body').innerText()).not.toContain('马小花');
    await page.context().close();
  });

  it('every step is in the audit trail', async () => {
    const page = await pageAs('auditor');
    const actions = async (action: string) =>
      (
        await api<{ items: { entityId: string | null; actorUsername: string }[] }>(
          page,
          `/audit?action=${action}&pageSize=200`,
        )
      ).items;
    expect(await actions('application.submit')).toContainEqual(
      expect.objectContaining({ entityId: applicationId, actorUsername: 'jinxing-village-01' }),
    );
    expect(await actions('application.verify')).toContainEqual(
      expect.objectContaining({ entityId: applicationId, actorUsername: 'jinxing-township' }),
    );
    expect(await actions('application.confirm')).toContainEqual(
      expect.objectContaining({ entityId: applicationId, actorUsername: 'litong-county' }),
    );
    expect(await actions('child.create')).toContainEqual(expect.objectContaining({ entityId: childId }));
    expect(await actions('child.read')).toContainEqual(
      expect.objectContaining({ entityId: childId, actorUsername: 'litong-county' }),
    );
    expect(await actions('access.denied')).toContainEqual(
      expect.objectContaining({ actorUsername: 'jinxing-village-02' }),
    );
    await page.context().close();
  });
});
