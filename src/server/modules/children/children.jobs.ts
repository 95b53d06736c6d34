import { benefitStartMonth, detectExit, type ExitDecision } from '../../../domain/eligibility/exits.ts';
import type { PolicyPack } from '../../../domain/policy/pack.ts';
import {
  addDays,
  addYearMonths,
  daysBetween,
  yearMonthOf,
  type PlainDate,
  type YearMonth,
} from '../../../domain/shared/dates.ts';
import { AppError } from '../../../domain/shared/errors.ts';
import {
  determinationDay,
  factsOn,
  monthRange,
  type FactsDocument,
} from '../../../domain/workflow/fact-versions.ts';
import type { AuditContext } from '../../platform/audit.ts';
import { tryEvaluate, type DeterminationDeps } from './children.determinations.ts';
import { makeChildExits, SYSTEM_ACTOR } from './children.exits.ts';
import { childrenRepo, type InForceChild } from './children.repo.ts';

/**
 * The registry's daily job (ADR 0004): what time alone changes, without a new event — a child
 * turning 18 out of school, a dated fact's `until` passing (release, a hardship's end), a
 * 渐退期 running out. It runs the same exit detection as a change of facts, over every child in
 * the payroll with no exit recorded, and records what it finds exactly as an explicit exit
 * (reason, 渐退期, last paid month), audited as the system. Re-running on the same day finds
 * nothing new: recorded exits leave the set.
 */

/** detectExit that treats "no pack for these facts" as nothing to decide (the file shows that). */
function detect(doc: FactsDocument, from: PlainDate, to: PlainDate, packs: readonly PolicyPack[]) {
  try {
    return detectExit(factsOn(doc, from), factsOn(doc, to), packs);
  } catch (e) {
    if (e instanceof AppError) return undefined;
    throw e;
  }
}

/** Still covered on `day`, seen from `from` (a switch to the orphan allowance is still covered). */
const endsBy = (doc: FactsDocument, from: PlainDate, day: PlainDate, packs: readonly PolicyPack[]) => {
  const d = detect(doc, from, day, packs);
  return d !== undefined && d.reason !== 'recognized-orphan';
};

/**
 * The exit one facts document brings by time alone between `from` (a day the child was covered)
 * and `today`: the first day D the engine no longer covers the child, decided by detectExit
 * between D − 1 and D, so the event date is the day itself (the 18th birthday, the `until`).
 * A switch to the orphan allowance that time brings (a dated condition taking force) is returned
 * as such. Undefined when the child is still covered today or was not covered on `from`.
 */
export function exitByTime(
  doc: FactsDocument,
  from: PlainDate,
  today: PlainDate,
  packs: readonly PolicyPack[],
): ExitDecision | undefined {
  if (from >= today) return undefined;
  const seen = detect(doc, from, today, packs);
  if (seen === undefined || seen.reason === 'recognized-orphan') return seen;
  // Covered on lo, not on hi: halve until they are neighbours.
  let lo = from;
  let hi = today;
  while (daysBetween(lo, hi) > 1) {
    const mid = addDays(lo, Math.floor(daysBetween(lo, hi) / 2));
    if (endsBy(doc, from, mid, packs)) hi = mid;
    else lo = mid;
  }
  return detect(doc, lo, hi, packs) ?? detect(doc, from, hi, packs);
}

export interface DailyRunResult {
  day: PlainDate;
  /** Children in the payroll with no exit recorded, examined. */
  examined: number;
  /** Exits recorded by time alone, by reason code. */
  exits: Record<string, number>;
  /** Switches to the orphan allowance recorded. */
  switches: number;
  /** Children whose 渐退期 ended, now `exited`. */
  settled: number;
  /** Stored month determinations written (months not determined yet, up to this month). */
  monthsWritten: number;
}

const BATCH = 500;
export const SYSTEM_CONTEXT: AuditContext = { actor: SYSTEM_ACTOR, ip: 'system' };

export function makeChildrenJobs(deps: DeterminationDeps) {
  const { db, today, packs } = deps;
  const exits = makeChildExits(deps);

  /** The months not stored yet, from the month after the last stored (or the benefit start). */
  function missingMonths(c: InForceChild, thisMonth: YearMonth): YearMonth[] {
    const start = benefitStartMonth(c.confirmedAt);
    const from = c.lastMonth === null ? start : addYearMonths(c.lastMonth, 1);
    return monthRange(from < start ? start : from, thisMonth < start ? start : thisMonth);
  }

  return {
    async runDaily(ctx: AuditContext = SYSTEM_CONTEXT): Promise<DailyRunResult> {
      const day = today();
      const thisMonth = yearMonthOf(day);
      const result: DailyRunResult = {
        day,
        examined: 0,
        exits: {},
        switches: 0,
        settled: 0,
        monthsWritten: 0,
      };
      const all = packs();
      let after: string | null = null;
      for (;;) {
        const page = await childrenRepo.inForcePage(db, after, BATCH);
        if (page.length === 0) break;
        after = page.at(-1)!.id;
        result.examined += page.length;
        const decisions = page.flatMap((c) => {
          const from = determinationDay(benefitStartMonth(c.confirmedAt));
          const d = exitByTime(c.facts, from, day, all);
          if (!d || (d.reason === 'recognized-orphan' && c.switched)) return [];
          return [{ child: c, decision: d }];
        });
        const months = page.flatMap((c) =>
          missingMonths(c, thisMonth).flatMap((month) => {
            const { determination } = tryEvaluate(c.facts, determinationDay(month), all);
            if (!determination) return [];
            return [
              {
                childId: c.id,
                month,
                documentJson: JSON.stringify(determination),
                factsVersion: c.version,
              },
            ];
          }),
        );
        // One short transaction per page: a request waiting on the database waits for one page.
        await db.transaction(async (tx) => {
          await childrenRepo.upsertDeterminations(tx, months);
          for (const { child, decision } of decisions) {
            const done = await exits.byTimeInTx(tx, SYSTEM_ACTOR, child.id, child.version, decision, ctx);
            if (!done) continue;
            if (decision.reason === 'recognized-orphan') result.switches += 1;
            else result.exits[decision.reason] = (result.exits[decision.reason] ?? 0) + 1;
          }
        });
        result.monthsWritten += months.length;
      }
      result.settled = await db.transaction((tx) => exits.settleDue(tx, '', ctx));
      return result;
    },
  };
}
export type ChildrenJobs = ReturnType<typeof makeChildrenJobs>;

/**
 * Runs `job` now and then once per day of `today()` (checked every `checkMs`), one run at a
 * time. A failed run is logged (no personal data: the error's message only) and retried at the
 * next check. Returns the stop function.
 */
export function scheduleDaily(
  job: () => Promise<unknown>,
  today: () => PlainDate,
  log: (msg: string) => void,
  checkMs = 10 * 60 * 1000,
): () => Promise<void> {
  let lastDay: PlainDate | undefined;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    const day = today();
    if (running || day === lastDay) return;
    running = job()
      .then(() => {
        lastDay = day;
      })
      .catch((e: unknown) => log(`daily job failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, checkMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
