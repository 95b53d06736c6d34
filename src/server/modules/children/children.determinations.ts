import type { Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import type { Determination } from '../../../domain/eligibility/determination.ts';
import { evaluate } from '../../../domain/eligibility/evaluate.ts';
import { benefitStartMonth } from '../../../domain/eligibility/exits.ts';
import type { PolicyPack } from '../../../domain/policy/pack.ts';
import { yearMonthOf, type PlainDate, type YearMonth } from '../../../domain/shared/dates.ts';
import { AppError, notFound } from '../../../domain/shared/errors.ts';
import {
  determinationDay,
  factsOn,
  monthRange,
  versionKnownAt,
  type FactsDocument,
} from '../../../domain/workflow/fact-versions.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { ChildFiles } from './children.files.ts';
import { childrenRepo, type ChildRow } from './children.repo.ts';
import type { ChildStatus, DeterminationsView } from './children.views.ts';

export interface DeterminationDeps {
  db: Db;
  packs: () => readonly PolicyPack[];
  today: () => PlainDate;
}

/** Evaluates; a missing policy pack is a value here (the file still opens), not a failure. */
export function tryEvaluate(
  doc: FactsDocument,
  asOf: PlainDate,
  packs: readonly PolicyPack[],
): { determination?: Determination; problem?: string } {
  try {
    return { determination: evaluate(factsOn(doc, asOf), packs) };
  } catch (e) {
    if (e instanceof AppError) return { problem: e.message };
    throw e;
  }
}

const max = (a: YearMonth, b: YearMonth) => (a < b ? b : a);

/**
 * Recomputes the stored month determinations of an active child from `fromMonth` (never before
 * the benefit start: the month after confirmation) to the current month, or at least the first
 * benefit month. Upserts, so re-running is harmless. Returns the months written.
 */
export async function recomputeDeterminations(
  deps: DeterminationDeps,
  tx: Db,
  child: ChildRow,
  doc: FactsDocument,
  fromMonth: YearMonth | undefined,
): Promise<YearMonth[]> {
  if (child.status !== 'active' || child.confirmedAt === null) return [];
  const start = benefitStartMonth(child.confirmedAt);
  const months = monthRange(max(fromMonth ?? start, start), max(yearMonthOf(deps.today()), start));
  const packs = deps.packs();
  const rows = [];
  for (const month of months) {
    const { determination } = tryEvaluate(doc, determinationDay(month), packs);
    if (!determination) continue;
    rows.push({
      childId: child.id,
      month,
      documentJson: JSON.stringify(determination),
      factsVersion: child.version,
    });
  }
  await childrenRepo.upsertDeterminations(tx, rows);
  return rows.map((r) => r.month);
}

/** Stored months plus one evaluation "as of D as known at T" (defaults: today, now). */
export async function determinationsView(
  deps: DeterminationDeps,
  child: ChildRow,
  q: { asOf?: PlainDate; knownAt?: string },
): Promise<DeterminationsView> {
  const [rows, versions] = await Promise.all([
    childrenRepo.determinations(deps.db, child.id),
    childrenRepo.versions(deps.db, child.id),
  ]);
  const known = versionKnownAt(
    versions.map((v) => ({ ...v, recordedAt: v.recordedAt.toISOString() })),
    q.knownAt ?? new Date().toISOString(),
  );
  const asOf = q.asOf ?? deps.today();
  const evaluated = known
    ? tryEvaluate(known.facts, asOf, deps.packs())
    : { problem: '该时点尚无登记的事实' };
  return {
    items: rows.map((r) => ({
      month: r.month,
      categories: r.determination.categories,
      monthlyTotalFen: r.monthlyTotalFen,
      factsVersion: r.factsVersion,
      determination: r.determination,
    })),
    evaluated: evaluated.determination ?? null,
    evaluatedFactsVersion: known?.version ?? null,
    problem: evaluated.problem ?? null,
  };
}

/**
 * The file's 认定与保障 reads, the 预评估 of an application, and the status changes the
 * application workflow drives (activation writes the months from the benefit start).
 */
export function determinationActions(deps: DeterminationDeps & { files: ChildFiles }) {
  const { db, today, files } = deps;
  return {
    async determinations(actor: Actor, id: string, q: { asOf?: PlainDate; knownAt?: string }) {
      const row = await files.getScoped(db, actor, id, Permission.childRead);
      return determinationsView(deps, row, q);
    },

    /** The engine's view of the current facts today (an application's 预评估). */
    async preview(tx: Db, row: ChildRow) {
      const current = await childrenRepo.currentVersion(tx, row);
      return tryEvaluate(current.facts, today(), deps.packs());
    },

    /**
     * Status changes driven by the application workflow, in the workflow's transaction. Activation
     * records the confirmation date and writes the determinations from the month after it.
     */
    async changeStatus(tx: Db, childId: string, to: ChildStatus, on: PlainDate, ctx: AuditContext) {
      const row = await childrenRepo.lockById(tx, childId);
      if (!row) throw notFound('儿童档案');
      // A refused or withdrawn application leaves a child who had exited before as exited.
      if (to === 'registered' && row.exitedAt !== null) to = 'exited';
      if (row.status === to) return row;
      const updated = await childrenRepo.update(tx, row.id, {
        status: to,
        // A new confirmation after an exit starts a new period in the payroll: the old exit is history.
        ...(to === 'active' ? { confirmedAt: on, exitReason: null, exitedAt: null } : {}),
      });
      const current = await childrenRepo.currentVersion(tx, updated);
      const months = await recomputeDeterminations(deps, tx, updated, current.facts, undefined);
      await writeAudit(tx, ctx, {
        action: 'child.status',
        entityType: 'child',
        entityId: row.id,
        regionCode: row.hukouRegion,
        detail: {
          from: { status: row.status },
          to: { status: to, ...(to === 'active' ? { confirmedAt: on, benefitFrom: months[0] ?? null } : {}) },
        },
      });
      return updated;
    },
  };
}
