import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchRosters, type KeyedHash, type RosterRecord } from '../../../domain/matching/index.ts';
import { nameBirthKey } from '../../../domain/matching/keys.ts';
import { addDays, addMonths } from '../../../domain/shared/dates.ts';
import { factsOn, type FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { idNumber, monthsAgo, TODAY } from '../children/test-fixtures.ts';
import { makePoliciesService } from '../policies/policies.service.ts';
import { keyedHash } from './matching.keys.ts';
import { RECORD_COLUMNS, recordOf, type StoredRecordRow } from './matching.repo.ts';
import { csvOf, registerFamily, uploadRoster } from './matching.test-support.ts';

/**
 * Generated families: the incremental matcher (rosters uploaded one by one, people selected by
 * key in SQL) must store exactly the leads the domain's whole-batch matchRosters finds over every
 * stored row and file — no lead missing, none extra — and a re-upload must add none.
 */
let t: TestContext;
const FAMILIES = 24;
const pad = (n: number) => String(n).padStart(2, '0');
const fam = (i: number) => ({
  father: idNumber(`6403021980${pad((i % 12) + 1)}${pad(i + 1)}111`),
  mother: idNumber(`6403021982${pad((i % 12) + 1)}${pad(i + 1)}222`),
  child: idNumber(`6403022014${pad((i % 12) + 1)}${pad(i + 1)}333`),
});

beforeAll(async () => {
  t = await createTestContext();
  for (let i = 0; i < FAMILIES; i += 2) {
    const f = fam(i);
    const motherJailed = i % 4 === 0;
    await registerFamily(t, f, `赵${'一二三四五六七八九十'[i % 10]}宝`, motherJailed);
  }
});
afterAll(() => t.close());

function withNameKey(r: RosterRecord, hmac: KeyedHash): RosterRecord {
  const { name, birthDate } = r.person;
  const nb = birthDate === undefined ? undefined : nameBirthKey(name, birthDate, hmac);
  return nb === undefined ? r : { ...r, person: { ...r.person, nameBirthKey: nb } };
}

async function oracleKeys(): Promise<string[]> {
  const { rows: k } = await t.database.exec(`select value from match_settings where name = 'hmac-key'`);
  const hmac = keyedHash(String(k[0]!.value));
  const { rows: recs } = await t.database.exec(`select ${RECORD_COLUMNS} from roster_records order by id`);
  const { rows: kids } = await t.database.exec(
    `select c.id, c.hukou_region, v.facts from children c
     join child_fact_versions v on v.child_id = c.id and v.version = c.version`,
  );
  return matchRosters({
    asOf: TODAY,
    packs: makePoliciesService({ today: () => TODAY }).packs(),
    hmac,
    // Every row with its name + birth key, as if intake had computed all of them: the server
    // skips the key for rows that cannot meet a registered child, which must change no lead.
    records: recs.map((r) => withNameKey(recordOf(r as unknown as StoredRecordRow, hmac), hmac)),
    registry: kids.map((c) => ({
      fileId: String(c.id),
      region: String(c.hukou_region),
      facts: factsOn(c.facts as FactsDocument, TODAY),
    })),
  })
    .map((l) => l.dedupeKey)
    .sort();
}

describe('generated rosters', () => {
  it('store exactly the leads the whole-batch matcher finds; re-uploading adds none', async () => {
    const ids = Array.from({ length: FAMILIES }, (_, i) => i);
    const household = csvOf(
      ['户号', '公民身份号码', '姓名', '与户主关系', '户籍地区划代码'],
      ids.flatMap((i) => [
        [`H${i}`, fam(i).father, '赵父', '户主', '640302106001'],
        [`H${i}`, fam(i).mother, '钱母', '配偶', '640302106001'],
        [`H${i}`, fam(i).child, `赵${'一二三四五六七八九十'[i % 10]}宝`, '子', '640302106001'],
      ]),
    );
    const custody = csvOf(
      ['姓名', '公民身份号码', '类型', '起始日期', '预计释放日期'],
      ids
        .filter((i) => i % 3 !== 0)
        .map((i) => ['钱母', fam(i).mother, '服刑在押', monthsAgo(12), addMonths(TODAY, 48)]),
    );
    const death = csvOf(
      ['姓名', '公民身份号码', '死亡日期'],
      ids.filter((i) => i % 4 < 2).map((i) => ['赵父', fam(i).father, addDays(TODAY, -20 - i)]),
    );
    // School rows of registered children under a wrong number (bad check digit → id-check-digit;
    // another valid number → different-id), and of the adults, who need no name key.
    const school = csvOf(
      ['姓名', '公民身份号码', '学校', '就读阶段', '学籍状态', '状态日期'],
      ids.flatMap((i) => {
        const name = `赵${'一二三四五六七八九十'[i % 10]}宝`;
        const other = idNumber(`6403022014${pad((i % 12) + 1)}${pad(i + 1)}444`);
        const broken = `${fam(i).child.slice(0, 17)}${fam(i).child.endsWith('1') ? '2' : '1'}`;
        const rows = [['钱母', fam(i).mother, '一中', '普通高中', '毕业', monthsAgo(300)]];
        if (i % 4 === 0) rows.push([name, broken, '二小', '义务教育', '在读', monthsAgo(2)]);
        if (i % 4 === 2) rows.push([name, other, '二小', '义务教育', '在读', monthsAgo(2)]);
        return rows;
      }),
    );
    const uploads = [
      ['household', household],
      ['custody', custody],
      ['death', death],
      ['school', school],
    ] as const;
    for (const [type, csv] of uploads) {
      expect((await uploadRoster(t, 'litong-county', type, csv)).json().status).toBe('done');
    }
    const stored = (await t.database.exec('select dedupe_key from match_leads order by dedupe_key')).rows.map(
      (r) => String(r.dedupe_key),
    );
    expect(stored).toEqual(await oracleKeys());
    const { rows } = await t.database.exec('select distinct lead_type from match_leads order by 1');
    expect(rows.map((r) => r.lead_type)).toEqual(['data-quality', 'discover', 'review']);
    const { rows: rules } = await t.database.exec(
      `select distinct rule from match_leads where lead_type = 'data-quality' order by 1`,
    );
    expect(rules.map((r) => r.rule)).toEqual(['data-quality.different-id', 'data-quality.id-check-digit']);
    for (const [type, csv] of uploads) {
      const [header, ...body] = csv.trim().split('\n');
      const shuffled = [header, ...body.reverse()].join('\n');
      expect((await uploadRoster(t, 'litong-county', type, shuffled)).json().newLeads).toEqual({
        discover: 0,
        review: 0,
        conflict: 0,
        'data-quality': 0,
      });
    }
    const after = (await t.database.exec('select dedupe_key from match_leads order by dedupe_key')).rows;
    expect(after.map((r) => String(r.dedupe_key))).toEqual(stored);
  });
});
