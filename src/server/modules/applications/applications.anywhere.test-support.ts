import { afterAll, beforeAll, expect } from 'vitest';
import { selectPack } from '../../../domain/policy/resolve.ts';
import { addWorkingDays } from '../../../domain/shared/working-days.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { fucFacts, idNumber, TODAY } from '../children/test-fixtures.ts';
import { DEMO_PASSWORD } from '../demo/demo.ts';
import { makePoliciesService } from '../policies/policies.service.ts';

/**
 * Shared by the 跨省通办 API tests (applications.anywhere*.test.ts).
 * 跨省通办 (domain.md §6): a 金星镇 (宁夏吴忠利通区) child's application taken in at 兴丰街道
 * (北京大兴): daxing-township forwards (3 WD), jinxing-township verifies (15 WD), litong-county
 * decides (15 WD), daxing-township informs the applicant (3 WD). Each side sees its part.
 */

export let t: TestContext;

/** Registers the file's context: the demo plus a second 大兴 township and a 大兴 village director. */
export function setUpAnywhere(): void {
  beforeAll(async () => {
    t = await createTestContext();
    const other = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      as: 'admin',
      payload: {
        username: 'linxiao-township',
        displayName: '林校路街道督导员',
        password: DEMO_PASSWORD,
        roles: ['township-supervisor'],
        jurisdictionCode: '110115002',
      },
    });
    expect(other.statusCode, other.body).toBe(201);
    const village = await t.call({
      method: 'POST',
      url: '/api/v1/users',
      as: 'admin',
      payload: {
        username: 'xingfeng-village',
        displayName: '兴丰街道某社区儿童主任',
        password: DEMO_PASSWORD,
        roles: ['village-director'],
        jurisdictionCode: '110115001001',
      },
    });
    expect(village.statusCode, village.body).toBe(201);
  });
  afterAll(() => t.close());
}

const packs = makePoliciesService({ today: () => TODAY }).packs();
/** Due date of a step started today, on the calendar of the pack of `region`. */
export const dueIn = (region: string, workingDays: number) =>
  addWorkingDays(TODAY, workingDays, selectPack(packs, region, TODAY)!.calendar);

let seq = 0;
export const newFacts = () =>
  fucFacts({ id: idNumber(`64030220140601${String(100 + seq++)}`), name: '马小军' });

export interface Detail {
  id: string;
  status: string;
  path: string;
  side: string;
  outcome: string | null;
  actions: string[];
  child: { id: string; name: string; categories: string[]; monthlyTotalFen: number | null };
  deadline: { stage: string; dueOn: string; status: string } | null;
  log: {
    action: string;
    actor: string | null;
    comment: string | null;
    reasons: string[];
    means: string | null;
    on: string;
  }[];
  intake: { facts: { child: { name: string } } } | null;
  preview: unknown;
}

export async function accept(facts = newFacts(), as = 'daxing-township') {
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/applications',
    as,
    payload: {
      child: { facts },
      applicant: { kind: 'guardian', name: '马大山', relation: '祖父', phone: '13800000000' },
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().application as Detail;
}
export const act = (id: string, as: string, body: object) =>
  t.call({ method: 'POST', url: `/api/v1/applications/${id}/actions`, as, payload: body });
export const detail = (id: string, as: string) =>
  t.call({ method: 'GET', url: `/api/v1/applications/${id}`, as });
export const childIdOf = async (applicationId: string) =>
  String(
    (await t.database.exec('select child_id from applications where id = $1', [applicationId])).rows[0]!
      .child_id,
  );
export const inQueue = async (as: string, id: string, status = 'open') =>
  (await t.call({ method: 'GET', url: `/api/v1/applications?status=${status}&pageSize=200`, as }))
    .json()
    .items.find((a: { id: string }) => a.id === id) as Detail | undefined;
