import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../src/domain/shared/dates.ts';
import { idCheckChar } from '../../src/domain/shared/id-number.ts';
import { todayInChina } from '../../src/server/platform/clock.ts';
import { screenshot, useJourney } from './support.ts';

/**
 * Issue 6 journey: a department clerk uploads a 死亡人员名单; the township of the child's 户籍
 * sees a review lead for a registered child whose father died, opens it beside the child's file,
 * applies the fact update, and the engine's view of the child changes to 事实无人抚养儿童.
 */
const journey = useJourney();
const pageAs = journey.pageAs;

const TODAY = todayInChina();
const id = (first17: string) => first17 + idCheckChar(first17);
const CHILD = id('64030220160606002');
const FATHER = id('64030219840404001');
const MOTHER = id('64030219860505002');

async function call<T>(
  page: Page,
  method: string,
  p: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  return page.evaluate(
    async ([m, url, b]) => {
      const res = await fetch(url as string, {
        method: m as string,
        headers: b ? { 'content-type': 'application/json' } : {},
        body: b ? JSON.stringify(b) : undefined,
      });
      return { status: res.status, json: await res.json() };
    },
    [method, `/api/v1${p}`, body] as const,
  ) as Promise<{ status: number; json: T }>;
}

let childId: string;
const evaluated = async (page: Page) =>
  (await call<{ evaluated: { categories: string[] } }>(page, 'GET', `/children/${childId}/determinations`))
    .json.evaluated.categories;

describe('cross-department matching', () => {
  it('the county registers a child whose mother is serving a sentence', async () => {
    const page = await pageAs('litong-county');
    const res = await call<{ child: { id: string } }>(page, 'POST', '/children', {
      facts: {
        child: {
          idNumber: CHILD,
          name: '马小军',
          hukouRegion: '640302106001',
          placement: 'kinship',
          schooling: 'compulsory',
        },
        parents: [
          { role: 'father', idNumber: FATHER, conditions: [] },
          {
            role: 'mother',
            idNumber: MOTHER,
            conditions: [{ kind: 'imprisoned', since: addMonths(TODAY, -20), until: addMonths(TODAY, 60) }],
          },
        ],
        household: { assistance: 'none', receivedMonthlyFen: 0 },
      },
    });
    expect(res.status).toBe(201);
    childId = res.json.child.id;
    expect(await evaluated(page)).not.toContain('de-facto-unsupported');
    await page.context().close();
  });

  it('a department clerk uploads a death roster and sees it processed', async () => {
    const page = await pageAs('litong-clerk');
    await page.goto(`${journey.server.baseUrl}/matching`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tb-roster-')), '死亡名单.csv');
    fs.writeFileSync(
      file,
      `姓名,公民身份号码,死亡日期\n马大海,${FATHER},${addDays(TODAY, -7)}\n某某,12345,2025-01-01\n`,
    );
    await page.getByLabel('来源部门').fill('利通区公安分局');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByText('已完成').waitFor({ timeout: 30_000 });
    const body = await page.locator('body').innerText();
    expect(body).toContain('死亡人员名单');
    expect(body).toContain('档案变更 1');
    await screenshot(page, 'matching-clerk-upload');
    await page.context().close();
  });

  it('a long upload shows its progress, and the cancel button rolls it back', async () => {
    const page = await pageAs('litong-clerk');
    await page.goto(`${journey.server.baseUrl}/matching`);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tb-roster-')), '大名单.csv');
    const lines = ['姓名,公民身份号码,死亡日期'];
    for (let i = 0; i < 300_000; i++) {
      const birth = addDays('1940-01-01', i % 3650).replace(/-/g, '');
      lines.push(`某某,${id(`640302${birth}${String(i % 1000).padStart(3, '0')}`)},${addDays(TODAY, -3)}`);
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    await page.getByLabel('来源部门').fill('利通区公安分局');
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByText(/读取中：已读 [1-9][\d,]* 行/).waitFor({ timeout: 60_000 });
    await screenshot(page, 'matching-upload-progress');
    await page.getByRole('button', { name: '取消', exact: true }).click();
    await page.getByRole('button', { name: '取消上传' }).click();
    await page.getByText('已取消').waitFor({ timeout: 60_000 });
    const { json } = await call<{ items: { fileName: string; status: string; newLeads: unknown }[] }>(
      page,
      'GET',
      '/matching/rosters',
    );
    expect(json.items.find((r) => r.fileName === '大名单.csv')).toMatchObject({
      status: 'cancelled',
      newLeads: null,
    });
    await screenshot(page, 'matching-upload-cancelled');
    await page.context().close();
  });

  it('the township opens the review lead, updates the facts, and the determination changes', async () => {
    const page = await pageAs('jinxing-township');
    await page.goto(`${journey.server.baseUrl}/matching?tab=dashboard`);
    await page.locator('td.ant-table-cell', { hasText: '金星镇' }).waitFor();
    await screenshot(page, 'matching-dashboard');
    await page.goto(`${journey.server.baseUrl}/matching`);
    await page.getByRole('link', { name: '父（母）死亡' }).waitFor();
    await screenshot(page, 'matching-leads');
    await page.getByRole('link', { name: '父（母）死亡' }).click();
    await page.getByText('比对证据（部门名单）').waitFor();
    await page.getByText('档案版本').waitFor();
    const body = await page.locator('body').innerText();
    expect(body).toContain('马小军');
    expect(body).not.toContain(FATHER);
    expect(body).not.toContain(CHILD);
    await screenshot(page, 'matching-lead-detail');
    await page.getByRole('button', { name: '按比对结果更新事实' }).click();
    await page.getByText('处理结果：已更新事实').waitFor();
    expect(await evaluated(page)).toContain('de-facto-unsupported');
    await page.context().close();
  });

  it('a child not on file is discovered; the township opens it and the application form is pre-filled', async () => {
    const clerk = await pageAs('litong-clerk');
    const F = id('64030219810707001');
    const M = id('64030219830808002');
    const C = id('64030220170909003');
    const rosters: [string, string][] = [
      [
        'household',
        `户号,公民身份号码,姓名,与户主关系,户籍地区划代码\nH9,${F},李大山,户主,640302106001\nH9,${M},王小梅,配偶,640302106001\nH9,${C},李小宝,子,640302106001\n`,
      ],
      [
        'custody',
        `姓名,公民身份号码,类型,起始日期,预计释放日期\n王小梅,${M},服刑在押,${addMonths(TODAY, -12)},${addMonths(TODAY, 60)}\n`,
      ],
      ['death', `姓名,公民身份号码,死亡日期\n李大山,${F},${addMonths(TODAY, -10)}\n`],
    ];
    for (const [type, csv] of rosters) {
      const status = await clerk.evaluate(
        async ([t, text]) => {
          const form = new FormData();
          form.append('file', new Blob([text as string], { type: 'text/csv' }), `${t}.csv`);
          const res = await fetch(`/api/v1/matching/rosters?type=${t}&sourceDepartment=x`, {
            method: 'POST',
            body: form,
          });
          const { id: rid } = (await res.json()) as { id: string };
          for (;;) {
            const r = (await (await fetch(`/api/v1/matching/rosters/${rid}`)).json()) as { status: string };
            if (r.status !== 'running') return r.status;
            await new Promise((ok) => setTimeout(ok, 100));
          }
        },
        [type, csv] as const,
      );
      expect(status).toBe('done');
    }
    await clerk.context().close();
    const page = await pageAs('jinxing-township');
    await page.goto(`${journey.server.baseUrl}/matching`);
    await page.getByRole('link', { name: /疑似事实无人抚养儿童/ }).click();
    await page.getByText('尚未建档').waitFor();
    await page.getByRole('button', { name: '主动帮助申请（建档）' }).click();
    await page.getByText('为 李小宝 建档并发起申请').waitFor();
    expect(await page.locator('body').innerText()).not.toContain(C);
    await screenshot(page, 'matching-discover-apply');
    await page.context().close();
  });
});
