import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitlementForMonth, settle, type PayrollLine } from '../../../domain/payroll/index.ts';
import type { Actor } from '../../../domain/access/access.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { SYSTEM_ACTOR_ID } from './payroll.service.ts';
import { childFacts, register, services, type Kind } from './test-support.ts';

/**
 * The set-based generation (children grouped by shape in SQL, each shape evaluated once) writes
 * exactly the lines the domain computes child by child from the registry's payroll records:
 * same ids, amounts, kinds and explanations — across ages, placements, late fact versions,
 * exits and the settlement of earlier months.
 */
let t: TestContext;
const ACTOR: Actor = { userId: SYSTEM_ACTOR_ID, username: 'test', roles: ['finance'], jurisdiction: '' };
const FIRST = '00000000-0000-0000-0000-000000000000';
let clock = new Date();
const ids: string[] = [];

beforeAll(async () => {
  t = await createTestContext();
  const kinds: Kind[] = ['fuc', 'orphan', 'half'];
  const items = Array.from({ length: 60 }, (_, n) => ({
    facts: childFacts(n, kinds[n % 3]!, {
      // Some turn 18 during the year; some live in institutions; some are out of school.
      birth: n % 5 === 0 ? `2007-0${1 + (n % 9)}-1${n % 10}` : `201${n % 10}-0${1 + (n % 9)}-0${1 + (n % 9)}`,
      placement: n % 4 === 0 ? 'institution' : 'kinship',
      schooling: n % 7 === 0 ? 'none' : 'compulsory',
    }),
    confirmedOn: n % 6 === 0 ? '2025-01-05' : '2024-10-15',
  }));
  // A 吴忠 FUC child living in 大兴 since 2023 (大兴's standard is higher: 补差发放 there).
  const migrant = childFacts(60, 'fuc', { birth: '2013-04-04' });
  items.push({
    facts: {
      ...migrant,
      child: { ...migrant.child, residenceRegion: '110115001', residentSince: '2023-01-01' },
    } as typeof migrant,
    confirmedOn: '2024-10-15',
  });
  ids.push(...(await register(t, items)));
  base = Date.now();
});

/** Instants after the registration (which stamps the wall clock), in hours. */
let base = 0;
const hour = (h: number) => new Date(base + h * 3_600_000).toISOString();

/** A later facts version of one child: parent `role` (0 father, 1 mother) with these conditions. */
async function lateVersion(child: string, conditions: unknown[], recordedAt: string) {
  await t.database.exec(
    `insert into child_fact_versions (child_id, version, reason, facts, recorded_at)
     select child_id, version + 1, '补录', jsonb_set(facts, '{parents,1,conditions}', $2::jsonb), $3
       from child_fact_versions where child_id = $1 order by version desc limit 1`,
    [child, JSON.stringify(conditions), recordedAt],
  );
}
afterAll(() => t.close());

async function generate(month: string, at: string, region = '640302') {
  clock = new Date(at);
  const { payroll } = services(t, () => clock);
  return payroll.generate(ACTOR, { month, region }, { actor: ACTOR });
}

async function stored(where: string, params: unknown[]) {
  const { rows } = await t.database.exec(
    `select id, child_id, month, for_month, item, placement, category, amount_fen, paying_region, hukou_region,
            kind, source, (select e.explanation from payroll_explanations e where e.id = explanation_id) as explanation
       from payroll_lines where ${where} order by id`,
    params,
  );
  return rows.map((r): PayrollLine => ({
    id: r.id as string,
    childId: r.child_id as string,
    month: r.month as string,
    forMonth: r.for_month as string,
    item: r.item as PayrollLine['item'],
    ...(r.placement ? { placement: r.placement as NonNullable<PayrollLine['placement']> } : {}),
    category: r.category as PayrollLine['category'],
    amountFen: Number(r.amount_fen),
    payingRegion: r.paying_region as string,
    hukouRegion: r.hukou_region as string,
    kind: r.kind as PayrollLine['kind'],
    source: r.source as string,
    explanation: r.explanation as PayrollLine['explanation'],
  }));
}

/** What the domain computes child by child for the month, from the registry and the stored lines. */
async function expected(month: string, from: string) {
  const { children, packs } = services(t);
  const knownAt = clock.toISOString();
  const records = await children.payrollRecords(t.database.db, '640302', FIRST, 1000);
  const paid = await stored('month < $1', [month]);
  return records
    .flatMap((r) => [
      ...entitlementForMonth(r, month, packs(), knownAt),
      ...settle(
        r,
        month,
        paid.filter((l) => l.childId === r.childId),
        packs(),
        knownAt,
        { from },
      ),
    ])
    .filter((l) => l.payingRegion === '640302')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe('set-based generation equals the per-child computation', () => {
  it('on the county’s first payroll', async () => {
    const result = await generate('2025-01', hour(1));
    const want = await expected('2025-01', '2025-01');
    expect(want.length).toBeGreaterThan(20);
    expect(await stored('month = $1', ['2025-01'])).toEqual(want);
    expect(result.totalFen).toBe(want.reduce((a, l) => a + l.amountFen, 0));
    expect(result.children).toBe(new Set(want.map((l) => l.childId)).size);
  });

  it('after late fact versions and exits, with back-pay and recovery of earlier months', async () => {
    await generate('2025-02', hour(2));
    // A parent's death and a release recorded late; a death recorded as an exit.
    await lateVersion(ids[2]!, [{ kind: 'deceased', since: '2025-01-10' }], hour(3));
    await lateVersion(ids[1]!, [{ kind: 'imprisoned', since: '2020-01-01', until: '2025-01-20' }], hour(3));
    // Known only after the April payroll's instant: no effect yet.
    await lateVersion(ids[7]!, [{ kind: 'imprisoned', since: '2020-01-01', until: '2025-01-20' }], hour(5));
    await t.database.exec(
      `update children set status = 'exited', exit_reason = 'died', exited_at = '2025-02-03',
              updated_at = $2 where id = $1`,
      [ids[4]!, hour(3)],
    );
    const result = await generate('2025-04', hour(4));
    const want = await expected('2025-04', '2025-01');
    expect(want.some((l) => l.kind === 'recovery')).toBe(true);
    expect(await stored('month = $1', ['2025-04'])).toEqual(want);
    expect(result.totalFen).toBe(want.reduce((a, l) => a + l.amountFen, 0));
    expect(result.children).toBe(new Set(want.map((l) => l.childId)).size);
  });

  it("the residence county pays a migrant's top-up in its own payroll, the 户籍 county its own standard", async () => {
    const migrant = ids[60]!;
    const at = hour(6);
    await generate('2025-05', at);
    const home = await stored('child_id = $1 and month = $2', [migrant, '2025-05']);
    expect(home.map((l) => [l.payingRegion, l.amountFen])).toEqual([['640302', 120_000]]);
    const result = await generate('2025-05', at, '110115');
    const there = await stored('child_id = $1 and month = $2 and paying_region = $3', [
      migrant,
      '2025-05',
      '110115',
    ]);
    // 大兴 2,650 yuan a month against 吴忠's 1,200: the difference only.
    expect(there.map((l) => [l.kind, l.amountFen])).toEqual([['regular', 145_000]]);
    expect(there[0]!.explanation.text).toContain('补差');
    expect(result.runs.map((r) => r.region)).toEqual(['110115']);
    const { rows } = await t.database.exec(
      `select r.region from payroll_lines l join payroll_runs r on r.id = l.run_id where l.id = $1`,
      [there[0]!.id],
    );
    expect(rows[0]!.region).toBe('110115');
  });

  it('children with no facts version known at the instant (all recorded later) are keyed alike', async () => {
    const before = new Date(base - 3_600_000).toISOString();
    await generate('2025-06', before);
    const want = await expected('2025-06', '2025-01');
    expect(want.length).toBeGreaterThan(0);
    expect(await stored('month = $1', ['2025-06'])).toEqual(want);
  });
});
