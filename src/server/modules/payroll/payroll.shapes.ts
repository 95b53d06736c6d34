import { sql, type SQL } from 'drizzle-orm';
import { ExitReason } from '../../../domain/eligibility/codes.ts';
import type { PayrollLine, Shape } from '../../../domain/payroll/index.ts';
import type { Db } from '../../platform/db.ts';

/**
 * Set-based payroll input (ADR 0005, "Speed"): a county's confirmed children grouped in the
 * database by their `Shape` — what the entitlement reads, without who the child is — in
 * temporary tables that live until the transaction ends:
 *
 *   pay_children (child_id, key)          key = SHA-256 of the child's shape parts
 *   pay_shapes   (shape_id, key, n, rep)  one row per distinct shape, n children, rep = one of them
 *   pay_templates                         the lines of one shape, written by the service
 *   pay_due (shape_id, …, fen)            a shape's entitlement of earlier months (settlement)
 *   pay_unsettled (child_id)              children paid other than their shape is owed
 *
 * The shape is built here as the registry's payroll record (children.payroll.ts) and the domain
 * (`shapeOf`) see the child: the facts version and the exit as known at the payroll's instant
 * (compared to the millisecond, as the record's ISO instants are), without the child's name and
 * ID number. (Parents' ID numbers stay: removing them would only let more children share.) The
 * tests compare the generated lines with the domain's own per-child computation.
 */

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

const inCounty = (
  county: string,
) => sql`(c.hukou_region like ${`${county}%`} or c.residence_region like ${`${county}%`})
       and c.status in ('active', 'exited') and c.confirmed_at is not null`;

/** Recorded at or before the instant, compared to the millisecond as the record's ISO instants are. */
const knownBy = (knownAt: string) =>
  sql`date_trunc('milliseconds', v.recorded_at) <= ${knownAt}::timestamptz`;

/**
 * The facts version known at the instant (latest recording to the millisecond, ties to the higher
 * version, as `factsKnownAt`) of one child `c`: an index lookup, for a page of representatives.
 */
const versionOfChild = (knownAt: string) => sql`left join lateral (
        select v.facts, v.shape_key from child_fact_versions v
         where v.child_id = c.id and ${knownBy(knownAt)}
         order by date_trunc('milliseconds', v.recorded_at) desc, v.version desc
         limit 1) v on true`;

/**
 * Each confirmed child whose 户籍 is in the county, or who lives there (the residence county pays
 * a migrant's top-up, 补差发放; the service keeps only the lines the county pays), with its facts
 * version known at the instant (`v`) and whether the exit is known (`p.exit_known`).
 */
function pieces(county: string, knownAt: string, version: SQL, only?: SQL) {
  return sql`
      from children c
      ${version}
      cross join lateral (
        select case when c.exit_reason = any(${sql.param([...ExitReason.options])}::text[])
                         and c.exited_at is not null
                    then date_trunc('milliseconds', coalesce(
                           (select max(e.recorded_at) from child_exits e
                             where e.child_id = c.id and e.reason = c.exit_reason and e.event_date = c.exited_at),
                           c.updated_at)) <= ${knownAt}::timestamptz
                    else false end as exit_known) p
     where ${inCounty(county)} ${only ?? sql``}`;
}

/**
 * SHA-256 of the shape's parts (each delimited unambiguously). The facts part is the version's
 * stored `shape_key` (children.schema.ts): the SHA-256 of the same document `SHAPE` carries —
 * without the child's name, and without the ID number when the birth date is there — computed
 * when the version was written, so grouping hashes a short text per child, not its document.
 */
const SHAPE_KEY = sql`sha256(convert_to(c.hukou_region || '|' || c.confirmed_at::text || '|'
  || case when p.exit_known then c.exit_reason || '|' || c.exited_at::text else '' end || '|'
  || coalesce(v.shape_key, ''), 'UTF8'))`;

/** The `Shape` the key stands for (the facts as `shape_key` hashes them). */
const SHAPE = sql`jsonb_build_object('hukouRegion', c.hukou_region, 'confirmedOn', c.confirmed_at::text)
  || case when v.facts is null then '{}'::jsonb
          else jsonb_build_object('facts', (v.facts - 'child') || jsonb_build_object('child',
                 case when v.facts -> 'child' ? 'birthDate' then (v.facts -> 'child') - 'name' - 'idNumber'
                      else (v.facts -> 'child') - 'name' end)) end
  || case when p.exit_known then jsonb_build_object('exit',
            jsonb_build_object('reason', c.exit_reason, 'eventDate', c.exited_at::text))
          else '{}'::jsonb end`;

export const shapesRepo = {
  /** Groups the county's confirmed children by shape; returns the number of shapes. */
  async group(db: Db, county: string, knownAt: string): Promise<number> {
    // Large one-off statements: compiling them to machine code costs more than it saves.
    await db.execute(sql`set local jit = off`);
    // Grouping a county of a million children by key is one hash aggregate: let it stay in memory.
    await db.execute(sql`set local work_mem = '256MB'`);
    // The version known at the instant of every child at once, by the same rule as
    // versionOfChild: one join and one sort of the county's versions (DISTINCT ON), then the
    // children without any version known. A million index lookups into a table larger than the
    // buffer cache cost twice as much. The rows come out in child id order (but for children
    // without a version, appended): expand reads them in this order, so the lines' primary key and
    // (child, month) index fill page by page without sorting the wide lines themselves.
    await db.execute(sql`
      create temp table pay_children on commit drop as
      select k.child_id, k.key from (
        select distinct on (c.id) c.id as child_id, ${SHAPE_KEY} as key
          ${pieces(county, knownAt, sql`join child_fact_versions v on v.child_id = c.id and ${knownBy(knownAt)}`)}
         order by c.id, date_trunc('milliseconds', v.recorded_at) desc, v.version desc) k
      union all
      select c.id, ${SHAPE_KEY}
        ${pieces(
          county,
          knownAt,
          sql`cross join (select null::text as shape_key) v`,
          sql`and not exists (select 1 from child_fact_versions v where v.child_id = c.id and ${knownBy(knownAt)})`,
        )}`);
    await db.execute(sql`
      create temp table pay_shapes on commit drop as
      select (row_number() over ())::int as shape_id, s.key, s.n, s.rep
        from (select key, count(*)::int as n, min(child_id::text)::uuid as rep from pay_children group by key) s`);
    await db.execute(sql`alter table pay_shapes add primary key (shape_id)`);
    // Statistics, so the planner joins the million children by hashing the few shapes (see expand).
    await db.execute(sql`analyze pay_children, pay_shapes`);
    await db.execute(sql`
      create temp table pay_templates (shape_id int not null, suffix text not null, month varchar(7),
        for_month varchar(7), item varchar(32), placement varchar(16), category varchar(32), amount_fen int,
        paying_region varchar(6), hukou_region varchar(12), kind varchar(16), source text, explanation_id bigint)
      on commit drop`);
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from pay_shapes`));
    return row?.n ?? 0;
  },

  /**
   * One page of shapes in id order, each built from its first child (all its children are alike).
   * `same` is false when that child's file changed since the grouping (a concurrent correction).
   */
  async page(
    db: Db,
    county: string,
    knownAt: string,
    which: { after: number; limit: number } | { ids: readonly number[] },
  ) {
    if ('ids' in which && which.ids.length === 0) return [];
    const chosen =
      'ids' in which
        ? sql`select * from pay_shapes where shape_id = any(${sql.param([...which.ids])}::int[])`
        : sql`select * from pay_shapes where shape_id > ${which.after} order by shape_id limit ${which.limit}`;
    const res = await db.execute(sql`
      select s.shape_id, r.shape, s.n, r.key = s.key as same
        from (${chosen}) s
        left join lateral (select ${SHAPE_KEY} as key, ${SHAPE} as shape
                             ${pieces(county, knownAt, versionOfChild(knownAt), sql`and c.id = s.rep`)}) r on true
       order by s.shape_id`);
    return rowsOf<{ shape_id: number; shape: Shape; n: number; same: boolean | null }>(res);
  },

  /**
   * A shape's lines with the child id left out of the line id (`child_id || suffix` is the id),
   * each explanation stored once for the run (payroll_explanations) and referenced.
   */
  async addTemplates(
    db: Db,
    runId: string,
    templates: readonly { shapeId: number; line: PayrollLine; suffix: string }[],
  ) {
    if (templates.length === 0) return;
    const rows = templates.map(({ shapeId, line, suffix }) => ({ ...line, shapeId, suffix }));
    await db.execute(sql`
      with u as (
        select * from json_to_recordset(${JSON.stringify(rows)}::json)
          as u("shapeId" int, suffix text, month varchar, "forMonth" varchar, item varchar, placement varchar,
               category varchar, "amountFen" int, "payingRegion" varchar, "hukouRegion" varchar, kind varchar,
               source text, explanation jsonb)),
      e as (
        insert into payroll_explanations (run_id, explanation)
        select distinct ${runId}::uuid, explanation from u returning id, explanation)
      insert into pay_templates
      select u."shapeId", u.suffix, u.month, u."forMonth", u.item, u.placement, u.category, u."amountFen",
             u."payingRegion", u."hukouRegion", u.kind, u.source, e.id
        from u join e on e.explanation = u.explanation`);
  },

  /**
   * Every child gets its shape's lines: one INSERT … SELECT for the whole county. pay_children is
   * read first and in child id order (hash joins on the analysed temporary tables keep the probe
   * side's order), so the lines' primary key and (child, month) index fill page by page; the
   * order only matters for speed.
   *
   * A plain insert, not ON CONFLICT DO NOTHING (which probes the unique indexes before every
   * insert): no line can already have these ids — the run's earlier lines were deleted under the
   * county-month lock, its reissues have another kind, other runs another month or paying county,
   * and each child appears once. Were one there, the primary key would fail the whole generation
   * (one transaction) instead of skipping it: never paid twice either way, and never silently.
   */
  async expand(db: Db, runId: string): Promise<void> {
    // Without statistics the planner sorted the million children by shape key to merge-join them:
    // lines then arrived in random id order and cost twice as much to index.
    await db.execute(sql`analyze pay_templates`);
    await db.execute(sql`
      insert into payroll_lines (id, run_id, child_id, month, for_month, item, placement, category, amount_fen,
                                 paying_region, hukou_region, kind, source, explanation_id)
      select c.child_id::text || t.suffix, ${runId}::uuid, c.child_id, t.month, t.for_month, t.item, t.placement,
             t.category, t.amount_fen, t.paying_region, t.hukou_region, t.kind, t.source, t.explanation_id
        from pay_children c join pay_shapes s on s.key = c.key join pay_templates t on t.shape_id = s.shape_id`);
  },

  async createDue(db: Db): Promise<void> {
    await db.execute(sql`
      create temp table pay_due (shape_id int not null, for_month varchar(7) not null, item varchar(32) not null,
        paying_region varchar(6) not null, fen bigint not null) on commit drop`);
  },

  /** A shape's entitlement for earlier months, summed by (month, item, paying county). */
  async addDue(
    db: Db,
    due: readonly { shapeId: number; forMonth: string; item: string; payingRegion: string; fen: number }[],
  ) {
    if (due.length === 0) return;
    await db.execute(sql`
      insert into pay_due
      select u."shapeId", u."forMonth", u.item, u."payingRegion", u.fen
        from json_to_recordset(${JSON.stringify(due)}::json)
          as u("shapeId" int, "forMonth" varchar, item varchar, "payingRegion" varchar, fen bigint)`);
  },

  /**
   * The children whose earlier months, from `from` on, were paid other than their shape is now
   * owed (what settle would correct): stored lines of earlier payrolls, failed ones included,
   * reissues excluded, against the shape's entitlement, by (month, item, paying county).
   */
  async markUnsettled(db: Db, county: string, month: string, from: string): Promise<number> {
    await db.execute(sql`
      create temp table pay_unsettled on commit drop as
      select distinct x.child_id from (
        select c.child_id, d.for_month, d.item, d.paying_region, d.fen
          from pay_children c join pay_shapes s on s.key = c.key join pay_due d on d.shape_id = s.shape_id
        union all
        select l.child_id, l.for_month, l.item, l.paying_region, -l.amount_fen
          from payroll_lines l join pay_children c on c.child_id = l.child_id
         where l.month < ${month} and l.for_month >= ${from} and l.kind <> 'reissue'
           and l.paying_region = ${county}
      ) x
       group by x.child_id, x.for_month, x.item, x.paying_region
      having sum(x.fen) <> 0`);
    await db.execute(sql`alter table pay_unsettled add primary key (child_id)`);
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from pay_unsettled`));
    return row?.n ?? 0;
  },

  /** One batch of unsettled children with their shapes, in id order. */
  async unsettled(db: Db, afterId: string, limit: number) {
    const res = await db.execute(sql`
      select u.child_id, s.shape_id
        from pay_unsettled u join pay_children c on c.child_id = u.child_id
        join pay_shapes s on s.key = c.key
       where u.child_id > ${afterId}::uuid
       order by u.child_id limit ${limit}`);
    return rowsOf<{ child_id: string; shape_id: number }>(res);
  },

  /** Counties under `region` where confirmed children live outside their 户籍 county (top-ups). */
  async residenceCounties(db: Db, region: string): Promise<string[]> {
    const res = await db.execute(sql`
      select distinct substr(residence_region, 1, 6) as county from children
       where residence_region like ${`${region}%`} and substr(residence_region, 1, 6) <> substr(hukou_region, 1, 6)
         and status in ('active', 'exited') and confirmed_at is not null
       order by 1`);
    return rowsOf<{ county: string }>(res).map((r) => r.county);
  },

  /** Children of the run with no regular line (only corrections or reissues). */
  async childrenWithoutRegular(db: Db, runId: string, month: string): Promise<number> {
    const res = await db.execute(sql`
      select count(distinct l.child_id)::int as n from payroll_lines l
       where l.run_id = ${runId}::uuid and l.kind <> 'regular'
         and not exists (select 1 from payroll_lines r
                          where r.child_id = l.child_id and r.month = ${month} and r.run_id = l.run_id
                            and r.kind = 'regular')`);
    return rowsOf<{ n: number }>(res)[0]?.n ?? 0;
  },
};
