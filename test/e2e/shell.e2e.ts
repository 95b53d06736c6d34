import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { login, screenshot, useJourney } from './support.ts';

const journey = useJourney();

async function menuItems(page: Page): Promise<string[]> {
  const menu = page.getByTestId('side-menu');
  await menu.waitFor();
  return (await menu.locator('.ant-menu-title-content').allInnerTexts()).map((s) => s.trim());
}

describe('the web shell', () => {
  it('a wrong password shows the Chinese error; the right one opens the layout', async () => {
    const page = await journey.browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
    await page.goto(`${journey.server.baseUrl}/`);
    await page.waitForURL(/\/login$/);
    expect(await page.title()).toContain('童保');
    await page.locator('#username').waitFor();
    await screenshot(page, 'login');

    await login(page, journey.server.baseUrl, 'litong-county', 'Wrong#Password1');
    await expect.poll(() => page.getByText('用户名或密码错误').count()).toBeGreaterThan(0);

    await page.locator('#password').fill('Tongbao@2025');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('logout').waitFor();
    await page.getByText('欢迎使用童保').waitFor();
    const header = await page.locator('body').innerText();
    expect(header).toContain('利通区民政局');
    expect(header).toContain('县级民政工作人员');
    expect(header).toContain('利通区');
    expect(await menuItems(page)).toEqual(
      expect.arrayContaining(['工作台', '儿童档案', '申请审批', '资金发放', '信息比对']),
    );
    await screenshot(page, 'layout-county');

    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);
    const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
    expect(me).toBe(401);
    await page.close();
  });

  it('the menu follows the role: a village director sees field work, not payments or administration', async () => {
    const page = await journey.browser.newPage({ locale: 'zh-CN' });
    await login(page, journey.server.baseUrl, 'jinxing-village-01');
    const items = await menuItems(page);
    expect(items).toEqual(
      expect.arrayContaining(['工作台', '儿童档案', '申请审批', '走访与报告', '关爱服务']),
    );
    expect(items).not.toContain('资金发放');
    expect(items).not.toContain('用户管理');
    expect(await page.locator('body').innerText()).toContain('富平社区居委会');
    await page.goto(`${journey.server.baseUrl}/admin/users`);
    await expect.poll(() => page.getByText('无权访问').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('the administrator sees system management and the user list', async () => {
    const page = await journey.browser.newPage({ locale: 'zh-CN', viewport: { width: 1366, height: 800 } });
    await login(page, journey.server.baseUrl, 'admin');
    expect(await menuItems(page)).toContain('系统管理');
    await page.goto(`${journey.server.baseUrl}/admin/users`);
    await expect.poll(() => page.getByText('jinxing-township').count()).toBeGreaterThan(0);
    await screenshot(page, 'admin-users');
    await page.close();
  });
});
