import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addMonths } from '../../src/domain/shared/dates.ts';
import { idCheckChar } from '../../src/domain/shared/id-number.ts';
import { todayInChina } from '../../src/server/platform/clock.ts';
import { chooseOption, screenshot, typeDate, useJourney } from './support.ts';

/**
 * 跨省通办 journey (domain.md §6): a grandfather applies at 北京大兴 兴丰街道 for a grandson whose
 * 户籍 is 宁夏吴忠利通区金星镇富平社区. daxing-township accepts and forwards, jinxing-township
 * verifies, litong-county confirms, daxing-township informs the applicant. The accepting side never
 * sees the 户籍 side's verification note nor the child's file.
 */
const journey = useJourney();
const pageAs = journey.pageAs;

const TODAY = todayInChina();
const CHILD_ID = ((first17: string) => first17 + idCheckChar(first17))('64030220140705003');
const VERIFY_NOTE = '经信息比对与户籍地入户核查，情况属实';

/** Walks the cascader down the given region names. */
async function pickRegion(page: Page, id: string, names: string[]) {
  await page.locator(`#${id}`).click();
  for (const name of names) {
    const item = page.locator('.ant-cascader-menu-item', { hasText: name }).filter({ visible: true }).last();
    await item.waitFor();
    await item.click();
  }
  await page.keyboard.press('Escape');
}

let applicationId: string;

describe('apply anywhere (跨省通办)', () => {
  it('daxing township accepts an application for a 金星镇 child and forwards it', async () => {
    const page = await pageAs('daxing-township');
    await page.goto(`${journey.server.baseUrl}/applications/new`);
    await page.locator('#application_name').fill('马小军');
    await page.locator('#application_idNumber').fill(CHILD_ID);
    await expect.poll(() => page.locator('#application_birthDate').inputValue()).toBe('2014-07-05');
    expect(await page.getByTestId('remote-intake').count()).toBe(0);
    await pickRegion(page, 'application_hukouRegion', [
      '宁夏回族自治区',
      '吴忠市',
      '利通区',
      '金星镇',
      '富平社区',
    ]);
    await page.getByTestId('remote-intake').waitFor();

    await page.getByTestId('add-father-condition').click();
    await chooseOption(page, 'application_father_conditions_0_kind', '死亡');
    await typeDate(page, 'application_father_conditions_0_since', addMonths(TODAY, -30));
    await page.getByTestId('add-mother-condition').click();
    await chooseOption(page, 'application_mother_conditions_0_kind', '服刑在押');
    await typeDate(page, 'application_mother_conditions_0_since', addMonths(TODAY, -20));
    await typeDate(page, 'application_mother_conditions_0_until', addMonths(TODAY, 64));
    await chooseOption(page, 'application_applicantKind', '监护人申请');
    await page.locator('#application_applicantName').fill('马大山');
    await page.locator('#application_applicantRelation').fill('祖父');
    await page.locator('#application_applicantPhone').fill('13800000000');
    await screenshot(page, 'apply-anywhere-form');

    await page.getByRole('button', { name: '异地受理', exact: true }).click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    applicationId = page.url().split('/').at(-1)!;
    await page.getByTestId('status').filter({ hasText: '异地受理待转交' }).waitFor();
    await page.getByTestId('intake').waitFor();
    // The accepting side has no link to the child's file and no preview of the 户籍 side.
    expect(await page.locator(`a[href^="/children/"]`).count()).toBe(0);
    expect(await page.getByText('认定预评估').count()).toBe(0);
    await page.getByRole('button', { name: '转交户籍地' }).click();
    await page.locator('#action_comment').fill('材料齐全，转交户籍地金星镇');
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('status').filter({ hasText: '待乡镇查验' }).waitFor();
    await screenshot(page, 'apply-anywhere-forwarded');

    await page.goto(`${journey.server.baseUrl}/applications`);
    const row = page.locator('tr', { hasText: '马小军' });
    await row.waitFor();
    expect(await row.getByTestId('remote-tag').innerText()).toContain('受理地');
    expect(await row.locator('[data-deadline]').getAttribute('data-stage')).toBe('township');
    await page.context().close();
  });

  it('jinxing township sees the case in its queue with its deadline and verifies it', async () => {
    const page = await pageAs('jinxing-township');
    await page.goto(`${journey.server.baseUrl}/applications`);
    const row = page.locator('tr', { hasText: '马小军' });
    await row.waitFor();
    expect(await row.getByTestId('remote-tag').innerText()).toContain('户籍地');
    expect(await row.locator('[data-deadline]').getAttribute('data-deadline')).toBe('on-time');
    await screenshot(page, 'apply-anywhere-hukou-queue');
    await row.getByRole('button', { name: '办理' }).click();
    await page.getByText('认定预评估').waitFor();
    await page.getByRole('button', { name: '查验通过' }).click();
    await page.locator('#action_comment').fill(VERIFY_NOTE);
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('status').filter({ hasText: '待县级确认' }).waitFor();
    await page.context().close();
  });

  it('litong county confirms', async () => {
    const page = await pageAs('litong-county');
    await page.goto(`${journey.server.baseUrl}/applications/${applicationId}`);
    await page.getByText(VERIFY_NOTE).waitFor();
    await expect.poll(() => page.getByText('事实无人抚养儿童').count()).toBeGreaterThan(0);
    await screenshot(page, 'apply-anywhere-hukou-detail');
    await page.getByRole('button', { name: '确认认定' }).click();
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('status').filter({ hasText: '已确认纳入保障' }).waitFor();
    expect(await page.getByRole('button', { name: '告知申请人' }).count()).toBe(0);
    await page.context().close();
  });

  it('daxing township sees the outcome, not the verification note, and informs the applicant', async () => {
    const page = await pageAs('daxing-township');
    await page.goto(`${journey.server.baseUrl}/applications`);
    const row = page.locator('tr', { hasText: '马小军' });
    await row.waitFor();
    expect(await row.locator('[data-deadline]').getAttribute('data-stage')).toBe('inform');
    expect(await row.locator('[data-deadline]').getAttribute('data-deadline')).toBe('due-soon');
    await screenshot(page, 'apply-anywhere-accepting-queue');
    await row.getByRole('button', { name: '办理' }).click();
    await page.getByTestId('intake').waitFor();
    const body = await page.locator('body').innerText();
    expect(body).not.toContain(VERIFY_NOTE);
    expect(body).toContain('户籍地乡镇（街道）');
    // What to tell the applicant: the categories and the monthly amount the 户籍 county decided.
    expect(await page.getByTestId('intake').innerText()).toMatch(/事实无人抚养儿童[^\n]*每月 ¥1,200\.00/);
    await page.getByRole('button', { name: '告知申请人' }).click();
    await chooseOption(page, 'action_noticeMeans', '电话告知');
    await page.locator('#action_comment').fill('已电话告知祖父马大山认定结果');
    await page.getByTestId('action-confirm').click();
    await page.getByTestId('status').filter({ hasText: '已告知申请人' }).waitFor();
    expect(await page.getByTestId('status').innerText()).toContain('已确认纳入保障');
    await page.getByText(`告知日期 ${TODAY} · 电话告知`).waitFor();
    await screenshot(page, 'apply-anywhere-informed');
    await page.context().close();
  });
});
