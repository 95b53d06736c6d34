import type { ChildFacts } from '../eligibility/facts.ts';
import {
  addYearMonths,
  compareYearMonths,
  firstDayOfMonth,
  yearMonthOf,
  type PlainDate,
  type YearMonth,
} from '../shared/dates.ts';

/**
 * The child file's facts over two times (domain.md §2, ADR 0004): a document per recorded version
 * (recording time) whose conditions carry their own since/until (valid time). "As of D, as known
 * at T" = the last version recorded at or before T, evaluated on D.
 */

/** A child's facts: ChildFacts (interchange.md §1) without `asOf` and `policy`. */
export type FactsDocument = Omit<ChildFacts, 'asOf' | 'policy'>;

export interface FactsVersion {
  version: number;
  /** ISO instant of recording. */
  recordedAt: string;
  facts: FactsDocument;
}

/** The version known at instant `knownAt` (ISO), or undefined when nothing was recorded yet. */
export function versionKnownAt<V extends Pick<FactsVersion, 'version' | 'recordedAt'>>(
  versions: readonly V[],
  knownAt: string,
): V | undefined {
  const t = Date.parse(knownAt);
  let best: V | undefined;
  for (const v of versions) {
    if (Date.parse(v.recordedAt) > t) continue;
    if (!best || v.version > best.version) best = v;
  }
  return best;
}

/** The facts as ChildFacts for one day (the determination input). */
export function factsOn(doc: FactsDocument, asOf: PlainDate): ChildFacts {
  return { ...doc, asOf };
}

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function same(a: Json, b: Json): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Which fields differ between two versions, as paths with parents named by role
 * (`child.placement`, `parents.mother.conditions`, `household.assistance`). Field names only:
 * the audit trail records these, never the values (names and ID numbers stay out of it).
 */
export function changedPaths(before: FactsDocument, after: FactsDocument): string[] {
  const out: string[] = [];
  const compareObjects = (prefix: string, a: Json, b: Json) => {
    const ao = isObject(a) ? a : {};
    const bo = isObject(b) ? b : {};
    for (const key of [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort()) {
      if (!same(ao[key], bo[key])) out.push(`${prefix}.${key}`);
    }
  };
  compareObjects('child', before.child, after.child);
  for (const role of ['father', 'mother'] as const) {
    const a = before.parents.find((p) => p.role === role);
    const b = after.parents.find((p) => p.role === role);
    if (!a && !b) continue;
    if (!a || !b) out.push(`parents.${role}`);
    else compareObjects(`parents.${role}`, a, b);
  }
  compareObjects('household', before.household, after.household);
  return out;
}

/**
 * The earliest month a correction can change: the earliest since/until of any condition or
 * hardship added, removed or altered. Undefined when the change carries no date of its own
 * (e.g. a new placement): the caller takes the stated `effectiveFrom` or the current month.
 */
export function effectiveMonthOfChange(before: FactsDocument, after: FactsDocument): YearMonth | undefined {
  const key = (c: Json) => JSON.stringify(c);
  const removed: PlainDate[] = [];
  const added: PlainDate[] = [];
  const datesOf = (c: Json) =>
    isObject(c) ? [c.since, c.until].filter((d): d is string => typeof d === 'string') : [];
  const collect = (a: readonly Json[], b: readonly Json[]) => {
    const inB = new Set(b.map(key));
    const inA = new Set(a.map(key));
    removed.push(...a.filter((x) => !inB.has(key(x))).flatMap(datesOf));
    added.push(...b.filter((x) => !inA.has(key(x))).flatMap(datesOf));
  };
  for (const role of ['father', 'mother'] as const) {
    collect(
      before.parents.find((p) => p.role === role)?.conditions ?? [],
      after.parents.find((p) => p.role === role)?.conditions ?? [],
    );
  }
  collect(before.child.hardships, after.child.hardships);
  // An altered condition keeps its unchanged dates: only the dates that moved matter
  // (a release brought forward changes the months from the new release date on).
  const moved = [...removed.filter((d) => !added.includes(d)), ...added.filter((d) => !removed.includes(d))];
  const earliest = (moved.length > 0 ? moved : [...removed, ...added]).sort()[0];
  return earliest === undefined ? undefined : yearMonthOf(earliest);
}

/** Every month from `from` to `to` inclusive (empty when `to` is before `from`). */
export function monthRange(from: YearMonth, to: YearMonth): YearMonth[] {
  const out: YearMonth[] = [];
  for (let m = from; compareYearMonths(m, to) <= 0; m = addYearMonths(m, 1)) out.push(m);
  return out;
}

/** A month's determination is made on its first day: a change within a month counts from the next. */
export const determinationDay = (month: YearMonth): PlainDate => firstDayOfMonth(month);
