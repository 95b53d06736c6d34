import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchRosters } from '../../../domain/matching/index.ts';
import { addMonths } from '../../../domain/shared/dates.ts';
import { factsOn, type FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { daysAgo, idNumber, monthsAgo, TODAY } from '../children/test-fixtures.ts';
import { makePoliciesService } from '../policies/policies.service.ts';
import { keyedHash } from './matching.keys.ts';
import { RECORD_COLUMNS, recordOf, type StoredRecordRow } from './matching.repo.ts';
import { csvOf, registerFamily, uploadRoster } from './matching.test-support.ts';

let t: TestContext;
const childA = idNumber('64030220160101002');
const fatherA = idNumber('64030219850101001');
const motherA = idNumber('64030219870101002');
const fatherB = idNumber('64030219800202001');
const motherB = idNumber('64030219820303002');
const childB = idNumber('64030220150505003');
const stranger = idNumber('64030219500101003');
let childId: string;

const household = csvOf(
  ['户号', '公民身份号码', '姓名', '与户主关系', '户籍地区划代码'],
  [
    ['H001', fatherB, '李大山', '户主', '640302106001'],
    ['H001', motherB, '王小梅', '配偶', '640302106001'],
    ['H001', childB, '李小宝', '子', '640302106001'],
  ],
);
const custody = csvOf(
  ['姓名', '公民身份号码', '类型', '起始日期', '预计释放日期'],
  [['王小梅', motherB, '服刑在押', monthsAgo(12), addMonths(TODAY, 60)]],
);
const death = csvOf(
  ['姓名', '公民身份号码', '死亡日期'],
  [
    ['马大海', fatherA, daysAgo(10)],
    ['李大山', fatherB, monthsAgo(12)],
    ['张老汉', stranger, daysAgo(30)],
  ],
);

/** The whole-batch oracle: the domain's matchRosters over every stored row and file. */
async function oracleKeys(): Promise<string[]> {
  const { rows: k } = await t.database.exec(`select value from match_settings where name = 'hmac-key'`);
  const hmac = keyedHash(String(k[0]!.value));
  const { rows: recs } = await t.database.exec(`select ${RECORD_COLUMNS} from roster_records order by id`);
  const { rows: kids } = await t.database.exec(
    `select c.id, c.hukou_region, v.facts from children c
     join child_fact_versions v on v.child_id = c.id and v.version = c.version`,
  );
  const leads = matchRosters({
    asOf: TODAY,
    packs: makePoliciesService({ today: () => TODAY }).packs(),
    hmac,
    records: recs.map((r) => recordOf(r as unknown as StoredRecordRow, hmac)),
    registry: kids.map((c) => ({
      fileId: String(c.id),
      region: String(c.hukou_region),
      facts: factsOn(c.facts as FactsDocument, TODAY),
    })),
  });
  return leads.map((l) => l.dedupeKey).sort();
}
const storedKeys = async () =>
  (await t.database.exec('select dedupe_key from match_leads order by dedupe_key')).rows.map((r) =>
    String(r.dedupe_key),
  );

beforeAll(async () => {
  t = await createTestContext();
  childId = await registerFamily(t, { child: childA, father: fatherA, mother: motherA }, '马小军');
});
afterAll(() => t.close());

describe('cross-matching rosters against the registry', () => {
  it('finds exactly the leads the whole-batch matcher finds, and re-uploading adds none', async () => {
    for (const [type, csv] of [
      ['household', household],
      ['custody', custody],
      ['death', death],
    ] as const) {
      const r = await uploadRoster(t, 'litong-county', type, csv);
      expect(r.json().status).toBe('done');
    }
    const stored = await storedKeys();
    expect(stored).toEqual(await oracleKeys());
    const { rows } = await t.database.exec('select lead_type, rule, file_ids from match_leads order by rule');
    expect(rows.map((r) => [r.lead_type, r.rule])).toEqual([
      ['discover', 'discover.de-facto-unsupported'],
      ['review', 'review.parent-died'],
    ]);
    expect(rows[1]!.file_ids).toEqual([childId]);
    const again = await uploadRoster(t, 'litong-county', 'death', death);
    expect(again.json().newLeads).toEqual({ discover: 0, review: 0, conflict: 0, 'data-quality': 0 });
    expect(await storedKeys()).toEqual(stored);
  });

  it('stores keyed hashes and masked numbers, never a clear ID number', async () => {
    const { rows } = await t.database.exec('select id_masked, record::text as rec from roster_records');
    for (const r of rows) {
      expect(String(r.rec)).not.toContain(fatherA);
      expect(String(r.rec)).not.toContain(childB);
      expect(String(r.id_masked)).toMatch(/^\d{4}\*+\w{4}$/);
    }
  });

  it('imports the good rows of a roster with bad rows and reports the bad in an errors file', async () => {
    const bad = csvOf(
      ['姓名', '公民身份号码', '死亡日期'],
      [
        ['甲', idNumber('64030219600101005'), daysAgo(5)],
        ['乙', idNumber('64030219600101013'), ''],
        ['丙', '', daysAgo(5)],
      ],
    );
    const r = await uploadRoster(t, 'litong-clerk', 'death', bad);
    expect(r.json()).toMatchObject({ status: 'done', rows: 3, rejected: 2, hasErrorsFile: true });
    const file = await t.call({
      method: 'GET',
      url: `/api/v1/matching/rosters/${r.json().id}/errors`,
      as: 'litong-clerk',
    });
    expect(file.statusCode).toBe(200);
    expect(file.body).toContain('错误原因');
    expect(file.body).toContain('死亡日期');
    expect((await t.auditRows('matching.errors-file')).length).toBe(1);
    const { rows } = await t.database.exec(
      'select count(*)::int as n from roster_records where roster_id = $1',
      [r.json().id],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('a department clerk sees only their own uploads; county staff see all of the county', async () => {
    const mine = await t.call({ method: 'GET', url: '/api/v1/matching/rosters', as: 'litong-clerk' });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.length).toBe(1);
    const county = await t.call({ method: 'GET', url: '/api/v1/matching/rosters', as: 'litong-county' });
    expect(county.json().items.length).toBe(5);
    const other = county
      .json()
      .items.find((i: { uploadedBy: string }) => i.uploadedBy !== mine.json().items[0].uploadedBy);
    const peek = await t.call({
      method: 'GET',
      url: `/api/v1/matching/rosters/${other.id}`,
      as: 'litong-clerk',
    });
    expect(peek.statusCode).toBe(404);
    const leads = await t.call({ method: 'GET', url: '/api/v1/matching/leads', as: 'litong-clerk' });
    expect(leads.statusCode).toBe(403);
  });

  it('refuses without a session, without the permission, and outside the jurisdiction', async () => {
    expect((await t.call({ method: 'GET', url: '/api/v1/matching/leads' })).statusCode).toBe(401);
    const denied = await uploadRoster(t, 'jinxing-village-01', 'death', death);
    expect(denied.statusCode).toBe(403);
    const { rows } = await t.database.exec(`select id from match_leads where lead_type = 'review'`);
    const id = String(rows[0]!.id);
    expect(
      (await t.call({ method: 'GET', url: `/api/v1/matching/leads/${id}`, as: 'daxing-county' })).statusCode,
    ).toBe(404);
    const list = await t.call({ method: 'GET', url: '/api/v1/matching/leads', as: 'daxing-county' });
    expect(list.json().total).toBe(0);
  });

  it('routes the lead to the township of 户籍; updating the facts changes the determination', async () => {
    const list = await t.call({
      method: 'GET',
      url: '/api/v1/matching/leads?type=review',
      as: 'jinxing-township',
    });
    expect(list.json().total).toBe(1);
    const lead = list.json().items[0];
    expect(lead).toMatchObject({ hukouRegion: '640302106001', status: 'open' });
    expect(lead.dueOn > TODAY).toBe(true);
    const detail = await t.call({
      method: 'GET',
      url: `/api/v1/matching/leads/${lead.id}`,
      as: 'jinxing-township',
    });
    expect(detail.json().evidence[0].idMasked).not.toContain(fatherA);
    expect((await t.auditRows('matching.lead.read')).length).toBeGreaterThan(0);
    const evaluated = async () =>
      (
        await t.call({
          method: 'GET',
          url: `/api/v1/children/${childId}/determinations`,
          as: 'litong-county',
        })
      ).json().evaluated.categories as string[];
    const before = (
      await t.call({ method: 'GET', url: `/api/v1/children/${childId}`, as: 'litong-county' })
    ).json();
    const categoriesBefore = await evaluated();
    const done = await t.call({
      method: 'POST',
      url: `/api/v1/matching/leads/${lead.id}/actions`,
      as: 'jinxing-township',
      payload: { action: 'update-facts' },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('facts-updated');
    const after = (
      await t.call({ method: 'GET', url: `/api/v1/children/${childId}`, as: 'litong-county' })
    ).json();
    expect(after.version).toBe(before.version + 1);
    expect(await evaluated()).toContain('de-facto-unsupported');
    expect(categoriesBefore).not.toContain('de-facto-unsupported');
    expect((await t.auditRows('matching.lead.facts-updated')).length).toBe(1);
    const twice = await t.call({
      method: 'POST',
      url: `/api/v1/matching/leads/${lead.id}/actions`,
      as: 'jinxing-township',
      payload: { action: 'dismiss', reason: '重复' },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('starts a pre-filled application for a discover lead (the ID number typed by the township)', async () => {
    const list = await t.call({
      method: 'GET',
      url: '/api/v1/matching/leads?type=discover',
      as: 'jinxing-township',
    });
    const lead = list.json().items[0];
    const detail = (
      await t.call({ method: 'GET', url: `/api/v1/matching/leads/${lead.id}`, as: 'jinxing-township' })
    ).json();
    expect(detail.person).toEqual({ name: '李小宝', birthDate: '2015-05-05' });
    const r = await t.call({
      method: 'POST',
      url: `/api/v1/matching/leads/${lead.id}/actions`,
      as: 'jinxing-township',
      payload: {
        action: 'start-application',
        child: {
          facts: {
            child: {
              idNumber: childB,
              name: detail.person.name,
              hukouRegion: lead.hukouRegion,
              placement: 'kinship',
              schooling: 'compulsory',
            },
            parents: [
              { role: 'father', idNumber: fatherB, conditions: [{ kind: 'deceased', since: monthsAgo(12) }] },
              {
                role: 'mother',
                idNumber: motherB,
                conditions: [{ kind: 'imprisoned', since: monthsAgo(12), until: addMonths(TODAY, 60) }],
              },
            ],
            household: { assistance: 'none', receivedMonthlyFen: 0 },
          },
        },
        applicant: { kind: 'village-committee', name: '富平社区居委会', relation: '村（居）委会' },
      },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('application-started');
    const app = await t.call({
      method: 'GET',
      url: `/api/v1/applications/${r.json().outcomeRef}`,
      as: 'jinxing-township',
    });
    expect(app.statusCode).toBe(200);
    expect((await t.auditRows('matching.lead.application-started')).length).toBe(1);
  });

  it('dismisses a lead only with a reason, and shows the township dashboard', async () => {
    const extra = csvOf(['姓名', '公民身份号码', '收养登记日期'], [['马小军', childA, daysAgo(3)]]);
    await uploadRoster(t, 'litong-county', 'adoption', extra);
    const list = await t.call({
      method: 'GET',
      url: '/api/v1/matching/leads?status=open',
      as: 'litong-county',
    });
    const id = list.json().items[0].id;
    const url = `/api/v1/matching/leads/${id}/actions`;
    const empty = await t.call({
      method: 'POST',
      url,
      as: 'litong-county',
      payload: { action: 'dismiss', reason: '' },
    });
    expect(empty.statusCode).toBe(400);
    const r = await t.call({
      method: 'POST',
      url,
      as: 'litong-county',
      payload: { action: 'dismiss', reason: '已核实不符合条件' },
    });
    expect(r.json()).toMatchObject({ status: 'dismissed', outcomeReason: '已核实不符合条件' });
    const dash = await t.call({ method: 'GET', url: '/api/v1/matching/dashboard', as: 'litong-county' });
    expect(dash.statusCode).toBe(200);
    const finance = await t.call({ method: 'GET', url: '/api/v1/matching/dashboard', as: 'litong-finance' });
    expect(finance.statusCode).toBe(403);
  });
});
