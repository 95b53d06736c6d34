import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../domain/access/roles.ts';
import { evaluate } from '../../../domain/eligibility/evaluate.ts';
import { determinationDay, factsOn } from '../../../domain/workflow/fact-versions.ts';
import { todayInChina } from '../../platform/clock.ts';
import type { Database } from '../../platform/db.ts';
import { freshDatabase } from '../../test-support.ts';
import { makeChildrenBulkService, type ChildrenBulkService } from '../children/children.bulk.ts';
import { loadDemo } from '../demo/demo.ts';
import { tempDir } from '../matching/readers/test-support.ts';
import { makePoliciesService } from '../policies/policies.service.ts';
import { makeRegionsService } from '../regions/regions.service.ts';
import { acceptanceLedger, ledgerRow, writeLedgerCsv, writeLedgerXlsx } from './ledger.fixtures.ts';
import { importLedgerFile } from './ledger.import.ts';

const tmp = tempDir();
const today = () => todayInChina();
const packs = makePoliciesService({ today }).packs;
const actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  username: 'test',
  roles: [Role.countyStaff],
  jurisdiction: '640302',
};
const ctx = { actor, ip: 'test' };
const databases: { database: Database; drop: () => Promise<void> }[] = [];

async function registry(wrap = (bulk: ChildrenBulkService) => bulk) {
  const fresh = await freshDatabase();
  databases.push(fresh);
  const { db } = fresh.database;
  const regions = makeRegionsService({ db });
  await loadDemo({ db, regions });
  const deps = { bulk: wrap(makeChildrenBulkService({ db, packs, today })), regions, today };
  const run = (path: string, inWorker: boolean, errorsPath = tmp.file(`errors-${databases.length}.xlsx`)) =>
    importLedgerFile(deps, actor, { path, scope: '640302', errorsPath, recordedBy: null, inWorker }, ctx);
  return { database: fresh.database, run };
}

/** Everything the import writes, keyed by ID number (the generated ids differ between databases). */
async function stored(database: Database) {
  const q = async (sql: string) => (await database.exec(sql)).rows;
  return {
    children:
      await q(`select id_number, name, name_pinyin, name_initials, sex, birth_date::text, hukou_region,
      residence_region, status, confirmed_at::text, version from children order by id_number`),
    facts: await q(`select c.id_number, v.version, v.reason, v.recorded_by, v.facts from child_fact_versions v
      join children c on c.id = v.child_id order by c.id_number, v.version`),
    determinations:
      await q(`select c.id_number, d.month, d.categories, d.monthly_total_fen, dd.document as determination,
      d.facts_version from determinations d join children c on c.id = d.child_id
      join determination_documents dd on dd.key = d.document_key order by c.id_number, d.month`),
    guardians: await q(`select c.id_number, g.guardian_name, g.guardian_id_number, g.guardian_phone
      from ledger_child_details g join children c on c.id = g.child_id order by c.id_number`),
    accounts: await q(`select c.id_number, a.bank, a.account from payee_accounts a
      join children c on c.id = a.child_id order by c.id_number`),
  };
}

async function sheetRows(path: string) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

afterAll(async () => {
  for (const d of databases) await d.drop();
  tmp.cleanup();
});

describe('the ledger import can prepare its rows in a worker thread', () => {
  const { rows } = acceptanceLedger(1666);
  // Beyond the acceptance ledger's five bad rows: a 户籍 outside the scope, a region the registry
  // does not know, and that unknown-region row repeated (two reasons on one row).
  const unknownRegion = { ...ledgerRow(3000), 户籍地区划代码: '640302999999' };
  rows.splice(40, 0, { ...ledgerRow(2999), 户籍地区划代码: '110115' }, unknownRegion);
  rows.push({ ...unknownRegion, 姓名: '重复者' });
  const xlsx = tmp.file('ledger.xlsx');
  let inWorker: Awaited<ReturnType<typeof registry>>;
  let inThread: Awaited<ReturnType<typeof registry>>;
  beforeAll(async () => {
    await writeLedgerXlsx(xlsx, rows);
    inWorker = await registry();
    inThread = await registry();
  }, 120_000);

  it('imports the same rows, stores the same files and rejects the same rows with the same reasons as in process', async () => {
    const a = await inWorker.run(xlsx, true, tmp.file('worker-errors.xlsx'));
    const b = await inThread.run(xlsx, false, tmp.file('thread-errors.xlsx'));
    expect(a).toMatchObject({ imported: 1666, rejected: 8 });
    expect(b).toMatchObject({ imported: a.imported, rejected: a.rejected });
    const rejected = await sheetRows(a.errorsFile!);
    expect(rejected).toEqual(await sheetRows(b.errorsFile!));
    expect(rejected.map((r) => r.at(-1))).toContain(
      '户籍地区划代码：区划代码不存在（请先导入行政区划）；公民身份号码：与本文件第 43 行的公民身份号码重复',
    );
    const [sa, sb] = [await stored(inWorker.database), await stored(inThread.database)];
    expect(sa.children).toHaveLength(1666);
    expect(sa.determinations).toHaveLength(1666);
    expect(sa.accounts).toHaveLength(1666);
    expect(sa).toEqual(sb);
  }, 180_000);

  it("stores each child's own determination: what the engine gives for the child's facts and month", async () => {
    const { determinations, facts } = await stored(inWorker.database);
    const factsOf = new Map(facts.map((f) => [f.id_number, f.facts]));
    const situations = new Set<string>();
    for (const d of determinations) {
      const expected = evaluate(
        factsOn(factsOf.get(d.id_number) as never, determinationDay(d.month as never)),
        packs(),
      );
      expect(d.determination).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(d.categories).toEqual(expected.categories);
      expect(d.monthly_total_fen).toBe(expected.monthlyTotalFen);
      situations.add(JSON.stringify(expected.categories));
    }
    // The fixture's four situations give different determinations (the shared documents are not mixed up).
    expect(situations.size).toBeGreaterThan(1);
  }, 60_000);

  it('gives the facts of children in the same situation one payroll shape key, and different situations different keys', async () => {
    const shape = `(facts - 'child')::text || '|' || (case when facts -> 'child' ? 'birthDate'
      then (facts -> 'child') - 'name' - 'idNumber' else (facts -> 'child') - 'name' end)::text`;
    const { rows } = await inWorker.database.exec(`
      select count(distinct s)::int as shapes, count(distinct shape_key)::int as keys,
        count(*) filter (where shape_key is null)::int as missing
      from (select ${shape} as s, shape_key from child_fact_versions) x`);
    const { shapes, keys, missing } = rows[0] as { shapes: number; keys: number; missing: number };
    expect(missing).toBe(0);
    expect(shapes).toBeGreaterThan(1);
    expect(keys).toBe(shapes);
    const { rows: split } = await inWorker.database.exec(`
      select s from (select ${shape} as s, shape_key from child_fact_versions) x
      group by s having count(distinct shape_key) > 1`);
    expect(split).toEqual([]);
  });

  it('refuses a file without the required columns with the same error, and writes nothing', async () => {
    const wrong = tmp.file('wrong.csv');
    writeFileSync(wrong, '姓名,备注\r\n马小花,x\r\n');
    const message = '台账缺少必填列：公民身份号码、户籍地区划代码、纳入保障日期（请使用台账导入模板）';
    await expect(inWorker.run(wrong, true)).rejects.toMatchObject({ code: 'VALIDATION', message });
    await expect(inThread.run(wrong, false)).rejects.toMatchObject({ code: 'VALIDATION', message });
  });

  it('aborts the import when the worker fails (an unreadable file) and leaves nothing written', async () => {
    const fresh = await registry();
    const broken = tmp.file('broken.xlsx');
    writeFileSync(broken, Buffer.from('PK\u0003\u0004 this is not a workbook'));
    const inProcess = await fresh.run(broken, false).catch((e: Error) => e);
    expect(inProcess).toBeInstanceOf(Error);
    await expect(fresh.run(broken, true)).rejects.toThrow((inProcess as Error).message);
    expect((await fresh.database.exec('select count(*)::int as n from children')).rows[0]).toEqual({ n: 0 });
    // The worker path still works afterwards (a CSV read through the shared reader).
    const csv = tmp.file('small.csv');
    await writeLedgerCsv(csv, [ledgerRow(0, 40_000), ledgerRow(1, 40_000)]);
    expect(await fresh.run(csv, true)).toMatchObject({ imported: 2, rejected: 0, errorsFile: null });
  }, 120_000);

  it("checks references again once the import's transactions are over (the bulk-load shortcut is local to them)", async () => {
    const { database } = inThread;
    expect((await database.exec(`select current_setting('session_replication_role') as r`)).rows[0]).toEqual({
      r: 'origin',
    });
    const orphan = database.exec(`insert into payee_accounts (child_id, bank, account)
      values ('00000000-0000-4000-8000-000000000001', '银行', '6222000000000001')`);
    await expect(orphan).rejects.toMatchObject({ code: '23503' });
  });
});

describe('a file filed by someone else while a batch loads', () => {
  it('fails the batch on the unique index, rolls it back and runs it again checking: every row filed once', async () => {
    const path = tmp.file('race.csv');
    await writeLedgerCsv(
      path,
      Array.from({ length: 12 }, (_, i) => ledgerRow(i)),
    );
    let attempts = 0;
    // The first attempt (which assumes its files are new) meets the batch's first child filed
    // "concurrently" — in the batch's own transaction, so it rolls back with the failed load.
    const racing = (bulk: ChildrenBulkService): ChildrenBulkService => ({
      ...bulk,
      createPrepared: async (tx, actor, items, ...rest) => {
        attempts += 1;
        if (attempts === 1) {
          const first = items[0]!;
          await tx.execute(sql`
            insert into children (id_number, name, name_pinyin, name_initials, birth_date, hukou_region,
              residence_region, status, version)
            values (${first.idNumber}, ${first.name}, '', '', ${first.birthDate}, ${first.hukouRegion},
              ${first.residenceRegion}, 'registered', 1)`);
        }
        return bulk.createPrepared(tx, actor, items, ...rest);
      },
    });
    const { database, run } = await registry(racing);
    const result = await run(path, false);
    expect(attempts).toBe(2);
    expect(result).toMatchObject({ imported: 12, rejected: 0 });
    const counts = await database.exec(
      `select (select count(*) from children)::int as children, (select count(distinct id_number) from children)::int as ids,
        (select count(*) from child_fact_versions)::int as facts, (select count(*) from payee_accounts)::int as accounts`,
    );
    expect(counts.rows[0]).toEqual({ children: 12, ids: 12, facts: 12, accounts: 12 });

    // A re-import: every batch's first attempt fails on the files now filed; the retry rejects them all.
    attempts = 10;
    const again = await run(path, false);
    expect(again).toMatchObject({ imported: 0, rejected: 12 });
    expect((await database.exec('select count(*)::int as n from children')).rows[0]).toEqual({ n: 12 });
  });
});
