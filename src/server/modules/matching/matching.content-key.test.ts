import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, idKey, type RosterType } from '../../../domain/matching/index.ts';
import { addMonths } from '../../../domain/shared/dates.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { daysAgo, idNumber, monthsAgo, TODAY } from '../children/test-fixtures.ts';
import { keyedHash } from './matching.keys.ts';
import { RECORD_COLUMNS, recordOf, type StoredRecordRow } from './matching.repo.ts';
import { csvOf, uploadRoster } from './matching.test-support.ts';
import { readRoster } from './readers/index.ts';

/**
 * Intake no longer stores the content key of a row with a valid ID (recordOf computes it). Rows
 * stored before carry it in their column: both must give the same key, or a re-upload across
 * the change would raise its leads again.
 */
let t: TestContext;
const child = idNumber('64030220160101002');
const father = idNumber('64030219850101001');
const mother = idNumber('64030219870101002');
const rosters: [RosterType, string][] = [
  [
    'household',
    csvOf(
      ['户号', '公民身份号码', '姓名', '与户主关系', '户籍地区划代码'],
      [
        ['H001', father, '马大海', '户主', '640302106001'],
        ['H001', mother, '杨小花', '配偶', '640302106001'],
        ['H001', child, '马小军', '子', '640302106001'],
      ],
    ),
  ],
  [
    'custody',
    csvOf(
      ['姓名', '公民身份号码', '类型', '起始日期', '预计释放日期'],
      [['杨小花', mother, '服刑在押', monthsAgo(12), addMonths(TODAY, 60)]],
    ),
  ],
  ['death', csvOf(['姓名', '公民身份号码', '死亡日期'], [['马大海', father, daysAgo(10)]])],
];

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

/** Each row's content key as intake computed it before (ADR 0006a), from the parsed row. */
async function keysAsBefore(hmac: (m: string) => string): Promise<Map<string, string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-content-key-'));
  const keys = new Map<string, string>();
  try {
    for (const [type, csv] of rosters) {
      const file = path.join(dir, `${type}.csv`);
      fs.writeFileSync(file, csv);
      for await (const r of readRoster(type, file)) {
        if (!r.ok) continue;
        const { name, idNumber: id, idValid, birthDate: _b, sex: _s, ...rest } = r.row;
        const { headIdNumber, ...data } = rest as typeof rest & { headIdNumber?: string };
        const identity = (idValid ? idKey(id, hmac) : undefined) ?? hmac(`idtext:${id}`);
        const headIdKey = headIdNumber === undefined ? undefined : idKey(headIdNumber, hmac);
        keys.set(`${type}|${r.rowNumber}`, hmac(`row:${canonicalJson({ name, identity, headIdKey, data })}`));
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return keys;
}

const leadKeys = async () =>
  (await t.database.exec('select dedupe_key from match_leads order by dedupe_key')).rows.map((r) =>
    String(r.dedupe_key),
  );

describe('content keys of roster rows', () => {
  it('computed when used equal those stored before; a re-upload across the change adds no lead', async () => {
    for (const [type, csv] of rosters)
      expect((await uploadRoster(t, 'litong-county', type, csv)).json().status).toBe('done');
    const leads = await leadKeys();
    expect(leads.length).toBeGreaterThan(0);
    const { rows: k } = await t.database.exec(`select value from match_settings where name = 'hmac-key'`);
    const hmac = keyedHash(String(k[0]!.value));
    const before = await keysAsBefore(hmac);
    const { rows } = await t.database.exec(`select ${RECORD_COLUMNS} from roster_records order by id`);
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      const row = r as unknown as StoredRecordRow;
      const old = before.get(`${row.roster_type}|${row.row_number}`);
      expect(old).toBeDefined();
      expect(row.content_key).toBeNull();
      expect(recordOf(row, hmac).contentKey).toBe(old);
      // The row as stored before the change: its key in the column.
      await t.database.exec('update roster_records set content_key = $1 where id = $2', [old, r.id]);
    }
    for (const [type, csv] of rosters) {
      const again = await uploadRoster(t, 'litong-county', type, csv);
      expect(again.json().newLeads).toEqual({ discover: 0, review: 0, conflict: 0, 'data-quality': 0 });
    }
    expect(await leadKeys()).toEqual(leads);
  });
});
