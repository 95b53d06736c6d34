import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_LABELS, type CategoryCode } from '../../../domain/eligibility/codes.ts';
import { yearMonthOf } from '../../../domain/shared/dates.ts';
import { todayInChina } from '../../platform/clock.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { tempDir } from '../matching/readers/test-support.ts';
import {
  acceptanceLedger,
  ledgerRow,
  writeLedgerCsv,
  writeLedgerXlsx,
  type LedgerCells,
} from './ledger.fixtures.ts';

let t: TestContext;
const tmp = tempDir();
const month = yearMonthOf(todayInChina());
beforeAll(async () => {
  t = await createTestContext();
}, 60_000);
afterAll(async () => {
  await t.close();
  tmp.cleanup();
});

function multipart(fileName: string, content: Buffer, fields: Record<string, string> = {}) {
  const boundary = 'tbledger';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(parts.join('')),
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(fileName)}"\r\n\r\n`,
      ),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

async function upload(as: string | undefined, path: string, fields: Record<string, string> = {}) {
  const name = path.endsWith('.csv') ? 'ledger.csv' : 'ledger.xlsx';
  return t.call({
    method: 'POST',
    url: '/api/v1/ledger/imports',
    ...(as ? { as } : {}),
    ...multipart(name, readFileSync(path), fields),
  });
}

async function workbook(body: Buffer) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const ws = book.worksheets[0]!;
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const v = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, v[i] ?? ''])));
  });
  return { ws, header, rows };
}

describe('ledger import (台账导入)', () => {
  const { rows, badRows } = acceptanceLedger(1666);
  const xlsx = tmp.file('acceptance.xlsx');

  beforeAll(() => writeLedgerXlsx(xlsx, rows));

  it('answers 401 without a session, 403 without the right to file children', async () => {
    expect((await upload(undefined, xlsx)).statusCode).toBe(401);
    expect((await upload('litong-finance', xlsx)).statusCode).toBe(403);
  });

  it('imports the 1,666 good rows of a 1,671-row xlsx and rejects exactly the 5 bad ones, each with its reasons', async () => {
    expect(rows).toHaveLength(1671);
    const res = await upload('litong-county', xlsx);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ imported: 1666, rejected: 5, errorsFileId: expect.any(String) });
    const errors = await t.call({
      method: 'GET',
      url: `/api/v1/ledger/imports/errors/${res.json().errorsFileId}`,
      as: 'litong-county',
    });
    expect(errors.statusCode).toBe(200);
    const { header, rows: rejected } = await workbook(errors.rawPayload);
    expect(header.at(-1)).toBe('错误原因');
    expect(rejected).toHaveLength(5);
    expect(rejected.map((r) => r['公民身份号码'])).toEqual(badRows.map((n) => rows[n - 2]!['公民身份号码']));
    const reasons = rejected.map((r) => String(r['错误原因']));
    expect(reasons[0]).toBe('公民身份号码：公民身份号码校验位错误');
    expect(reasons[1]).toBe('父亲状况起始日期：日期无效（不存在的日期）');
    expect(reasons[2]).toMatch(/^安置方式：取值应为 家庭 \| 亲属抚养/);
    expect(reasons[3]).toBe('姓名：必填');
    expect(reasons[4]).toBe('公民身份号码：与本文件第 10 行的公民身份号码重复');
    // Another user cannot fetch the errors file.
    const other = await t.call({
      method: 'GET',
      url: `/api/v1/ledger/imports/errors/${res.json().errorsFileId}`,
      as: 'litong-head',
    });
    expect(other.statusCode).toBe(404);
    const audit = await t.auditRows('ledger.import');
    expect(audit.at(-1)).toMatchObject({ actor_username: 'litong-county', region_code: '640302' });
    expect(audit.at(-1)?.detail).toEqual({ format: 'xlsx', imported: 1666, rejected: 5 });
  }, 120_000);

  it('re-importing the same file adds nothing: every row is reported (the good ones as already filed)', async () => {
    const before = await t.database.exec('select count(*)::int as n from children');
    const res = await upload('litong-county', xlsx);
    expect(res.json()).toMatchObject({ imported: 0, rejected: 1671 });
    const after = await t.database.exec('select count(*)::int as n from children');
    expect(after.rows[0]).toEqual(before.rows[0]);
  }, 120_000);

  it('imports the same acceptance ledger as CSV (UTF-8 with BOM), and a small one without BOM', async () => {
    const csv = tmp.file('acceptance.csv');
    await writeLedgerCsv(csv, acceptanceLedger(1666, 10_000).rows);
    const res = await upload('litong-county', csv);
    expect(res.json()).toMatchObject({ imported: 1666, rejected: 5 });
    const plain = tmp.file('plain.csv');
    await writeLedgerCsv(plain, [ledgerRow(0, 20_000), ledgerRow(1, 20_000)], false);
    expect((await upload('litong-county', plain)).json()).toEqual({
      imported: 2,
      rejected: 0,
      errorsFileId: null,
    });
  }, 120_000);

  it("rejects a row whose 户籍 lies outside the user's jurisdiction or outside --region", async () => {
    const path = tmp.file('outside.xlsx');
    await writeLedgerXlsx(path, [
      { ...ledgerRow(0, 30_000), 户籍地区划代码: '110115' },
      ledgerRow(1, 30_000),
    ]);
    expect((await upload('litong-county', path)).json()).toMatchObject({ imported: 1, rejected: 1 });
    const elsewhere = tmp.file('elsewhere.xlsx');
    await writeLedgerXlsx(elsewhere, [ledgerRow(2, 30_000)]);
    expect((await upload('litong-county', elsewhere, { region: '640302105' })).json()).toMatchObject({
      imported: 0,
      rejected: 1,
    });
    expect((await upload('litong-county', elsewhere, { region: '110115' })).statusCode).toBe(404);
  }, 60_000);

  it("refuses a file without the template's required columns, naming them", async () => {
    const path = tmp.file('wrong.csv');
    await writeLedgerCsv(path, []);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path, '姓名,备注\r\n马小花,x\r\n');
    const res = await upload('litong-county', path);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe(
      '台账缺少必填列：公民身份号码、户籍地区划代码、纳入保障日期（请使用台账导入模板）',
    );
  });
});

describe('ledger export (台账导出)', () => {
  it('exports the month with derived categories, benefits, amounts and 新增, audited', async () => {
    const res = await t.call({
      method: 'GET',
      url: `/api/v1/ledger/export?month=${month}`,
      as: 'litong-county',
    });
    expect(res.statusCode).toBe(200);
    const { header, rows } = await workbook(res.rawPayload);
    expect(header.slice(-4)).toEqual(['儿童类别', '保障项目', '月保障金额', '变动情况']);
    const inLedger = await t.database.exec(
      'select count(*)::int as n from determinations where month = $1 and cardinality(categories) > 0',
      [month],
    );
    expect(rows).toHaveLength(Number(inLedger.rows[0]!.n));
    expect(rows).toHaveLength(1666 * 2 + 2 + 1);
    // Cross-check each situation against the registry's own determination of that child.
    for (const i of [0, 1, 2, 3]) {
      const id = String(ledgerRow(i)['公民身份号码']);
      const line = rows.find((r) => r['公民身份号码'] === id)!;
      const list = await t.call({ method: 'GET', url: `/api/v1/children?q=${id}`, as: 'litong-county' });
      const child = list.json().items[0];
      expect(line['儿童类别']).toBe(child.categories.map((c: CategoryCode) => CATEGORY_LABELS[c]).join('、'));
      expect(Math.round(Number(line['月保障金额']) * 100)).toBe(child.monthlyTotalFen);
      expect(line['变动情况']).toBe('新增');
      expect(line['纳入保障日期']).toBe('2024-06-15');
      expect(line['监护人姓名']).toBe('马大山');
    }
    expect(rows.find((r) => r['公民身份号码'] === ledgerRow(0)['公民身份号码'])?.['儿童类别']).toBe('孤儿');
    expect(rows.find((r) => r['公民身份号码'] === ledgerRow(1)['公民身份号码'])?.['儿童类别']).toContain(
      '事实无人抚养儿童',
    );
    const audit = await t.auditRows('ledger.export');
    expect(audit.at(-1)).toMatchObject({ actor_username: 'litong-county', region_code: '640302' });
    expect(audit.at(-1)?.detail).toEqual({ month, rows: rows.length });
  }, 60_000);

  it('writes text that starts with = + - @ as text, never as a formula', async () => {
    const path = tmp.file('inject.xlsx');
    const evil: LedgerCells = {
      ...ledgerRow(0, 40_000),
      监护人姓名: '=HYPERLINK("http://x","点我")',
      开户银行: '+SUM(1,2)',
      本人重病名称: '@cmd',
    };
    await writeLedgerXlsx(path, [evil]);
    expect((await upload('litong-county', path)).json()).toMatchObject({ imported: 1 });
    const res = await t.call({
      method: 'GET',
      url: `/api/v1/ledger/export?month=${month}`,
      as: 'litong-county',
    });
    const { ws, header } = await workbook(res.rawPayload);
    let found = false;
    ws.eachRow((row) => {
      const name = row.getCell(header.indexOf('监护人姓名') + 1);
      if (name.text !== evil['监护人姓名']) return;
      found = true;
      for (const col of ['监护人姓名', '开户银行', '本人重病名称']) {
        const cell = row.getCell(header.indexOf(col) + 1);
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.formula).toBeUndefined();
        expect(cell.numFmt).toBe('@');
      }
    });
    expect(found).toBe(true);
  }, 60_000);

  it('answers 401, 403 without read rights, 404 for a region outside the jurisdiction, 400 for a bad month', async () => {
    expect((await t.call({ method: 'GET', url: `/api/v1/ledger/export?month=${month}` })).statusCode).toBe(
      401,
    );
    expect(
      (await t.call({ method: 'GET', url: `/api/v1/ledger/export?month=${month}`, as: 'admin' })).statusCode,
    ).toBe(403);
    const outside = await t.call({
      method: 'GET',
      url: `/api/v1/ledger/export?month=${month}&region=110115`,
      as: 'litong-county',
    });
    expect(outside.statusCode).toBe(404);
    expect(
      (await t.call({ method: 'GET', url: '/api/v1/ledger/export?month=2025-13', as: 'litong-county' }))
        .statusCode,
    ).toBe(400);
  });

  it('downloads the empty template: the template columns in order on the first sheet, no data', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/ledger/template', as: 'jinxing-village-01' });
    expect(res.statusCode).toBe(200);
    const { header, rows } = await workbook(res.rawPayload);
    expect(header).toHaveLength(31);
    expect(header[0]).toBe('姓名');
    expect(header.at(-1)).toBe('银行账号');
    expect(rows).toEqual([]);
  });

  it('summarises the month: children, additions, changes, removals and the total', async () => {
    const res = await t.call({
      method: 'GET',
      url: `/api/v1/ledger/summary?month=${month}`,
      as: 'litong-county',
    });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    const { rows } = await t.database.exec(
      'select count(*)::int as n, sum(monthly_total_fen)::int as total from determinations where month = $1 and cardinality(categories) > 0',
      [month],
    );
    // Everything was imported this month: every child of the month is an addition.
    expect(rows[0]!.n).toBeGreaterThan(3335);
    expect(s).toMatchObject({
      month,
      region: '640302',
      children: rows[0]!.n,
      added: rows[0]!.n,
      changed: 0,
      removed: 0,
    });
    expect(s.totalFen).toBe(rows[0]!.total);
    const village = await t.call({
      method: 'GET',
      url: `/api/v1/ledger/summary?month=${month}`,
      as: 'jinxing-village-02',
    });
    expect(village.json().children).toBe(0);
  });
});

describe('变动情况 against the month before', () => {
  it('marks a changed amount 变更, a child gone from the month 撤销, an unchanged one blank', async () => {
    const previous = (() => {
      const [y, m] = month.split('-').map(Number) as [number, number];
      return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    })();
    const idOf = (i: number) => String(ledgerRow(i)['公民身份号码']);
    const child = async (i: number) =>
      String((await t.database.exec('select id from children where id_number = $1', [idOf(i)])).rows[0]!.id);
    const [same, changed, removed] = [await child(0), await child(1), await child(2)];
    const copy = `insert into determinations (child_id, month, categories, monthly_total_fen, document_key, facts_version)
      select child_id, $2, categories, monthly_total_fen + $3, document_key, facts_version
      from determinations where child_id = $1 and month = $4`;
    await t.database.exec(copy, [same, previous, 0, month]);
    await t.database.exec(copy, [changed, previous, 100, month]);
    await t.database.exec(copy, [removed, previous, 0, month]);
    await t.database.exec("update determinations set categories = '{}' where child_id = $1 and month = $2", [
      removed,
      month,
    ]);

    const s = (
      await t.call({ method: 'GET', url: `/api/v1/ledger/summary?month=${month}`, as: 'litong-county' })
    ).json();
    expect(s).toMatchObject({ changed: 1, removed: 1, added: s.children - 2 });
    const res = await t.call({
      method: 'GET',
      url: `/api/v1/ledger/export?month=${month}`,
      as: 'litong-county',
    });
    const { rows } = await workbook(res.rawPayload);
    const line = (i: number) => rows.find((r) => r['公民身份号码'] === idOf(i))!;
    expect(line(0)['变动情况']).toBe('');
    expect(line(1)['变动情况']).toBe('变更');
    expect(line(2)).toMatchObject({ 变动情况: '撤销', 儿童类别: '', 月保障金额: 0 });
    expect(rows).toHaveLength(s.children + 1);
  }, 60_000);
});

describe('one place for bank accounts (payee_accounts)', () => {
  it("pays an imported child to the ledger's account: import, generate the month's payroll, the bank file holds it; the export reads it back", async () => {
    const accounts = ['6217000000000040001', '6217000000000040002'];
    const path = tmp.file('payees.xlsx');
    await writeLedgerXlsx(path, [
      { ...ledgerRow(0, 70_000), 开户银行: '宁夏银行', 银行账号: accounts[0]! },
      { ...ledgerRow(1, 70_000), 开户银行: '宁夏银行', 银行账号: accounts[1]! },
    ]);
    expect((await upload('litong-county', path)).json()).toMatchObject({ imported: 2, rejected: 0 });
    const stored = await t.database.exec(
      `select a.bank, a.account from payee_accounts a join children c on c.id = a.child_id
        where c.id_number = any($1::text[]) order by a.account`,
      [[ledgerRow(0, 70_000)['公民身份号码'], ledgerRow(1, 70_000)['公民身份号码']]],
    );
    expect(stored.rows).toEqual(accounts.map((account) => ({ bank: '宁夏银行', account })));

    const started = await t.call({
      method: 'POST',
      url: '/api/v1/payroll/generate',
      as: 'litong-finance',
      payload: { month, region: '640302' },
    });
    expect(started.statusCode, started.body).toBe(202);
    for (;;) {
      const job = await t.call({
        method: 'GET',
        url: `/api/v1/payroll/jobs/${started.json().id}`,
        as: 'litong-finance',
      });
      if (job.json().status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const runs = await t.call({
      method: 'GET',
      url: `/api/v1/payroll/runs?month=${month}&region=640302`,
      as: 'litong-finance',
    });
    const run = runs.json()[0] as { id: string };
    const act = (action: string, as: string) =>
      t.call({ method: 'POST', url: `/api/v1/payroll/runs/${run.id}/actions`, as, payload: { action } });
    expect((await act('review', 'litong-finance')).statusCode).toBe(200);
    expect((await act('approve', 'litong-head')).statusCode).toBe(200);
    const file = await t.call({
      method: 'GET',
      url: `/api/v1/payroll/runs/${run.id}/bank-file?bank=${encodeURIComponent('宁夏银行')}&format=csv`,
      as: 'litong-finance',
    });
    expect(file.statusCode, file.body).toBe(200);
    const lines = file.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/)
      .slice(1);
    expect(lines.map((l) => l.split(',')[2]).sort()).toEqual(accounts);

    const exported = await t.call({
      method: 'GET',
      url: `/api/v1/ledger/export?month=${month}`,
      as: 'litong-county',
    });
    const { rows } = await workbook(exported.rawPayload);
    const line = rows.find((r) => r['公民身份号码'] === ledgerRow(0, 70_000)['公民身份号码'])!;
    expect([line['开户银行'], line['银行账号']]).toEqual(['宁夏银行', accounts[0]]);
  }, 180_000);
});
