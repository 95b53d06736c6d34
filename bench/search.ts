/**
 * Searching the child registry (issue 4): 1,000,000 children on PostgreSQL when
 * BENCH_DATABASE_URL is set (target p95 < 50 ms per search kind), a smaller set on the embedded
 * PGlite otherwise (said so in the output). Children are generated set-based (INSERT … SELECT
 * generate_series) into a fresh database; each search runs through the registry's own query
 * (childrenRepo.search: jurisdiction scope, first page and total) as a county user would.
 */
import { performance } from 'node:perf_hooks';
import type { Actor } from '../src/domain/access/access.ts';
import { childrenRepo } from '../src/server/modules/children/children.repo.ts';
import { classifySearch } from '../src/server/modules/children/name-search.ts';
import { openDatabase, runMigrations, type Database } from '../src/server/platform/db.ts';

const COUNTIES = 100;
const QUERIES_PER_KIND = 100;
const SURNAMES = [
  ['马', 'ma'],
  ['王', 'wang'],
  ['李', 'li'],
  ['张', 'zhang'],
  ['刘', 'liu'],
  ['杨', 'yang'],
  ['丁', 'ding'],
  ['金', 'jin'],
  ['白', 'bai'],
  ['周', 'zhou'],
  ['吴', 'wu'],
  ['徐', 'xu'],
  ['孙', 'sun'],
  ['胡', 'hu'],
  ['朱', 'zhu'],
  ['高', 'gao'],
] as const;
const GIVEN = [
  ['小', 'xiao'],
  ['花', 'hua'],
  ['明', 'ming'],
  ['兰', 'lan'],
  ['芳', 'fang'],
  ['军', 'jun'],
  ['海', 'hai'],
  ['燕', 'yan'],
  ['文', 'wen'],
  ['春', 'chun'],
  ['玉', 'yu'],
  ['梅', 'mei'],
  ['建', 'jian'],
  ['国', 'guo'],
  ['红', 'hong'],
  ['伟', 'wei'],
  ['丽', 'li'],
  ['静', 'jing'],
  ['强', 'qiang'],
  ['娟', 'juan'],
  ['磊', 'lei'],
  ['霞', 'xia'],
  ['勇', 'yong'],
  ['平', 'ping'],
] as const;

const arr = (xs: readonly string[]) => `array[${xs.map((x) => `'${x}'`).join(',')}]`;
const countyCode = (k: number) =>
  `64${String(10 + Math.floor(k / 10)).padStart(2, '0')}${String(k % 10).padStart(2, '0')}`;

/** One statement: n children over 100 counties × 10 townships × 10 villages. */
function generateSql(n: number): string {
  const s = SURNAMES.length;
  const g = GIVEN.length;
  const sn = arr(SURNAMES.map((x) => x[0]));
  const sp = arr(SURNAMES.map((x) => x[1]));
  const gn = arr(GIVEN.map((x) => x[0]));
  const gp = arr(GIVEN.map((x) => x[1]));
  // county k (0..99): 64 + (10 + k/10) + (k%10) → e.g. 641000 … 641909
  return `
    insert into children (id_number, name, name_pinyin, name_initials, sex, birth_date, hukou_region,
                          residence_region, status, confirmed_at, version)
    select c.county || to_char(c.birth, 'YYYYMMDD') || lpad(c.seq::text, 3, '0') || (c.i % 10)::text,
           (${sn})[1 + c.a] || (${gn})[1 + c.b] || (${gn})[1 + c.c],
           (${sp})[1 + c.a] || (${gp})[1 + c.b] || (${gp})[1 + c.c],
           substr((${sp})[1 + c.a], 1, 1) || substr((${gp})[1 + c.b], 1, 1) || substr((${gp})[1 + c.c], 1, 1),
           case when c.i % 2 = 0 then 'male' else 'female' end,
           c.birth, c.village, c.village,
           case when c.i % 10 < 7 then 'active' else 'registered' end,
           case when c.i % 10 < 7 then date '2025-01-15' else null end,
           1
      from (select i,
                   '64' || lpad((10 + (i % ${COUNTIES}) / 10)::text, 2, '0') || lpad(((i % ${COUNTIES}) % 10)::text, 2, '0') as county,
                   '64' || lpad((10 + (i % ${COUNTIES}) / 10)::text, 2, '0') || lpad(((i % ${COUNTIES}) % 10)::text, 2, '0')
                     || lpad((1 + (i / ${COUNTIES}) % 10)::text, 3, '0')
                     || lpad((1 + (i / ${COUNTIES * 10}) % 10)::text, 3, '0') as village,
                   date '2008-01-01' + (i % 6000) as birth,
                   (i / 6000) % 1000 as seq,
                   (i * 7) % ${s} as a, (i * 13 / ${s}) % ${g} as b, (i * 31 / ${s * g}) % ${g} as c
              from generate_series(0, ${n - 1}) as i) c`;
}

/** Deterministic pseudo-random choices (the same queries on every run). */
function lcg(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x % n;
  };
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

interface Kind {
  name: string;
  /** A search text (or undefined) and a region filter for the i-th query. */
  make: (i: number) => { text?: string; region?: string };
}

export async function benchSearch(): Promise<void> {
  const url = process.env.BENCH_DATABASE_URL;
  const n = Number(process.env.BENCH_SEARCH_SIZE ?? (url ? 1_000_000 : 100_000));
  const where = url ? 'PostgreSQL' : 'embedded PGlite (BENCH_DATABASE_URL not set: smaller set)';
  let admin: Database | undefined;
  let database: Database;
  const dbName = `tongbao_bench_search_${process.pid}`;
  if (url) {
    admin = await openDatabase({ databaseUrl: url });
    await admin.exec(`create database ${dbName}`);
    const target = new URL(url);
    target.pathname = `/${dbName}`;
    database = await openDatabase({ databaseUrl: target.toString() });
  } else {
    database = await openDatabase({});
  }
  try {
    await runMigrations(database);
    const t0 = performance.now();
    await database.exec(generateSql(n));
    await database.exec('analyze children');
    const genMs = Math.round(performance.now() - t0);
    process.stdout.write(
      `${JSON.stringify({ name: `search: generate ${n.toLocaleString('en')} children on ${where}`, ms: genMs })}\n`,
    );

    // Sample real rows to search for (ID numbers, names) inside one county.
    const county = countyCode(37);
    const actor: Actor = {
      userId: 'bench',
      username: 'bench',
      roles: ['county-staff'],
      jurisdiction: county,
    };
    const { rows } = await database.exec(
      `select id_number, name, name_pinyin, name_initials, hukou_region from children
        where hukou_region like $1 order by file_no limit 500`,
      [`${county}%`],
    );
    const pick = lcg(42);
    const row = () => rows[pick(rows.length)]!;
    const kinds: Kind[] = [
      { name: 'ID number (exact)', make: () => ({ text: String(row().id_number) }) },
      { name: 'ID number (last 6 digits)', make: () => ({ text: String(row().id_number).slice(-6) }) },
      { name: 'pinyin initials (e.g. mxh)', make: () => ({ text: String(row().name_initials) }) },
      { name: 'full pinyin prefix', make: () => ({ text: String(row().name_pinyin).slice(0, 6) }) },
      { name: 'name contains (2 characters)', make: () => ({ text: String(row().name).slice(1) }) },
      {
        name: 'region (one township, no text)',
        make: () => ({ region: String(row().hukou_region).slice(0, 9) }),
      },
    ];
    for (const kind of kinds) {
      const times: number[] = [];
      for (let i = 0; i < QUERIES_PER_KIND; i++) {
        const q = kind.make(i);
        const t = performance.now();
        await childrenRepo.search(database.db, actor, {
          ...(q.text ? { text: classifySearch(q.text) } : {}),
          region: q.region,
          page: 1,
          pageSize: 20,
        });
        times.push(performance.now() - t);
      }
      const p50 = Math.round(percentile(times, 50) * 10) / 10;
      const p95 = Math.round(percentile(times, 95) * 10) / 10;
      process.stdout.write(
        `${JSON.stringify({
          name: `search ${n.toLocaleString('en')} children (${url ? 'PostgreSQL' : 'PGlite'}): ${kind.name}`,
          p50Ms: p50,
          p95Ms: p95,
          targetP95Ms: url ? 50 : undefined,
          ok: !url || p95 < 50,
        })}\n`,
      );
    }
  } finally {
    await database.close();
    if (admin) {
      await admin.exec(`drop database if exists ${dbName}`);
      await admin.close();
    }
  }
}

// `node bin/run-ts.mjs bench/search.ts` runs it alone.
if (process.argv.some((a) => a.endsWith('bench/search.ts'))) await benchSearch();
