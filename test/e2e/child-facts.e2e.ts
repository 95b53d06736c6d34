import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/shared/dates.ts';
import { idCheckChar } from '../../src/domain/shared/id-number.ts';
import { todayInChina } from '../../src/server/platform/clock.ts';
import { chooseOption, screenshot, useJourney } from './support.ts';

/**
 * Issue 4: a county user records a dated fact change from the child's file — a 残疾人证 (一级)
 * with its date and the certificate as evidence — and the engine's determination on
 * 认定与保障 changes from "不符合" to 自身困境儿童.
 */
const journey = useJourney();
const pageAs = journey.pageAs;

const CHILD_ID = ((first17: string) => first17 + idCheckChar(first17))('64030220160805003');
const CERTIFICATE_DATE = addDays(todayInChina(), -20);

describe('recording a dated fact change on the child file', () => {
  it('a county user records a 残疾人证 (一级) with evidence; 认定与保障 shows 自身困境儿童', async () => {
    const page = await pageAs('litong-county');
    // A child with both parents well and no assistance: nothing to grant before the change.
    const created = await page.evaluate(async (idNumber) => {
      const res = await fetch('/api/v1/children', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          facts: {
            child: {
              idNumber,
              name: '杨小军',
              hukouRegion: '640302106001',
              placement: 'home',
              schooling: 'compulsory',
            },
            parents: [],
            household: { assistance: 'none', receivedMonthlyFen: 0 },
          },
        }),
      });
      return { status: res.status, body: (await res.json()) as { child: { id: string } } };
    }, CHILD_ID);
    expect(created.status).toBe(201);
    const id = created.body.child.id;

    await page.goto(`${journey.server.baseUrl}/children/${id}`);
    await page.getByRole('tab', { name: '认定与保障' }).click();
    await expect.poll(() => page.locator('body').innerText()).toContain('不符合分类保障条件');

    await page.getByRole('tab', { name: '基本信息' }).click();
    await page.getByTestId('record-child-fact').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('本人残疾（残疾人证）').waitFor();
    await chooseOption(page, 'factChange_disabilityKind', '肢体');
    await chooseOption(page, 'factChange_grade', '一级');
    const date = page.locator('#factChange_effectiveDate');
    await date.click();
    await date.fill(CERTIFICATE_DATE);
    await date.press('Enter');
    const certificate = path.join(os.tmpdir(), '残疾人证.png');
    fs.writeFileSync(
      certificate,
      Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(256, 7)]),
    );
    await dialog.locator('input[type=file]').setInputFiles(certificate);
    await screenshot(page, 'child-fact-change-form');
    await page.getByTestId('fact-change-save').click();

    const outcome = page.getByTestId('fact-change-outcome');
    await outcome.waitFor();
    expect(await outcome.innerText()).toContain('自身困境儿童');
    expect(await outcome.innerText()).toContain('本人1级残疾');
    await screenshot(page, 'child-fact-change-outcome');
    await dialog.getByRole('button', { name: '完成' }).click();

    // The file: the new fact, the determination, the version with its date and evidence.
    expect(await page.locator('body').innerText()).toContain('肢体残疾一级');
    await page.getByRole('tab', { name: '认定与保障' }).click();
    await expect.poll(() => page.locator('[role=tabpanel]:visible').innerText()).toContain('自身困境儿童');
    await screenshot(page, 'child-fact-change-determination');
    await page.getByRole('tab', { name: '变更记录' }).click();
    await expect
      .poll(() => page.locator('[role=tabpanel]:visible').innerText())
      .toContain(`生效日期 ${CERTIFICATE_DATE}`);
    expect(await page.locator('[role=tabpanel]:visible').innerText()).toContain('残疾人证 · 残疾人证.png');
    await screenshot(page, 'child-fact-change-history');
  });
});
