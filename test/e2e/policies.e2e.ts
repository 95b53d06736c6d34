import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { login, screenshot, useJourney } from './support.ts';

const journey = useJourney();

async function signedIn(username: string): Promise<Page> {
  const page = await journey.browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  await login(page, journey.server.baseUrl, username);
  await page.getByTestId('logout').waitFor();
  return page;
}

/** Picks an option of an antd Select by typing its label (the option list is virtual). */
async function choose(page: Page, select: ReturnType<Page['locator']>, option: string) {
  await select.click();
  await page.keyboard.type(option);
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click();
}

describe('政策标准 and 政策测算', () => {
  it('a county worker sees the 吴忠 pack with its standards, then evaluates the interchange example', async () => {
    const page = await signedIn('litong-county');
    await page.getByTestId('side-menu').getByText('系统管理').click();
    await page.getByTestId('side-menu').getByText('政策标准').click();
    await page.waitForURL(/\/admin\/policies/);

    const list = page.getByTestId('pack-list');
    await list.getByText('宁夏回族自治区吴忠市').first().waitFor();
    expect(await list.innerText()).toContain('生效');
    const standards = page.getByTestId('standards-table');
    await expect.poll(() => standards.innerText()).toContain('1200.00');
    expect(await standards.innerText()).toContain('1600.00');
    expect(await standards.innerText()).toContain('未设定'); // no institution FUC standard in 吴忠
    expect(await page.locator('body').innerText()).toContain('吴民函〔2025〕14号');
    // County staff may read policies but not adjust them.
    expect(await page.getByRole('tab', { name: '标准动态调整' }).count()).toBe(0);
    await screenshot(page, 'policies-standards');

    await page.getByRole('tab', { name: '政策测算' }).click();
    await page.getByRole('button', { name: '载入示例' }).click();
    await expect.poll(() => page.locator('#child_idNumber').inputValue()).toBe('640302201503120020');
    await expect.poll(() => page.getByLabel('性别').inputValue()).toBe('女');
    await page.getByRole('button', { name: '测算' }).click();
    const result = page.getByTestId('determination');
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('孤儿');
    expect(text).toContain('1200.00');
    expect(text).toContain('国办发〔2010〕54号');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'policies-evaluate');

    // A wrong check character: the domain's Chinese message under the field.
    await page.locator('#child_idNumber').fill('640302201503120021');
    await page.getByText('公民身份号码校验位错误').waitFor();

    // A condition without its start date: the server's issue lands on that field and in the summary.
    await page.locator('#child_idNumber').fill('640302201503120020');
    await page.getByRole('button', { name: '添加母亲状况' }).click();
    await choose(page, page.getByTestId('parent-mother').locator('.ant-select').last(), '服刑在押');
    await page.getByRole('button', { name: '测算' }).click();
    const problem = page.getByTestId('evaluate-problem');
    await problem.waitFor();
    expect(await problem.innerText()).toContain('母亲 · 第2项状况 · 起始日期：必填：该情形须填写起始日期');
    expect(await page.getByTestId('parent-mother').innerText()).toContain('必填：该情形须填写起始日期');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'policies-evaluate-errors');
    await page.close();
  });

  it('the administrator computes the dynamic adjustment as a proposal awaiting approval', async () => {
    const page = await signedIn('admin');
    await page.goto(`${journey.server.baseUrl}/admin/policies?tab=adjustment`);
    await page.locator('#lastYearIncomeYuan').waitFor();
    await choose(page, page.locator('#pack'), '宁夏回族自治区吴忠市');
    await page.locator('#lastYearIncomeYuan').fill('17000');
    await page.locator('#yearBeforeIncomeYuan').fill('16000');
    await page.getByRole('button', { name: '测算新标准' }).click();

    const result = page.getByTestId('adjustment-result');
    await result.waitFor();
    const increments = await page.getByTestId('increments').innerText();
    expect(increments.replace(/\s+/g, '')).toMatch(
      /机构养育孤儿每月增加\+67\.00元散居孤儿每月增加\+50\.00元事实无人抚养儿童每月增加\+42\.00元/,
    );
    const table = page.getByTestId('adjustment-table');
    await expect.poll(() => table.innerText()).toContain('1667.00');
    expect(await table.innerText()).toContain('1250.00');
    const text = await result.innerText();
    expect(text).toContain('拟议（需审批后生效）');
    expect(text).toContain('审批发布功能将在后续版本提供');
    expect(text).toContain('宁政发〔2017〕86号');
    await screenshot(page, 'policies-adjustment');
    await page.close();
  });
});
