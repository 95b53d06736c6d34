import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/access.ts';
import { benefitStartMonth } from '../../../domain/eligibility/exits.ts';
import { yearMonthOf, type PlainDate, type YearMonth } from '../../../domain/shared/dates.ts';
import { isWithinRegion } from '../../../domain/shared/region-code.ts';
import { determinationDay, type FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import { copyLine } from '../../platform/copy-text.ts';
import { copyRows } from '../../platform/copy.ts';
import type { Db } from '../../platform/db.ts';
import type { PolicyPack } from '../../../domain/policy/pack.ts';
import { tryEvaluate, type DeterminationDeps } from './children.determinations.ts';
import { childrenRepo } from './children.repo.ts';
import { nameSearchKeys } from './name-search.ts';
import { factsShapeKey } from './shape-key.ts';
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
 * A file ready to insert: what the bulk insert derives from a `BulkChild` (the month's
 * determination, the payroll's shape key, the documents as JSON; the name's search keys are made
 * by the insert). Pure and plain data, so an import may prepare its rows in a worker thread while
 * the database writes the previous batch.
 */
export interface PreparedChild {
  idNumber: string;
  sex: 'male' | 'female';
  name: string;
  birthDate: PlainDate;
  hukouRegion: string;
  residenceRegion: string;
  confirmedAt: PlainDate | null;
  factsJson: string;
  /** The payroll's shape key of the facts (shape-key.ts), computed here rather than by the database. */
  shapeKey: string;
  /** The month the determination is stored for (see prepareBulkChild). */
  month: YearMonth;
}

/**
 * Prepares one file. Its determination, made by the insert, is for the current month, or the
 * first benefit month when that is later (months before an import are the old ledger's, not
 * recomputed).
 */
export function prepareBulkChild(item: BulkChild, today: PlainDate): PreparedChild {
  const { child } = item.facts;
  const thisMonth = yearMonthOf(today);
  return {
    idNumber: item.idNumber,
    sex: item.sex,
    name: child.name ?? '',
    birthDate: child.birthDate,
    hukouRegion: child.hukouRegion,
    residenceRegion: child.residenceRegion,
    confirmedAt: item.confirmedAt,
    factsJson: JSON.stringify(item.facts),
    shapeKey: factsShapeKey(item.facts),
    month: item.confirmedAt ? maxMonth(benefitStartMonth(item.confirmedAt), thisMonth) : thisMonth,
  };
}

/**
 * The month determinations of new files: the engine on each file's facts for its month. Made by
 * the inserting thread, not the import's worker: the worker (reading, validating) is the busier
 * of the two, and this thread would otherwise wait for it (ADR 0007, fourth pass).
 */
function determinationsOf(
  rows: readonly PreparedChild[],
  ids: readonly string[],
  packs: readonly PolicyPack[],
) {
  return rows.flatMap((r, i) => {
    const facts = JSON.parse(r.factsJson) as FactsDocument;
    const { determination } = tryEvaluate(facts, determinationDay(r.month), packs);
    if (!determination) return [];
    return [
      {
        childId: ids[i] as string,
        month: r.month,
        factsVersion: 1,
        documentJson: JSON.stringify(determination),
      },
    ];
  });
}

const CHILD_COLUMNS = [
  'id',
  'id_number',
  'name',
  'name_pinyin',
  'name_initials',
  'sex',
  'birth_date',
  'hukou_region',
  'residence_region',
  'status',
  'confirmed_at',
  'version',
];
const FACTS_COLUMNS = ['child_id', 'version', 'recorded_by', 'reason', 'facts', 'shape_key'];

/**
 * Creates many active files, already prepared (prepareBulkChild, e.g. in a worker), in the
 * caller's transaction, loaded with COPY (ADR 0007, fourth pass): the files with ids made here,
 * their first facts versions, and their determinations (documents stored once). Only files inside
 * the actor's jurisdiction. A file whose ID number is already on the registry is skipped — or,
 * with `assumeNew` (an import's first attempt at a batch: checking costs a lookup a row), it
 * fails the load with the unique index's error, as does one filed concurrently, and the caller
 * runs the batch again without it (ledger import: the batch is one transaction). Returns the ids
 * created by ID number.
 */
export async function bulkInsertPrepared(
  tx: Db,
  actor: Actor,
  items: readonly PreparedChild[],
  reason: string,
  ctx: AuditContext,
  opts: { packs: readonly PolicyPack[]; recordedBy?: string | null; assumeNew?: boolean },
): Promise<Map<string, string>> {
  const recordedBy = opts.recordedBy === undefined ? actor.userId : opts.recordedBy;
  const created = new Map<string, string>();
  const inScope = items.filter((i) => isWithinRegion(i.hukouRegion, actor.jurisdiction));
  if (inScope.length === 0) return created;
  const filed = new Set(
    opts.assumeNew
      ? []
      : rowsOf<{ id_number: string }>(
          await tx.execute(sql`
        select id_number from children where id_number = any(${sql.param(inScope.map((i) => i.idNumber))}::text[])`),
        ).map((r) => r.id_number),
  );
  const written = inScope.filter((i) => !filed.has(i.idNumber));
  if (written.length === 0) return created;
  const ids = written.map((r) => {
    const id = randomUUID();
    created.set(r.idNumber, id);
    return id;
  });
  await copyRows(
    tx,
    'children',
    CHILD_COLUMNS,
    // The name's search keys are made here, not in prepareBulkChild: an import's worker thread is
    // the busier of the two (ADR 0007, fourth pass), and this thread waits for it.
    written.map((r, i) => {
      const keys = nameSearchKeys(r.name);
      return copyLine([
        ids[i],
        r.idNumber,
        r.name,
        keys.namePinyin,
        keys.nameInitials,
        r.sex,
        r.birthDate,
        r.hukouRegion,
        r.residenceRegion,
        'active',
        r.confirmedAt,
        1,
      ]);
    }),
  );
  await copyRows(
    tx,
    'child_fact_versions',
    FACTS_COLUMNS,
    written.map((r, i) => copyLine([ids[i], 1, recordedBy, reason, r.factsJson, r.shapeKey])),
  );
  await childrenRepo.upsertDeterminations(tx, determinationsOf(written, ids, opts.packs), 'new');
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
      opts: { recordedBy?: string | null; assumeNew?: boolean } = {},
    ) => bulkInsertPrepared(tx, actor, items, reason, ctx, { ...opts, packs: deps.packs() }),
    monthPage: (q: Parameters<typeof monthLedgerPage>[1]) => monthLedgerPage(db, q),
    monthSummary: (q: Parameters<typeof monthLedgerSummary>[1]) => monthLedgerSummary(db, q),
  };
}
export type ChildrenBulkService = ReturnType<typeof makeChildrenBulkService>;
