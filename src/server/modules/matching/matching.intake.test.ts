import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { idNumber } from '../children/test-fixtures.ts';
import { workerPool } from './matching.hash-pool.ts';
import { hashRows, type HashContext } from './matching.hashing.ts';
import { intakeRoster } from './matching.intake.ts';
import { keyedHash } from './matching.keys.ts';
import { RECORD_ID_BLOCK, recordIdAt } from './matching.record-ids.ts';
import { copyPoolOf } from './matching.repo.ts';
import { KeyPrefixSet } from './matching.seeds.ts';

/**
 * Intake writes with COPY on PostgreSQL and with a json_to_recordset insert otherwise (and when
 * told not to copy): both must store exactly the same rows, text that COPY escapes included.
 */
let t: TestContext;
let dir: string;
const hmac = keyedHash('intake-test-secret');

beforeAll(async () => {
  t = await createTestContext();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-intake-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function intake(file: string, copy: boolean, type: 'household' | 'death' = 'household', workers = 0) {
  const id = randomUUID();
  const result = await intakeRoster(
    t.database,
    hmac,
    { id, type, filePath: file, errorsDir: dir },
    () => undefined,
    () => false,
    { copy, workers },
  );
  const { rows } = await t.database.exec(
    `select roster_type, row_number, id_key, name_birth_key, head_id_key, household_key, id_masked,
       content_key, birth_date::text as birth_date, record
     from roster_records where roster_id = $1 order by row_number`,
    [id],
  );
  return { result, rows };
}

describe('roster intake', () => {
  it('stores the same rows through COPY and through the JSON insert, escapes included', async () => {
    const file = path.join(dir, 'household.csv');
    const rows = [
      // Backslash, tab, line breaks and quotes in text COPY must escape; an invalid ID number.
      ['H\\1\t2', idNumber('64030219800101111'), '张\\三', '户主', '640302106001'],
      ['H\\1\t2', idNumber('64030219820202222'), '李"四"\n二', '配偶', '640302106001'],
      ['H3\r\n4', '64030219800101111\\', '王五', '子', '640302106001'],
    ];
    fs.writeFileSync(
      file,
      `户号,公民身份号码,姓名,与户主关系,户籍地区划代码\n${rows.map((r) => r.map(quote).join(',')).join('\n')}\n`,
    );
    const copied = await intake(file, true);
    const inserted = await intake(file, false);
    expect(copied.result).toEqual({ rows: 3, rejected: 0, errorsFile: null });
    expect(copied.rows).toEqual(inserted.rows);
    expect(copied.rows.map((r) => r.household_key)).toEqual([
      '640302106001|H\\1\t2',
      '640302106001|H\\1\t2',
      '640302106001|H3\r\n4',
    ]);
    expect(copied.rows[2]?.id_key).toBeNull();
    // Content keys are stored only where the ID number is invalid (the others: recordOf).
    expect(copied.rows.map((r) => r.content_key === null)).toEqual([true, true, false]);
    expect(copied.rows[2]?.id_masked).toBe(`6403${'*'.repeat(10)}111\\`);
    expect(JSON.parse(String(copied.rows[1]?.record)).person.name).toBe('李"四"\n二');
  });

  it('stores the same rows hashed in worker threads (and in process while they start) as in process', async () => {
    // Many more runs of lines than batches in flight: every slot of shared memory (runs, COPY
    // inputs) is used again and again.
    const file = path.join(dir, 'death.csv');
    const lines = Array.from({ length: 40_000 }, (_, i) => {
      const id = idNumber(`640302${1950 + (i % 60)}0101${String(i % 1000).padStart(3, '0')}`);
      if (i % 997 === 0) return `某某,${id},不是日期`; // rejected
      return `某${i % 7},${i % 501 === 0 ? id.slice(0, 17) + 'Y' : id},2026-10-01`; // some invalid IDs
    });
    fs.writeFileSync(file, `姓名,公民身份号码,死亡日期\n${lines.join('\n')}\n`);
    const inWorkers = await intake(file, true, 'death', 2);
    const inProcess = await intake(file, true, 'death', 0);
    const inserted = await intake(file, false, 'death', 0);
    const rejected = Math.ceil(40_000 / 997);
    expect(inWorkers.result).toEqual({ rows: 40_000, rejected, errorsFile: expect.any(String) });
    expect(inWorkers.rows).toHaveLength(40_000 - rejected);
    expect(inWorkers.rows).toEqual(inProcess.rows);
    expect(inWorkers.rows).toEqual(inserted.rows);
  });

  it('a worker pool hashes like hashRows, in process before its workers start and in them after', async () => {
    const context: HashContext = {
      rosterId: randomUUID(),
      type: 'death',
      headers: ['姓名', '公民身份号码', '死亡日期'],
    };
    const batch = (from: number) =>
      Array.from({ length: 50 }, (_, i) => ({
        rowNumber: from + i,
        cells: [`某${i}`, idNumber(`64030219600101${String(from + i).padStart(3, '0')}`), '2026-10-01'],
      }));
    const pool = workerPool(context, 'intake-test-secret', 1, hmac);
    try {
      const early = pool.hash(batch(2), [4097]);
      await pool.started;
      expect(await early).toEqual(hashRows(context, hmac, batch(2), [4097]));
      expect(await pool.hash(batch(100), [8193])).toEqual(hashRows(context, hmac, batch(100), [8193]));
    } finally {
      await pool.close();
    }
  });

  it("numbers an upload's rows from blocks reserved after the rows before it, in file order", async () => {
    const { rows: seq } = await t.database.exec(
      `select increment_by::int as step from pg_sequences where sequencename = 'roster_records_id_seq'`,
    );
    expect(seq[0]?.step).toBe(RECORD_ID_BLOCK);
    const file = path.join(dir, 'death-ids.csv');
    const lines = Array.from({ length: 9_000 }, (_, i) => {
      const id = idNumber(`640302${1950 + (i % 60)}0101${String(i % 1000).padStart(3, '0')}`);
      return i % 1_000 === 5 ? `某某,${id},不是日期` : `某某,${id},2026-10-01`; // 9 rejected
    });
    fs.writeFileSync(file, `姓名,公民身份号码,死亡日期\n${lines.join('\n')}\n`);
    for (const workers of [0, 2]) {
      const { rows: before } = await t.database.exec(
        'select coalesce(max(id), 0)::bigint as id from roster_records',
      );
      const id = randomUUID();
      await intakeRoster(
        t.database,
        hmac,
        { id, type: 'death', filePath: file, errorsDir: dir },
        () => undefined,
        () => false,
        {
          workers,
        },
      );
      const { rows } = await t.database.exec(
        'select id::bigint as id from roster_records where roster_id = $1 order by row_number',
        [id],
      );
      const ids = rows.map((r) => Number(r.id));
      expect(ids).toHaveLength(9_000 - 9);
      expect(ids[0]).toBeGreaterThan(Number(before[0]?.id));
      for (let i = 1; i < ids.length; i++) expect(ids[i]).toBeGreaterThan(ids[i - 1]!);
    }
    // An insert that leaves the id out takes a fresh block: no clash with the reserved ones.
    const { rows: last } = await t.database.exec(
      `insert into roster_records (roster_id, roster_type, row_number, id_masked, record)
       values ($1, 'death', 1, '****', '{}') returning id::bigint as id`,
      [randomUUID()],
    );
    const { rows: max } = await t.database.exec('select max(id)::bigint as id from roster_records');
    expect(Number(last[0]?.id)).toBe(Number(max[0]?.id));
  });

  it("gives a batch's k-th accepted row the k-th id of its blocks, and refuses one it has no id for", () => {
    expect(recordIdAt([1, 8193], 0)).toBe(1);
    expect(recordIdAt([1, 8193], RECORD_ID_BLOCK - 1)).toBe(RECORD_ID_BLOCK);
    expect(recordIdAt([1, 8193], RECORD_ID_BLOCK)).toBe(8193);
    expect(() => recordIdAt([1, 8193], 2 * RECORD_ID_BLOCK)).toThrow(/no id reserved/);
  });

  it('a worker pool given the registry prefixes sends back only the keys they have, as hashRows does with them', async () => {
    const context: HashContext = {
      rosterId: randomUUID(),
      type: 'death',
      headers: ['姓名', '公民身份号码', '死亡日期'],
    };
    const rows = Array.from({ length: 60 }, (_, i) => ({
      rowNumber: 2 + i,
      cells: [`某${i}`, idNumber(`64030219600101${String(i).padStart(3, '0')}`), '2026-10-01'],
    }));
    const registry = new KeyPrefixSet(10);
    const all = hashRows(context, hmac, rows, [1]).keys.ids;
    for (const k of all.filter((_, i) => i % 10 === 0)) registry.addKey(k);
    const pool = workerPool(context, 'intake-test-secret', 2, hmac);
    try {
      await pool.started;
      pool.share(registry);
      const probed = await pool.hash(rows, [1]);
      expect(probed).toEqual(hashRows(context, hmac, rows, [1], registry));
      expect(probed.keys.probed).toBe(true);
      expect(probed.keys.ids).toEqual(all.filter((k) => registry.hasKey(k)));
      expect(probed.keys.ids.length).toBeLessThan(all.length);
    } finally {
      await pool.close();
    }
  });

  it('copies on PostgreSQL only', () => {
    expect(copyPoolOf(t.database) !== undefined).toBe(t.database.kind === 'postgres');
  });
});
