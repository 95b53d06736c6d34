import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths, addYearMonths, yearMonthOf } from '../../../domain/shared/dates.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { makePoliciesService } from '../policies/policies.service.ts';
import { makeChildrenJobs, scheduleDaily } from './children.jobs.ts';
import { confirmedChild, daysAgo, fucFacts, idNumber, monthsAgo, TODAY } from './test-fixtures.ts';

/**
 * The daily job with a fixed clock: the API builds the children today (real clock); the job runs
 * "as of" a later day, as the server would on that day, and the API shows what it recorded.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const jobsOn = (day: string) => {
  const today = () => day;
  return makeChildrenJobs({ db: t.database.db, packs: makePoliciesService({ today }).packs, today });
};

let seq = 0;
type Facts = ReturnType<typeof fucFacts>;
const newFacts = (birth = '20150401'): Facts =>
  fucFacts({ id: idNumber(`640302${birth}${String(500 + seq++)}`) });

const activeChild = (facts: Facts) => confirmedChild(t, facts);

const file = async (id: string) =>
  (await t.call({ method: 'GET', url: `/api/v1/children/${id}`, as: 'litong-county' })).json();
const exitRows = async (id: string) =>
  (await t.database.exec('select * from child_exits where child_id = $1', [id])).rows;

describe('the daily job records exits that time alone brings', () => {
  it('turning 18 out of school: age-18 on the birthday with the 6-month 渐退期, audited as the system; a second run records nothing', async () => {
    const birthday = addDays(TODAY, 20);
    const born = addMonths(birthday, -18 * 12);
    const facts = newFacts(born.replace(/-/g, ''));
    facts.child.schooling = 'none';
    const id = await activeChild(facts);

    const before = await jobsOn(addDays(TODAY, 10)).runDaily();
    expect(before.exits['age-18'] ?? 0).toBe(0);
    expect((await file(id)).exit).toBeNull();

    const day = addDays(TODAY, 40);
    const first = await jobsOn(day).runDaily();
    expect(first.exits['age-18']).toBeGreaterThanOrEqual(1);
    const lastPaid = addYearMonths(yearMonthOf(birthday), 6);
    expect(await file(id)).toMatchObject({
      status: 'active',
      exitReason: 'age-18',
      exitedAt: birthday,
      exit: {
        reason: 'age-18',
        eventDate: birthday,
        gradualExitMonths: 6,
        lastPaidMonth: lastPaid,
        source: 'time',
      },
    });
    const audit = (await t.auditRows('child.exit')).filter((r) => r.entity_id === id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_username: 'system',
      actor_id: '00000000-0000-0000-0000-000000000000',
    });
    expect(audit[0]?.detail).toMatchObject({ reason: 'age-18', source: 'time', gradualExitMonths: 6 });
    expect((await exitRows(id))[0]).toMatchObject({ recorded_by: null, source: 'time' });

    const again = await jobsOn(day).runDaily();
    expect(again).toMatchObject({ exits: {}, switches: 0, settled: 0, monthsWritten: 0 });
    expect(await exitRows(id)).toHaveLength(1);
  });

  it('turning 18 while still in school keeps the allowance: no exit', async () => {
    const born = addMonths(addDays(TODAY, 20), -18 * 12);
    const facts = newFacts(born.replace(/-/g, ''));
    facts.child.schooling = 'high-school';
    const id = await activeChild(facts);
    await jobsOn(addDays(TODAY, 40)).runDaily();
    expect(await file(id)).toMatchObject({ status: 'active', exitReason: null, exit: null });
  });

  it("a mother's release date passing: parent-released on that date, from the facts as recorded", async () => {
    const facts = newFacts();
    const release = addDays(TODAY, 15);
    facts.parents[1]!.conditions = [{ kind: 'imprisoned', since: monthsAgo(20), until: release }];
    const id = await activeChild(facts);

    await jobsOn(addDays(TODAY, 14)).runDaily();
    expect((await file(id)).exit).toBeNull();

    await jobsOn(addDays(TODAY, 30)).runDaily();
    expect((await file(id)).exit).toMatchObject({
      reason: 'parent-released',
      eventDate: release,
      gradualExitMonths: 6,
      lastPaidMonth: addYearMonths(yearMonthOf(release), 6),
      source: 'time',
    });
  });

  it('the end of a 渐退期 makes the child exited, audited as a status change', async () => {
    const id = await activeChild(newFacts());
    const exit = await t.call({
      method: 'POST',
      url: `/api/v1/children/${id}/exit`,
      as: 'litong-county',
      payload: { reason: 'family-improved', eventDate: daysAgo(5) },
    });
    expect(exit.statusCode, exit.body).toBe(200);
    const lastPaid = exit.json().exit.lastPaidMonth as string;
    expect(exit.json().status).toBe('active');

    // Still within the 渐退期 in its last paid month …
    await jobsOn(`${lastPaid}-15`).runDaily();
    expect((await file(id)).status).toBe('active');
    // … exited from the month after it.
    const result = await jobsOn(`${addYearMonths(lastPaid, 1)}-02`).runDaily();
    expect(result.settled).toBeGreaterThanOrEqual(1);
    expect(await file(id)).toMatchObject({ status: 'exited', exitReason: 'family-improved' });
    const audit = (await t.auditRows('child.status')).filter((r) => r.entity_id === id).at(-1);
    expect(audit).toMatchObject({ actor_username: 'system' });
    expect(audit?.detail).toMatchObject({
      from: { status: 'active' },
      to: { status: 'exited' },
      settled: true,
    });
  });

  it('a child still covered keeps the allowance and gets the months not determined yet', async () => {
    const id = await activeChild(newFacts());
    const later = addMonths(TODAY, 2);
    const result = await jobsOn(later).runDaily();
    expect(result.monthsWritten).toBeGreaterThan(0);
    expect(await file(id)).toMatchObject({ status: 'active', exit: null });
    const view = (
      await t.call({ method: 'GET', url: `/api/v1/children/${id}/determinations`, as: 'litong-county' })
    ).json();
    expect(view.items[0]).toMatchObject({ month: yearMonthOf(later), monthlyTotalFen: 120000 });
    expect(view.items[0].categories).toContain('de-facto-unsupported');
  });
});

describe('scheduleDaily', () => {
  it('runs at start and once per day, never twice on the same day', async () => {
    let day = '2026-01-01';
    const runs: string[] = [];
    const stop = scheduleDaily(
      async () => void runs.push(day),
      () => day,
      () => {},
      5,
    );
    await new Promise((r) => setTimeout(r, 30));
    expect(runs).toEqual(['2026-01-01']);
    day = '2026-01-02';
    await new Promise((r) => setTimeout(r, 30));
    await stop();
    expect(runs).toEqual(['2026-01-01', '2026-01-02']);
  });

  it('retries a failed run at the next check, and logs only the message', async () => {
    let calls = 0;
    const logged: string[] = [];
    const stop = scheduleDaily(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database unreachable');
      },
      () => '2026-01-01',
      (m) => logged.push(m),
      5,
    );
    await new Promise((r) => setTimeout(r, 40));
    await stop();
    expect(calls).toBe(2);
    expect(logged).toEqual(['daily job failed: database unreachable']);
  });
});
