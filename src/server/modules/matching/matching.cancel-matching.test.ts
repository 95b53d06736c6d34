import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/access/access.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { createTestContext, type TestContext } from '../../test-support.ts';
import { makeApplicationsService } from '../applications/applications.service.ts';
import { toActor } from '../auth/auth.service.ts';
import { makeChildrenService, type ChildrenService } from '../children/children.service.ts';
import { daysAgo, idNumber, TODAY } from '../children/test-fixtures.ts';
import { makePoliciesService } from '../policies/policies.service.ts';
import { makeRegionsService } from '../regions/regions.service.ts';
import { usersRepo } from '../users/users.repo.ts';
import { matchHasher } from './matching.keys.ts';
import { makeMatchingService, type MatchingService } from './matching.service.ts';
import { csvOf, registerFamily } from './matching.test-support.ts';
import type { RosterView } from './matching.views.ts';

/**
 * Cancelling an upload after its file is read, while its people are being matched (decideRoster,
 * in chunks): the matching is cut short, nothing of the roster remains, the registry is untouched,
 * and the same roster uploaded again is matched as if the first upload had never happened.
 *
 * The service is built here with its own dependencies so that the registry reads of the matching
 * phase (children.factsOfVersions, one per chunk) can be held: the cancel then lands inside the
 * matching phase by construction, not by timing.
 */
let t: TestContext;
let matching: MatchingService;
let actor: Actor;
let ctx: AuditContext;
let filesDir: string;
const childIds: string[] = [];

/** Registered children whose father dies in the roster (a review lead each when matched). */
const FAMILIES = 3;
/** Dead minors, unregistered: each is a seed of the matching phase (several chunks), none a lead. */
const MINORS = 8000;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const father = (i: number) => idNumber(`64030219850${i + 1}01${i}11`);
const mother = (i: number) => idNumber(`64030219870${i + 1}01${i}12`);
const child = (i: number) => idNumber(`64030220160${i + 1}01${i}13`);
const minor = (i: number) => idNumber(`64030220150${Math.floor(i / 1000) + 1}01${pad(i % 1000, 3)}`);

const roster = csvOf(
  ['姓名', '公民身份号码', '死亡日期'],
  [
    ...Array.from({ length: FAMILIES }, (_, i) => ['马大海', father(i), daysAgo(10)]),
    ...Array.from({ length: MINORS }, (_, i) => ['某某', minor(i), daysAgo(3)]),
  ],
);

/**
 * Which roster is watched, whether its matching-phase registry reads are held, and how many it
 * made. A read is of the matching phase when the roster's own view says so; the registry refresh
 * before reading (same function) passes.
 */
const gate = {
  rosterId: undefined as string | undefined,
  holding: false,
  reads: 0,
  waiting: [] as (() => void)[],
  inFlight: new Set<Promise<unknown>>(),
  onHeld: () => {},
  /** Lets one held read go on (the oldest). */
  releaseOne() {
    gate.waiting.shift()?.();
  },
  releaseAll() {
    const w = gate.waiting;
    gate.waiting = [];
    for (const go of w) go();
  },
};

async function inMatchingPhase(): Promise<boolean> {
  if (gate.rosterId === undefined) return false;
  return (await matching.getRoster(actor, gate.rosterId)).progress?.phase === 'matching';
}

function gated(children: ChildrenService): ChildrenService {
  return {
    ...children,
    factsOfVersions(versions) {
      const read = (async () => {
        if (await inMatchingPhase()) {
          gate.reads += 1;
          if (gate.holding)
            await new Promise<void>((go) => {
              gate.waiting.push(go);
              gate.onHeld();
            });
        }
        return children.factsOfVersions(versions);
      })();
      gate.inFlight.add(read);
      void read.finally(() => gate.inFlight.delete(read)).catch(() => undefined);
      return read;
    },
  };
}

/** Starts the upload of `csv` as from the page (the job runs on; the view comes back at once). */
async function upload(csv: string): Promise<RosterView> {
  const filePath = path.join(filesDir, `${randomUUID()}.csv`);
  fs.writeFileSync(filePath, csv);
  return matching.upload(
    actor,
    { type: 'death', sourceDepartment: '公安局', filePath, fileName: 'death.csv' },
    ctx,
  );
}

async function finished(id: string): Promise<RosterView> {
  for (let i = 0; i < 2400; i++) {
    const v = await matching.getRoster(actor, id);
    if (v.status !== 'running') return v;
    await new Promise((ok) => setTimeout(ok, 25));
  }
  throw new Error('roster did not finish');
}

const count = async (sql: string, params: unknown[] = []) =>
  Number((await t.database.exec(sql, params)).rows[0]!.n);
const registrySnapshot = async () => ({
  children: (await t.database.exec('select * from children order by id')).rows,
  versions: (
    await t.database.exec(
      'select child_id, version, facts::text as facts from child_fact_versions order by child_id, version',
    )
  ).rows,
});

beforeAll(async () => {
  t = await createTestContext();
  for (let i = 0; i < FAMILIES; i++) {
    childIds.push(
      await registerFamily(
        t,
        { child: child(i), father: father(i), mother: mother(i) },
        `马小${'一二三'[i]}`,
      ),
    );
  }

  const database = t.database;
  const db = database.db;
  const today = () => TODAY;
  const regions = makeRegionsService({ db });
  const packs = makePoliciesService({ today }).packs;
  const children = makeChildrenService({ db, regions, packs, today });
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-cancel-matching-'));
  matching = makeMatchingService({
    database,
    children: gated(children),
    applications: makeApplicationsService({ db, children, regions, packs, today }),
    regions,
    packs,
    today,
    hasher: matchHasher(database, undefined),
    filesDir,
  });
  const user = await usersRepo.findByUsername(db, 'litong-county');
  actor = toActor(user!);
  ctx = { actor, ip: '127.0.0.1' };
});
afterAll(async () => {
  gate.releaseAll();
  await Promise.allSettled([...gate.inFlight]);
  await t.close();
  if (filesDir) fs.rmSync(filesDir, { recursive: true, force: true });
});

describe('cancelling an upload during its matching phase', () => {
  let cancelledReads = 0;

  it('rolls back: roster cancelled, no rows, no leads, the registry untouched, audited', async () => {
    const before = await registrySnapshot();
    const held = new Promise<void>((ok) => (gate.onHeld = ok));
    gate.holding = true;
    const started = await upload(roster);
    expect(started.status).toBe('running');
    const id = started.id;
    gate.rosterId = id;
    await Promise.race([
      held,
      finished(id).then((v) => {
        throw new Error(`roster ended (${v.status}) before its matching phase was held`);
      }),
    ]);

    // Held inside the matching phase: the file is read and stored, chunks of people remain.
    const during = await matching.getRoster(actor, id);
    expect(during.status).toBe('running');
    expect(during.progress).toMatchObject({ phase: 'matching', rowsRead: FAMILIES + MINORS });
    expect(during.progress!.toMatch).toBeGreaterThanOrEqual(MINORS);
    expect(during.progress!.matched).toBeLessThan(during.progress!.toMatch);
    const rowsOf = 'select count(*)::int as n from roster_records where roster_id = $1';
    expect(await count(rowsOf, [id])).toBe(FAMILIES + MINORS);

    // Cancel (it sets the job's flag, then waits for the job), letting held chunks go on one at a
    // time: once the flag is set, the next chunk boundary ends the matching phase. One chunk a
    // step, so the cancel takes effect with most of the phase still to go.
    // Only held reads are counted: the cancel's own clean-up (rollback, deleting the rows) takes
    // as many round trips as it takes, which a bound on loop steps made a race.
    let settled = false;
    let released = 0;
    const cancelling = matching.cancel(actor, id, ctx).finally(() => (settled = true));
    while (!settled) {
      await t.database.exec('select 1');
      if (gate.waiting.length > 0) {
        released += 1;
        gate.releaseOne();
      }
      await new Promise((ok) => setTimeout(ok, 1));
    }
    // The phase has about 9 chunks: the flag ended it at the next boundaries, not at its end.
    expect(released).toBeLessThan(5);
    const view = await cancelling;
    // The other lane, still held when the first one stopped, ends too (at its own boundary).
    gate.releaseAll();
    await Promise.allSettled([...gate.inFlight]);
    cancelledReads = gate.reads;
    gate.holding = false;

    expect(view).toMatchObject({
      id,
      status: 'cancelled',
      progress: null,
      newLeads: null,
      message: '已取消',
    });
    expect(await count(rowsOf, [id])).toBe(0);
    expect(await count('select count(*)::int as n from match_leads where roster_id = $1', [id])).toBe(0);
    expect(await count('select count(*)::int as n from match_leads')).toBe(0);
    expect(await registrySnapshot()).toEqual(before);
    expect((await t.auditRows('matching.cancel')).map((a) => a.entity_id)).toEqual([id]);
    expect((await t.auditRows('matching.upload')).map((a) => a.entity_id)).not.toContain(id);
    const page = await t.call({ method: 'GET', url: `/api/v1/matching/rosters/${id}`, as: 'litong-county' });
    expect(page.json()).toMatchObject({ status: 'cancelled', progress: null });
    expect(fs.readdirSync(filesDir)).toEqual([]);
  });

  it('the same roster uploaded again is matched in full, with the leads it should have had', async () => {
    expect(cancelledReads).toBeGreaterThan(0);
    gate.reads = 0;
    const started = await upload(roster);
    gate.rosterId = started.id;
    const done = await finished(started.id);

    expect(done).toMatchObject({
      status: 'done',
      rows: FAMILIES + MINORS,
      rejected: 0,
      newLeads: { discover: 0, review: FAMILIES, conflict: 0, 'data-quality': 0 },
    });
    // The cancelled upload stopped with chunks of its matching phase still to go.
    expect(gate.reads).toBeGreaterThan(cancelledReads);
    const { rows } = await t.database.exec(
      'select lead_type, rule, file_ids from match_leads where roster_id = $1 order by file_ids::text',
      [started.id],
    );
    expect(rows.map((r) => [r.lead_type, r.rule])).toEqual(
      Array.from({ length: FAMILIES }, () => ['review', 'review.parent-died']),
    );
    expect(rows.flatMap((r) => r.file_ids as string[]).sort()).toEqual([...childIds].sort());
    expect(await count('select count(*)::int as n from match_leads')).toBe(FAMILIES);
    expect(
      await count('select count(*)::int as n from roster_records where roster_id = $1', [started.id]),
    ).toBe(FAMILIES + MINORS);
    expect((await t.auditRows('matching.upload')).map((a) => a.entity_id)).toEqual([started.id]);
  });
});
