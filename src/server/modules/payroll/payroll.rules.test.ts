import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitlementForMonth } from '../../../domain/payroll/index.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { childFacts, dbLines, generate, register, services } from './test-support.ts';

/**
 * Money rules through the server (ADR 0005): start month, exit, back-pay after a late death
 * record, recovery after a late release record. Lines are read back from the database.
 */
let t: TestContext;
const id = { late: '', half: '', fuc: '', adult: '', died: '' };
beforeAll(async () => {
  t = await createTestContext();
  const [late, half, fuc, adult, died] = await register(t, [
    { facts: childFacts(1, 'fuc'), confirmedOn: '2025-02-10' },
    { facts: childFacts(2, 'half'), confirmedOn: '2024-11-05' },
    { facts: childFacts(3, 'fuc'), confirmedOn: '2024-11-05' },
    // Turns 18 on 2025-02-12, out of school: February is still paid as a child, then the exit runs.
    { facts: childFacts(4, 'fuc', { birth: '2007-02-12', schooling: 'none' }), confirmedOn: '2024-11-05' },
    { facts: childFacts(5, 'fuc'), confirmedOn: '2024-11-05' },
  ]);
  Object.assign(id, { late: late!, half: half!, fuc: fuc!, adult: adult!, died: died! });
  for (const m of ['2025-01', '2025-02']) expect((await generate(t, m)).status).toBe('done');
});
afterAll(() => t.close());

const sumFor = async (child: string, forMonth: string) =>
  (await dbLines(t, 'child_id = $1 and for_month = $2 and kind <> $3', [child, forMonth, 'reissue'])).reduce(
    (a, l) => a + l.amount_fen,
    0,
  );

async function patchFacts(child: string, change: (f: ReturnType<typeof childFacts>) => void) {
  const got = (await t.call({ method: 'GET', url: `/api/v1/children/${child}`, as: 'litong-county' })).json();
  const facts = structuredClone(got.facts) as ReturnType<typeof childFacts>;
  change(facts);
  const res = await t.call({
    method: 'PATCH',
    url: `/api/v1/children/${child}/facts`,
    as: 'litong-county',
    payload: { facts, reason: '补录' },
  });
  expect(res.statusCode, res.body).toBe(200);
}

describe('money rules through the server', () => {
  it('pays from the month after county confirmation, never before', async () => {
    expect(await dbLines(t, 'child_id = $1', [id.late])).toEqual([]);
    await generate(t, '2025-03');
    const march = await dbLines(t, 'child_id = $1', [id.late]);
    expect(march.map((l) => [l.month, l.kind, l.amount_fen])).toEqual([['2025-03', 'regular', 120_000]]);
  });

  it('stops paying after an exit (age 18) and its 渐退期, with no line beyond the last paid month', async () => {
    const { children, packs } = services(t);
    const [rec] = (
      await children.payrollRecords(t.database.db, '640302', '00000000-0000-0000-0000-000000000000', 100)
    ).filter((r) => r.childId === id.adult);
    const months = ['2025-03', '2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10'];
    for (const m of months.slice(1)) await generate(t, m);
    const paid = await dbLines(t, 'child_id = $1', [id.adult]);
    expect(paid.some((l) => l.month === '2025-02')).toBe(true);
    const knownAt = new Date().toISOString();
    const due = months.map((m) =>
      entitlementForMonth(rec!, m, packs(), knownAt).reduce((a, l) => a + l.amountFen, 0),
    );
    for (const [i, m] of months.entries()) expect(await sumFor(id.adult, m)).toBe(due[i]);
    // A 渐退期 of six months after the exit (民发〔2019〕62号), then nothing.
    const stop = due.indexOf(0);
    expect(stop).toBeGreaterThan(5);
    expect(paid.filter((l) => l.month >= months[stop]!)).toEqual([]);
  });

  it('a late death record back-pays the months it covers, explained, in the next payroll', async () => {
    // The mother's death on 2025-01-10, recorded in September: an orphan from February.
    await patchFacts(id.half, (f) => {
      f.parents[1]!.conditions = [{ kind: 'deceased', since: '2025-01-10' }];
    });
    await generate(t, '2025-09');
    const back = await dbLines(t, 'child_id = $1 and kind = $2', [id.half, 'back-pay']);
    expect(back.map((l) => l.for_month)).toEqual([
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
    ]);
    expect(back.every((l) => l.month === '2025-09' && l.amount_fen === 120_000)).toBe(true);
    expect(await sumFor(id.half, '2025-01')).toBe(0);
    const { rows } = await t.database.exec(
      `select e.explanation from payroll_lines l join payroll_explanations e on e.id = l.explanation_id
        where l.child_id = $1 and l.kind = $2 limit 1`,
      [id.half, 'back-pay'],
    );
    expect((rows[0]!.explanation as { text: string }).text).toContain('补发');
  });

  it('a late release record recovers what was paid after the release (negative lines)', async () => {
    await patchFacts(id.fuc, (f) => {
      f.parents[1]!.conditions = [{ kind: 'imprisoned', since: '2020-01-01', until: '2025-02-20' }];
    });
    await generate(t, '2025-10');
    const { children, packs } = services(t);
    const [rec] = (
      await children.payrollRecords(t.database.db, '640302', '00000000-0000-0000-0000-000000000000', 100)
    ).filter((r) => r.childId === id.fuc);
    const recovery = await dbLines(t, 'child_id = $1 and kind = $2', [id.fuc, 'recovery']);
    // Released 20 February: 渐退期 March–August, so September was paid but is not owed.
    expect(recovery.map((l) => [l.for_month, l.amount_fen])).toEqual([['2025-09', -120_000]]);
    expect(recovery.every((l) => l.amount_fen < 0 && l.month === '2025-10')).toBe(true);
    const knownAt = new Date().toISOString();
    for (const m of [
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
    ]) {
      const due = entitlementForMonth(rec!, m, packs(), knownAt).reduce((a, l) => a + l.amountFen, 0);
      expect(await sumFor(id.fuc, m)).toBe(due);
    }
  });

  it('generating the same month again adds no correction twice', async () => {
    const before = await dbLines(t, "month = '2025-10'");
    await generate(t, '2025-10');
    expect(await dbLines(t, "month = '2025-10'")).toEqual(before);
  });

  it('a death recorded late (an exit) recovers every month paid after it, in the next payroll', async () => {
    const exit = await t.call({
      method: 'POST',
      url: `/api/v1/children/${id.died}/exit`,
      as: 'litong-county',
      payload: { reason: 'died', eventDate: '2025-04-10' },
    });
    expect(exit.statusCode, exit.body).toBeLessThan(300);
    const paidBefore = await sumFor(id.died, '2025-06');
    expect(paidBefore).toBe(120_000);
    await generate(t, '2025-11');
    const recovery = await dbLines(t, 'child_id = $1 and kind = $2', [id.died, 'recovery']);
    // Death has no 渐退期: April (the event month) stays paid, May–October are recovered.
    expect(recovery.map((l) => [l.for_month, l.amount_fen])).toEqual(
      ['2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10'].map((m) => [m, -120_000]),
    );
    expect(await sumFor(id.died, '2025-04')).toBe(120_000);
    expect(
      await dbLines(t, 'child_id = $1 and month = $2 and kind = $3', [id.died, '2025-11', 'regular']),
    ).toEqual([]);
  });
});
