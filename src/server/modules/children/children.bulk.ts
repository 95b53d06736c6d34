import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/access.ts';
import { benefitStartMonth } from '../../../domain/eligibility/exits.ts';
import { yearMonthOf, type PlainDate, type YearMonth } from '../../../domain/shared/dates.ts';
import { isWithinRegion } from '../../../domain/shared/region-code.ts';
import { determinationDay, type FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { PolicyPack } from '../../../domain/policy/pack.ts';
import { tryEvaluate, type DeterminationDeps } from './children.determinations.ts';
import { childrenRepo } from './children.repo.ts';
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
 * A file ready to insert: what the bulk insert derives from a `BulkChild` (search keys, the
 * month's determination, the documents as JSON). Pure and plain data, so an import may prepare
 * its rows in a worker thread while the database writes the previous batch.
 */
export interface PreparedChild {
  idNumber: string;
  sex: 'male' | 'female';
  name: string;
  birthDate: PlainDate;
  hukouRegion: string;
  residenceRegion: string;
  confirmedAt: PlainDate | null;
  namePinyin: string;
  nameInitials: string;
  factsJson: string;
  /** The month the determination is stored for (see prepareBulkChild). */
  month: YearMonth;
  /** The engine's determination as JSON; null when it gave none (e.g. no policy pack). */
  determinationJson: string | null;
}

/**
 * Prepares one file: the determination is for the current month, or the first benefit month
 * when that is later (months before an import are the old ledger's, not recomputed).
 */
export function prepareBulkChild(
  item: BulkChild,
  packs: readonly PolicyPack[],
  today: PlainDate,
): PreparedChild {
  const { child } = item.facts;
  const thisMonth = yearMonthOf(today);
  const month = item.confirmedAt ? maxMonth(benefitStartMonth(item.confirmedAt), thisMonth) : thisMonth;
  const { determination } = tryEvaluate(item.facts, determinationDay(month), packs);
  return {
    idNumber: item.idNumber,
    sex: item.sex,
    name: child.name ?? '',
    birthDate: child.birthDate,
    hukouRegion: child.hukouRegion,
    residenceRegion: child.residenceRegion,
    confirmedAt: item.confirmedAt,
    ...nameSearchKeys(child.name ?? ''),
    factsJson: JSON.stringify(item.facts),
    month,
    determinationJson: determination ? JSON.stringify(determination) : null,
  };
}

/**
 * Creates many active files, already prepared (prepareBulkChild, e.g. in a worker), in the
 * caller's transaction with set-based inserts (one INSERT … SELECT per table), for imports where
 * the per-child path is too slow. Only files inside the actor's jurisdiction; a file whose ID
 * number was filed concurrently is skipped (the unique index). Returns the ids created by ID number.
 */
export async function bulkInsertPrepared(
  tx: Db,
  actor: Actor,
  items: readonly PreparedChild[],
  reason: string,
  ctx: AuditContext,
  recordedBy: string | null = actor.userId,
): Promise<Map<string, string>> {
  const created = new Map<string, string>();
  const rows = items.filter((i) => isWithinRegion(i.hukouRegion, actor.jurisdiction));
  if (rows.length === 0) return created;
  const column = <K extends keyof PreparedChild>(k: K) => sql.param(rows.map((r) => r[k]));
  const inserted = rowsOf<{ id: string; id_number: string }>(
    await tx.execute(sql`
    insert into children (id_number, name, name_pinyin, name_initials, sex, birth_date, hukou_region,
      residence_region, status, confirmed_at, version)
    select t.id_number, t.name, t.name_pinyin, t.name_initials, t.sex, t.birth_date::date,
      t.hukou_region, t.residence_region, 'active', t.confirmed_at::date, 1
    from unnest(
      ${column('idNumber')}::text[],
      ${column('name')}::text[],
      ${column('namePinyin')}::text[],
      ${column('nameInitials')}::text[],
      ${column('sex')}::text[],
      ${column('birthDate')}::text[],
      ${column('hukouRegion')}::text[],
      ${column('residenceRegion')}::text[],
      ${column('confirmedAt')}::text[]
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
  const facts = written.map((r, i) => `{"childId":${JSON.stringify(ids[i])},"facts":${r.factsJson}}`);
  await tx.execute(sql`
    insert into child_fact_versions (child_id, version, recorded_by, reason, facts)
    select (e->>'childId')::uuid, 1, ${recordedBy}::uuid, ${reason}, e->'facts'
    from jsonb_array_elements(${`[${facts.join(',')}]`}::jsonb) e`);
  await childrenRepo.upsertDeterminations(
    tx,
    written.flatMap((r, i) =>
      r.determinationJson === null
        ? []
        : [{ childId: ids[i] as string, month: r.month, factsVersion: 1, documentJson: r.determinationJson }],
    ),
  );
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
    createPrepared: (
      tx: Db,
      actor: Actor,
      items: readonly PreparedChild[],
      reason: string,
      ctx: AuditContext,
      recordedBy?: string | null,
    ) => bulkInsertPrepared(tx, actor, items, reason, ctx, recordedBy),
    packs: deps.packs,
    monthPage: (q: Parameters<typeof monthLedgerPage>[1]) => monthLedgerPage(db, q),
    monthSummary: (q: Parameters<typeof monthLedgerSummary>[1]) => monthLedgerSummary(db, q),
  };
}
export type ChildrenBulkService = ReturnType<typeof makeChildrenBulkService>;
