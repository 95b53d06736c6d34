import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { ExitReason } from '../../../domain/eligibility/codes.ts';
import type { PayrollRecord } from '../../../domain/payroll/record.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import type { FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import type { Db } from '../../platform/db.ts';
import { projectionOf } from './children.facts.ts';

/**
 * What the payroll reads of the registry (ADR 0005): one PayrollRecord per confirmed child,
 * streamed in id order so a county of any size is never held in memory at once.
 */

interface RecordRow extends Record<string, unknown> {
  id: string;
  hukou_region: string;
  confirmed_at: string;
  exit_reason: string | null;
  exited_at: string | null;
  updated_at: string;
  versions: { recordedAt: string; facts: FactsDocument }[];
}

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

const iso = (t: string) => new Date(t).toISOString();

function toRecord(r: RecordRow): PayrollRecord {
  const reason = ExitReason.safeParse(r.exit_reason);
  return {
    childId: r.id,
    hukouRegion: r.hukou_region,
    confirmedOn: r.confirmed_at,
    ...(reason.success && r.exited_at
      ? { exit: { reason: reason.data, eventDate: r.exited_at, recordedAt: iso(r.updated_at) } }
      : {}),
    // Stored versions were validated when written; they are ChildFacts documents already.
    factVersions: r.versions.map((v) => ({ recordedAt: iso(v.recordedAt), facts: v.facts })),
  } as PayrollRecord;
}

/** One batch of confirmed (active or exited) children whose 户籍 lies in `region`, after `afterId`. */
export async function payrollRecordBatch(
  db: Db,
  region: string,
  afterId: string,
  limit: number,
): Promise<PayrollRecord[]> {
  const res = await db.execute(sql`
    select c.id, c.hukou_region, c.confirmed_at::text as confirmed_at, c.exit_reason,
           c.exited_at::text as exited_at,
           -- When the exit was recorded (the payroll must not know a late death before it was entered).
           coalesce((select max(e.recorded_at) from child_exits e
                      where e.child_id = c.id and e.reason = c.exit_reason and e.event_date = c.exited_at),
                    c.updated_at)::text as updated_at,
           (select json_agg(json_build_object('recordedAt', v.recorded_at, 'facts', v.facts) order by v.version)
              from child_fact_versions v where v.child_id = c.id) as versions
      from children c
     where c.hukou_region like ${`${region}%`} and c.status in ('active', 'exited')
       and c.confirmed_at is not null and c.id > ${afterId}::uuid
     order by c.id
     limit ${limit}`);
  return rowsOf<RecordRow>(res).map(toRecord);
}

/** Counties (six digits) with confirmed children under `region`. */
export async function countiesWithChildren(db: Db, region: string): Promise<{ county: string; n: number }[]> {
  const res = await db.execute(sql`
    select substr(hukou_region, 1, 6) as county, count(*)::int as n from children
     where hukou_region like ${`${region}%`} and status in ('active', 'exited') and confirmed_at is not null
     group by 1 order by 1`);
  return rowsOf<{ county: string; n: number }>(res);
}

export interface ConfirmedChild {
  /** A validated facts document (the caller parsed it). */
  doc: FactsDocument;
  confirmedOn: PlainDate;
  sex?: 'male' | 'female';
}

/**
 * Registers confirmed children set-based (a migration from the county's Excel ledger, tests and
 * benchmarks): two array-parameter statements per batch, no per-row round trips.
 */
export async function insertConfirmedBatch(db: Db, items: readonly ConfirmedChild[], reason: string) {
  if (items.length === 0) return [];
  const ids = items.map(() => randomUUID());
  const p = items.map((i) => projectionOf(i.doc, i.sex));
  const col = <T>(f: (x: (typeof p)[number], n: number) => T) => sql.param(p.map(f));
  await db.execute(sql`
    insert into children (id, id_number, name, name_pinyin, name_initials, sex, birth_date, hukou_region,
                          residence_region, status, confirmed_at, version)
    select u.id, u.id_number, u.name, u.pinyin, u.initials, u.sex, u.birth, u.hukou, u.residence,
           'active', u.confirmed, 1
      from unnest(${sql.param(ids)}::uuid[], ${col((x) => x.idNumber ?? null)}::varchar[],
                  ${col((x) => x.name)}::text[], ${col((x) => x.namePinyin)}::varchar[],
                  ${col((x) => x.nameInitials)}::varchar[], ${col((x) => x.sex ?? null)}::varchar[],
                  ${col((x) => x.birthDate)}::date[], ${col((x) => x.hukouRegion)}::varchar[],
                  ${col((x) => x.residenceRegion)}::varchar[],
                  ${sql.param(items.map((i) => i.confirmedOn))}::date[])
        as u(id, id_number, name, pinyin, initials, sex, birth, hukou, residence, confirmed)`);
  await db.execute(sql`
    insert into child_fact_versions (child_id, version, reason, facts)
    select u.id, 1, ${reason}, u.facts
      from unnest(${sql.param(ids)}::uuid[], ${sql.param(items.map((i) => JSON.stringify(i.doc)))}::jsonb[])
        as u(id, facts)`);
  return ids;
}
