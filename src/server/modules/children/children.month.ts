import { sql } from 'drizzle-orm';
import type { Determination } from '../../../domain/eligibility/determination.ts';
import type { YearMonth } from '../../../domain/shared/dates.ts';
import type { FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import type { Db } from '../../platform/db.ts';

/**
 * A month of the registry as the ledger (台账) sees it: every child under `prefix` with a
 * determination carrying a category in the month or the month before (so removals show), with
 * the current facts. Keyset-paged by child id so an export streams.
 */
export interface MonthLedgerRow {
  childId: string;
  facts: FactsDocument;
  confirmedAt: string | null;
  current: Pick<Determination, 'categories' | 'benefits' | 'monthlyTotalFen'> | null;
  previous: { categories: string[]; monthlyTotalFen: number } | null;
}

/** Rows of a raw query (node-postgres and PGlite both answer { rows }). */
export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

export type MonthChange = 'added' | 'changed' | 'removed' | null;

/** 新增 / 变更 / 撤销 comparing the month with the month before. */
export function monthChange(row: Pick<MonthLedgerRow, 'current' | 'previous'>): MonthChange {
  const { current, previous } = row;
  if (current && !previous) return 'added';
  if (!current && previous) return 'removed';
  if (!current || !previous) return null;
  const same =
    current.monthlyTotalFen === previous.monthlyTotalFen &&
    [...current.categories].sort().join() === [...previous.categories].sort().join();
  return same ? null : 'changed';
}

const inLedger = (alias: string) => sql.raw(`coalesce(cardinality(${alias}.categories), 0) > 0`);

export async function monthLedgerPage(
  db: Db,
  q: { prefix: string; month: YearMonth; previous: YearMonth; afterId: string | null; limit: number },
): Promise<MonthLedgerRow[]> {
  const res = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
    select c.id, c.confirmed_at, v.facts, dd.document as determination, p.categories as prev_categories,
      p.monthly_total_fen as prev_fen, ${inLedger('d')} as cur_in, ${inLedger('p')} as prev_in
    from children c
    join child_fact_versions v on v.child_id = c.id and v.version = c.version
    left join determinations d on d.child_id = c.id and d.month = ${q.month}
    left join determination_documents dd on dd.key = d.document_key
    left join determinations p on p.child_id = c.id and p.month = ${q.previous}
    where c.hukou_region like ${`${q.prefix}%`}
      and (${inLedger('d')} or ${inLedger('p')})
      ${q.afterId ? sql`and c.id > ${q.afterId}::uuid` : sql``}
    order by c.id
    limit ${q.limit}`),
  );
  return res.map((r) => {
    const d = r.determination as Determination | null;
    return {
      childId: String(r.id),
      facts: r.facts as FactsDocument,
      confirmedAt: r.confirmed_at === null ? null : String(r.confirmed_at).slice(0, 10),
      current:
        r.cur_in === true && d
          ? { categories: d.categories, benefits: d.benefits, monthlyTotalFen: d.monthlyTotalFen }
          : null,
      previous:
        r.prev_in === true
          ? { categories: r.prev_categories as string[], monthlyTotalFen: Number(r.prev_fen) }
          : null,
    };
  });
}

/** Counts of a month: children in the ledger, additions, changes, removals, and the total. */
export async function monthLedgerSummary(
  db: Db,
  q: { prefix: string; month: YearMonth; previous: YearMonth },
): Promise<{ children: number; added: number; changed: number; removed: number; totalFen: number }> {
  const res = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
    select
      count(*) filter (where ${inLedger('d')})::int as children,
      count(*) filter (where ${inLedger('d')} and not ${inLedger('p')})::int as added,
      count(*) filter (where not ${inLedger('d')} and ${inLedger('p')})::int as removed,
      count(*) filter (where ${inLedger('d')} and ${inLedger('p')} and (d.monthly_total_fen <> p.monthly_total_fen
        or (select array_agg(x order by x) from unnest(d.categories) x) is distinct from
           (select array_agg(x order by x) from unnest(p.categories) x)))::int as changed,
      coalesce(sum(d.monthly_total_fen) filter (where ${inLedger('d')}), 0)::bigint as total_fen
    from children c
    left join determinations d on d.child_id = c.id and d.month = ${q.month}
    left join determinations p on p.child_id = c.id and p.month = ${q.previous}
    where c.hukou_region like ${`${q.prefix}%`} and (${inLedger('d')} or ${inLedger('p')})`),
  );
  const r = res[0] ?? {};
  return {
    children: Number(r.children ?? 0),
    added: Number(r.added ?? 0),
    changed: Number(r.changed ?? 0),
    removed: Number(r.removed ?? 0),
    totalFen: Number(r.total_fen ?? 0),
  };
}
