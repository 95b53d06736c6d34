import type { Db } from '../../platform/db.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { childChanges } from './children.changes.ts';
import { determinationActions, type DeterminationDeps } from './children.determinations.ts';
import { exitActions, makeChildExits } from './children.exits.ts';
import { parseFactsDocument } from './children.facts.ts';
import { makeChildFiles, statusLabel } from './children.files.ts';
import { matchSource } from './children.match-source.ts';
import { countiesWithChildren, payrollRecordBatch } from './children.payroll.ts';
import { childRegistration } from './children.registration.ts';
import { childrenRepo } from './children.repo.ts';
import type { FactsInput } from './children.views.ts';

export type { PreparedChild } from './children.registration.ts';

/**
 * The child registry (一人一档, ADR 0004) as one service for routes and other modules, composed
 * of its parts: opening, finding and reading files (registration), changes of facts (changes),
 * determinations and workflow status (determinations), exits (exits), and what the payroll,
 * re-reviews and cross-matching read.
 */
export function makeChildrenService(deps: DeterminationDeps & { regions: RegionsService }) {
  const { db, today } = deps;
  const exits = makeChildExits(deps);
  const files = makeChildFiles({ db, regions: deps.regions, exits });
  const parseFacts = (input: FactsInput) => parseFactsDocument(input, today());
  const { getScoped, summary, fileView } = files;

  return {
    getScoped,
    summary,
    fileView,
    parseFacts,
    statusLabel,
    ...childRegistration({ db, regions: deps.regions, files, parseFacts }),
    ...childChanges({ ...deps, files, exits, parseFacts }),
    ...determinationActions({ ...deps, files }),
    ...exitActions({ db, exits, getScoped, fileView }),
    ...matchSource(db),

    /**
     * 跨省通办 intake (ADR 0008): the file kept for an ID number, whatever the caller's
     * jurisdiction, as the four fields the intake needs — never the file itself. With `lock`, the
     * row is locked for the rest of `tx`.
     */
    async intakeFileByIdNumber(tx: Db, idNumber: string, lock = false) {
      const row = await (lock ? childrenRepo.lockByIdNumber : childrenRepo.findByIdNumber)(tx, idNumber);
      return row && { id: row.id, hukouRegion: row.hukouRegion, status: row.status, version: row.version };
    },

    /** Payroll input (ADR 0005): confirmed children of `region` in id order, one batch at a time. */
    payrollRecords: (tx: Db, region: string, afterId: string, limit: number) =>
      payrollRecordBatch(tx, region, afterId, limit),
    payrollCounties: (tx: Db, region: string) => countiesWithChildren(tx, region),
  };
}
export type ChildrenService = ReturnType<typeof makeChildrenService>;
