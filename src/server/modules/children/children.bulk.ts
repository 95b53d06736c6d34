import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/access.ts';
import { benefitStartMonth } from '../../../domain/eligibility/exits.ts';
import { yearMonthOf, type PlainDate, type YearMonth } from '../../../domain/shared/dates.ts';
import { isWithinRegion } from '../../../domain/shared/region-code.ts';
import { determinationDay, type FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { tryEvaluate, type DeterminationDeps } from './children.determinations.ts';
import { nameSearchKeys } from './name-search.ts';
import { monthLedgerPage, monthLedgerSummary, rowsOf } from './children.month.ts';

/** A validated file for a bulk creation (e.g. a ledger import): active from `confirmedAt`. */
export interface BulkChild {
  idNumber: string;
  sex: 'male' | 'female';
  facts: FactsDocument;
  confirmedAt: PlainDate | null;
}

const maxMonth = (a: YearMonth, b: YearMonth) => (a < b ? b : a);

/**
 * Creates many active files in the caller's transaction with set-based inserts (one
 * INSERT … SELECT unnest(…) per table), for imports where the per-child path is too slow.
 * The determination is stored for the current month, or the first benefit month when that is
 * later (months before an import are the old ledger's, not recomputed). A file whose ID number
 * was filed concurrently is skipped (the unique index); returns the ids created by ID number.
 */
export async function bulkCreateActive(
  deps: DeterminationDeps,
  tx: Db,
  actor: Actor,
  items: readonly BulkChild[],
  reason: string,
  ctx: AuditContext,
  recordedBy: string | null = actor.userId,
): Promise<Map<string, string>> {
  const created = new Map<string, string>();
  const rows = items.filter((i) => isWithinRegion(i.facts.child.hukouRegion, actor.jurisdiction));
  if (rows.length === 0) return created;
  const keys = rows.map((r) => nameSearchKeys(r.facts.child.name ?? ''));
  const inserted = rowsOf<{ id: string; id_number: string }>(
    await tx.execute(sql`
    insert into children (id_number, name, name_pinyin, name_initials, sex, birth_date, hukou_region,
      residence_region, status, confirmed_at, version)
    select t.id_number, t.name, t.name_pinyin, t.name_initials, t.sex, t.birth_date::date,
      t.hukou_region, t.residence_region, 'active', t.confirmed_at::date, 1
    from unnest(
      ${sql.param(rows.map((r) => r.idNumber))}::text[],
      ${sql.param(rows.map((r) => r.facts.child.name ?? ''))}::text[],
      ${sql.param(keys.map((k) => k.namePinyin))}::text[],
      ${sql.param(keys.map((k) => k.nameInitials))}::text[],
      ${sql.param(rows.map((r) => r.sex))}::text[],
      ${sql.param(rows.map((r) => r.facts.child.birthDate))}::text[],
      ${sql.param(rows.map((r) => r.facts.child.hukouRegion))}::text[],
      ${sql.param(rows.map((r) => r.facts.child.residenceRegion))}::text[],
      ${sql.param(rows.map((r) => r.confirmedAt))}::text[]
    ) as t(id_number, name, name_pinyin, name_initials, sex, birth_date, hukou_region,
      residence_region, confirmed_at)
    on conflict do nothing
    returning id, id_number`),
  );
  for (const r of inserted) created.set(r.id_number, r.id);
  const written = rows.filter((r) => created.has(r.idNumber));
  if (written.length === 0) return created;
  const ids = written.map((r) => created.get(r.idNumber) as string);

  // jsonb travels as one JSON document per statement: parsing it once is about twice as fast as
  // a jsonb[] array literal (measured on PGlite).
  await tx.execute(sql`
    insert into child_fact_versions (child_id, version, recorded_by, reason, facts)
    select (e->>'childId')::uuid, 1, ${recordedBy}::uuid, ${reason}, e->'facts'
    from jsonb_array_elements(${JSON.stringify(written.map((r, i) => ({ childId: ids[i], facts: r.facts })))}::jsonb) e`);

  const thisMonth = yearMonthOf(deps.today());
  const packs = deps.packs();
  const dets = written.flatMap((r, i) => {
    const month = r.confirmedAt ? maxMonth(benefitStartMonth(r.confirmedAt), thisMonth) : thisMonth;
    const { determination } = tryEvaluate(r.facts, determinationDay(month), packs);
    return determination ? [{ childId: ids[i], month, determination }] : [];
  });
  if (dets.length > 0) {
    await tx.execute(sql`
      insert into determinations (child_id, month, categories, monthly_total_fen, determination, facts_version)
      select (e->>'childId')::uuid, e->>'month',
        array(select jsonb_array_elements_text(e->'determination'->'categories')),
        (e->'determination'->>'monthlyTotalFen')::int, e->'determination', 1
      from jsonb_array_elements(${JSON.stringify(dets)}::jsonb) e`);
  }
  await writeAudit(tx, ctx, {
    action: 'child.bulk-create',
    entityType: 'child',
    detail: { count: written.length, reason: 'ledger-import' },
  });
  return created;
}

/**
 * The registry's bulk and month-ledger paths as a service for other modules (the ledger import
 * and export), beside the per-child service.
 */
export function makeChildrenBulkService(deps: DeterminationDeps) {
  const { db } = deps;
  return {
    transaction: <T>(fn: (tx: Db) => Promise<T>) => db.transaction(fn),
    createActive: (
      tx: Db,
      actor: Actor,
      items: readonly BulkChild[],
      reason: string,
      ctx: AuditContext,
      recordedBy?: string | null,
    ) => bulkCreateActive(deps, tx, actor, items, reason, ctx, recordedBy),
    monthPage: (q: Parameters<typeof monthLedgerPage>[1]) => monthLedgerPage(db, q),
    monthSummary: (q: Parameters<typeof monthLedgerSummary>[1]) => monthLedgerSummary(db, q),
  };
}
export type ChildrenBulkService = ReturnType<typeof makeChildrenBulkService>;
