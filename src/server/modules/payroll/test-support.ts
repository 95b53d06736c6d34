import { expect } from 'vitest';
import { addDays } from '../../../domain/shared/dates.ts';
import { idCheckChar } from '../../../domain/shared/id-number.ts';
import type { TestContext } from '../../test-support.ts';
import { makeChildrenService } from '../children/children.service.ts';
import { makePoliciesService } from '../policies/policies.service.ts';
import { makeRegionsService } from '../regions/regions.service.ts';
import { makePayrollService } from './payroll.service.ts';

/** Payroll test helpers: 吴忠 (640302) children registered set-based, services over the test DB. */

export const idNumber = (first17: string) => first17 + idCheckChar(first17);

type Condition = { kind: string; since: string; until?: string };
const deceased = (since: string): Condition => ({ kind: 'deceased', since });
const prison = (since: string, until: string): Condition => ({ kind: 'imprisoned', since, until });

export type Kind = 'fuc' | 'orphan' | 'half';

/** A 吴忠 child: FUC (father dead, mother in prison to 2032), orphan, or half (mother alive: not covered). */
export function childFacts(
  n: number,
  kind: Kind,
  o: { placement?: string; hukou?: string; birth?: string; schooling?: string } = {},
) {
  const birth = o.birth ?? addDays('2012-01-01', n);
  const first17 = `640302${birth.replace(/-/g, '')}${String(n % 1000).padStart(3, '0')}`;
  const mother: Condition[] =
    kind === 'fuc' ? [prison('2020-01-01', '2032-01-01')] : kind === 'orphan' ? [deceased('2021-03-15')] : [];
  return {
    child: {
      idNumber: idNumber(first17),
      name: `儿童${n}`,
      hukouRegion: o.hukou ?? ['640302106001', '640302106', '640302001'][n % 3]!,
      placement: o.placement ?? 'kinship',
      schooling: o.schooling ?? 'compulsory',
    },
    parents: [
      { role: 'father', conditions: [deceased('2019-05-01')] },
      { role: 'mother', conditions: mother },
    ],
    household: { assistance: 'none', receivedMonthlyFen: 0 },
  };
}

export function services(t: TestContext, now?: () => Date) {
  const db = t.database.db;
  const today = () => '2025-12-31';
  const packs = makePoliciesService({ today }).packs;
  const children = makeChildrenService({ db, regions: makeRegionsService({ db }), packs, today });
  const payroll = makePayrollService({ db, children, packs, ...(now ? { now } : {}) });
  return { db, children, payroll, packs };
}

/** Registers confirmed children in batches through the children service's bulk path. */
export async function register(
  t: TestContext,
  items: { facts: ReturnType<typeof childFacts>; confirmedOn: string }[],
): Promise<string[]> {
  const { db, children } = services(t);
  const ids: string[] = [];
  for (let i = 0; i < items.length; i += 500) {
    ids.push(...(await db.transaction((tx) => children.registerConfirmed(tx, items.slice(i, i + 500)))));
  }
  return ids;
}

/** POST /payroll/generate and wait for the job. */
export async function generate(t: TestContext, month: string, as = 'litong-finance', region = '640302') {
  const res = await t.call({
    method: 'POST',
    url: '/api/v1/payroll/generate',
    as,
    payload: { month, region },
  });
  expect(res.statusCode, res.body).toBe(202);
  return waitJob(t, res.json().id, as);
}

export async function waitJob(t: TestContext, id: string, as = 'litong-finance') {
  for (;;) {
    const res = await t.call({ method: 'GET', url: `/api/v1/payroll/jobs/${id}`, as });
    expect(res.statusCode).toBe(200);
    const job = res.json();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function runOf(t: TestContext, month: string, region = '640302') {
  const res = await t.call({
    method: 'GET',
    url: `/api/v1/payroll/runs?month=${month}&region=${region}`,
    as: 'litong-finance',
  });
  return res.json()[0] as { id: string; status: string; totalFen: number; lineCount: number };
}

export async function act(t: TestContext, id: string, action: string, as: string) {
  return t.call({ method: 'POST', url: `/api/v1/payroll/runs/${id}/actions`, as, payload: { action } });
}

export async function lock(t: TestContext, id: string) {
  expect((await act(t, id, 'review', 'litong-finance')).statusCode).toBe(200);
  expect((await act(t, id, 'approve', 'litong-head')).statusCode).toBe(200);
}

export async function dbLines(t: TestContext, where: string, params: unknown[] = []) {
  const { rows } = await t.database.exec(
    `select id, child_id, month, for_month, item, kind, amount_fen, source, bank_status from payroll_lines where ${where} order by id`,
    params,
  );
  return rows as {
    id: string;
    child_id: string;
    month: string;
    for_month: string;
    kind: string;
    amount_fen: number;
    source: string;
    bank_status: string;
  }[];
}
