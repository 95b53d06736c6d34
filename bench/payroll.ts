/**
 * Payroll (issue 5): one month's payroll for N confirmed 吴忠 children through the service —
 * children grouped by shape in SQL, the rules engine once per shape, every child's lines written
 * by one INSERT … SELECT, one transaction — beside the floor: a bare INSERT … SELECT that computes
 * the same amounts in SQL alone (into a table without the real one's keys and indexes). 50,000 children on the embedded
 * database; on PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL) BENCH_PAYROLL_CHILDREN
 * children (default 1,000,000; target < 30 s). BENCH_PAYROLL_EMBEDDED=0 skips the embedded run;
 * BENCH_PAYROLL_KEEP_DB=name keeps (and on the next run reuses) the PostgreSQL database with its children.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Actor } from '../src/domain/access/access.ts';
import { idCheckChar } from '../src/domain/shared/id-number.ts';
import { loadDemo } from '../src/server/modules/demo/demo.ts';
import { makeChildrenService } from '../src/server/modules/children/children.service.ts';
import { makePayrollService, SYSTEM_ACTOR_ID } from '../src/server/modules/payroll/payroll.service.ts';
import { makePoliciesService } from '../src/server/modules/policies/policies.service.ts';
import { makeRegionsService } from '../src/server/modules/regions/regions.service.ts';
import { openDatabase, runMigrations, type Database } from '../src/server/platform/db.ts';
import { isMain, time, type Time } from './time.ts';

const ACTOR: Actor = { userId: SYSTEM_ACTOR_ID, username: 'bench', roles: ['finance'], jurisdiction: '' };
const TOWNSHIPS = ['640302001', '640302002', '640302100', '640302106', '640302200'];

/**
 * Registers n confirmed children set-based: one INSERT … SELECT generate_series for the registry
 * rows (ID numbers with their GB 11643 check digit computed in SQL) and one for their facts
 * versions (the parsed template with each child's own ID, name, birth date and 户籍).
 */
async function seed(database: Database, n: number): Promise<void> {
  const db = database.db;
  const today = () => '2025-12-31';
  const children = makeChildrenService({
    db,
    regions: makeRegionsService({ db }),
    packs: makePoliciesService({ today }).packs,
    today,
  });
  const template = children.parseFacts({
    child: {
      idNumber: `64030220120101001${idCheckChar('64030220120101001')}`,
      name: '基准',
      hukouRegion: '640302001',
      placement: 'kinship',
      schooling: 'compulsory',
    },
    parents: [
      { role: 'father', conditions: [{ kind: 'deceased', since: '2019-05-01' }] },
      { role: 'mother', conditions: [{ kind: 'imprisoned', since: '2020-01-01', until: '2032-01-01' }] },
    ],
    household: { assistance: 'none', receivedMonthlyFen: 0 },
  });
  const townships = `array[${TOWNSHIPS.map((t) => `'${t}'`).join(',')}]::varchar[]`;
  // Birth dates cycle over 5,000 days from 2008-01-01; the sequence number makes each ID unique.
  await database.exec(`
    insert into children (id_number, name, name_pinyin, name_initials, sex, birth_date, hukou_region,
                          residence_region, status, confirmed_at, version)
    select s.first17 || substr('10X98765432', 1 + (select sum(substr(s.first17, k, 1)::int * ((1 << (18 - k)) % 11))
                                                      from generate_series(1, 17) k)::int % 11, 1),
           '儿童' || s.i, 'ertong' || s.i, 'et',
           case when substr(s.first17, 17, 1)::int % 2 = 1 then 'male' else 'female' end,
           s.birth, s.hukou, s.hukou, 'active', date '2024-06-15', 1
      from (select i, date '2008-01-01' + (i % 5000) as birth, (${townships})[1 + i % ${TOWNSHIPS.length}] as hukou,
                   '640302' || to_char(date '2008-01-01' + (i % 5000), 'YYYYMMDD') || lpad((i / 5000)::text, 3, '0')
                     as first17
              from generate_series(0, ${n - 1}) as i) s`);
  const doc = JSON.stringify(template).replace(/'/g, "''");
  await database.exec(`
    insert into child_fact_versions (child_id, version, reason, facts)
    select c.id, 1, 'bench',
           '${doc}'::jsonb || jsonb_build_object('child', ('${doc}'::jsonb -> 'child') || jsonb_build_object(
             'idNumber', c.id_number, 'name', c.name, 'birthDate', c.birth_date::text,
             'hukouRegion', c.hukou_region, 'residenceRegion', c.residence_region))
      from children c
     where c.hukou_region like '640302%'`);
}

/** A kept database (BENCH_PAYROLL_KEEP_DB) is reused when it already holds the children: its payroll is cleared. */
async function seeded(database: Database): Promise<boolean> {
  const { rows } = await database.exec(
    `select count(*)::int as n from children where hukou_region like '640302%'`,
  );
  if (Number(rows[0]?.n ?? 0) === 0) return false;
  await database.exec(
    `drop table if exists floor_lines; truncate payroll_lines, payroll_explanations, payroll_runs`,
  );
  return true;
}

async function run(time: Time, database: Database, n: number, label: string, targetMs?: number) {
  await runMigrations(database);
  const count = n.toLocaleString('en');
  if (!(await seeded(database))) {
    await loadDemo({ db: database.db, regions: makeRegionsService({ db: database.db }) });
    await time(`payroll (${label}): register ${count} confirmed children set-based (setup)`, () =>
      seed(database, n),
    );
  }
  await database.exec('analyze');
  await time(
    `payroll (${label}): floor — bare INSERT … SELECT of the same amounts for ${count} children`,
    async () => {
      await database.exec(`create table floor_lines as select * from payroll_lines with no data`);
      await database.exec(`
      insert into floor_lines (id, run_id, child_id, month, for_month, item, category, amount_fen, paying_region,
                               hukou_region, kind, source, explanation_id)
      select c.id || '|2025-03|fuc-allowance|640302|regular|', gen_random_uuid(), c.id, '2025-03', '2025-03',
             'fuc-allowance', 'de-facto-unsupported',
             case when v.facts->'child'->>'placement' = 'institution' then 160000 else 120000 end,
             substr(c.hukou_region, 1, 6), c.hukou_region, 'regular', '', 0
        from children c join child_fact_versions v on v.child_id = c.id and v.version = c.version
       where c.hukou_region like '640302%' and c.status in ('active', 'exited')`);
    },
  );
  const today = () => '2025-12-31';
  const packs = makePoliciesService({ today }).packs;
  const db = database.db;
  const children = makeChildrenService({ db, regions: makeRegionsService({ db }), packs, today });
  const payroll = makePayrollService({ db, children, packs });
  let result: { totalFen: number; lines: number } | undefined;
  await time(
    `payroll (${label}): generate 2025-03 for ${count} children (group by shape, engine per shape, set-based lines, one transaction)`,
    async () => {
      result = await payroll.generate(ACTOR, { month: '2025-03', region: '640302' }, { actor: ACTOR });
    },
    targetMs,
  );
  const { rows } = await database.exec('select coalesce(sum(amount_fen), 0)::bigint as fen from floor_lines');
  if (Number(rows[0]?.fen) !== result?.totalFen) {
    throw new Error(
      `payroll bench: service total ${result?.totalFen} differs from the floor ${String(rows[0]?.fen)}`,
    );
  }
  await time(`payroll (${label}): re-run the same draft month (replaces its lines)`, async () => {
    await payroll.generate(ACTOR, { month: '2025-03', region: '640302' }, { actor: ACTOR });
  });
}

export async function benchPayroll(time: Time): Promise<void> {
  const embeddedN = Number(process.env.BENCH_PAYROLL_EMBEDDED ?? 50_000);
  if (embeddedN > 0) {
    const embedded = await openDatabase({});
    try {
      await run(time, embedded, embeddedN, 'embedded');
    } finally {
      await embedded.close();
    }
  }
  const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!url) return;
  // BENCH_PAYROLL_KEEP_DB=name keeps the database and its children for the next run (setup of 1M ≈ 2 min).
  const keep = process.env.BENCH_PAYROLL_KEEP_DB;
  const name = keep ?? `tb_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString() });
  try {
    await run(time, database, Number(process.env.BENCH_PAYROLL_CHILDREN ?? 1_000_000), 'PostgreSQL', 30_000);
  } finally {
    await database.close();
    if (keep === undefined) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    }
  }
}

// Standalone: `node bin/run-ts.mjs bench/payroll.ts` (BENCH_PAYROLL_KEEP_DB=name reuses a seeded database).
if (isMain(import.meta.url)) await benchPayroll(time);
