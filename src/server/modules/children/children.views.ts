import { z } from 'zod';
import { CategoryCode } from '../../../domain/eligibility/codes.ts';
import { Determination } from '../../../domain/eligibility/determination.ts';
import { PlainDate, YearMonth } from '../../../domain/shared/dates.ts';
import { ExitView } from './children.exits.ts';

/** The API's shapes for the child registry (one name for a schema and its type). */

export const CHILD_STATUSES = ['registered', 'applying', 'active', 'exited'] as const;
export const ChildStatus = z.enum(CHILD_STATUSES);
export type ChildStatus = z.infer<typeof ChildStatus>;

export const Sex = z.enum(['male', 'female']);

/**
 * The facts document as sent: ChildFacts (interchange.md §1) without asOf/policy. The route only
 * checks its outline; the service validates it with the rules engine's own schema, so the issues
 * (path + Chinese message) are exactly the engine's.
 */
export const FactsInput = z.looseObject({
  child: z.looseObject({}),
  parents: z.array(z.looseObject({})).max(2).optional(),
  household: z.looseObject({}).optional(),
});
export type FactsInput = z.infer<typeof FactsInput>;

export const NewChild = z.object({
  facts: FactsInput,
  /** Needed only without an ID number (the ID carries the sex). */
  sex: Sex.optional(),
  reason: z.string().trim().max(200).optional(),
});
export type NewChild = z.infer<typeof NewChild>;

export const FactsChange = z.object({
  facts: FactsInput,
  reason: z.string().trim().min(1, '请填写变更原因').max(200),
  /** The month from which the change applies, when the facts carry no date of their own. */
  effectiveFrom: YearMonth.optional(),
  /** The version the editor started from: a concurrent edit makes this a conflict. */
  expectedVersion: z.number().int().min(1).optional(),
  /**
   * The day the change became true (证件签发、入学、收养之日), not after today. Without its own
   * dates in the facts, the change counts from this month if it is the 1st, else the next.
   */
  effectiveDate: PlainDate.optional(),
  /** One of the file's attachments, as the evidence (证明材料) of the change. */
  evidenceAttachmentId: z.uuid('证明材料编号无效').optional(),
});
export type FactsChange = z.infer<typeof FactsChange>;

export const ChildSummary = z.object({
  id: z.string(),
  name: z.string(),
  /** Masked (6403**********0021): lists never show the full number. */
  idNumberMasked: z.string().nullable(),
  provisionalNo: z.string().nullable(),
  sex: Sex.nullable(),
  birthDate: PlainDate,
  hukouRegion: z.string(),
  hukouRegionName: z.string(),
  status: ChildStatus,
  confirmedAt: PlainDate.nullable(),
  categories: z.array(CategoryCode),
  monthlyTotalFen: z.number().int().nullable(),
});
export type ChildSummary = z.infer<typeof ChildSummary>;

export const ChildFile = ChildSummary.extend({
  idNumber: z.string().nullable(),
  residenceRegion: z.string(),
  residenceRegionName: z.string(),
  version: z.number().int(),
  exitReason: z.string().nullable(),
  exitedAt: PlainDate.nullable(),
  /** The latest recorded exit (or switch to the orphan allowance), with its schedule. */
  exit: ExitView.nullable(),
  facts: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type ChildFile = z.infer<typeof ChildFile>;

export const DuplicateWarning = z.object({ kind: z.literal('same-name-birth'), message: z.string() });
export type DuplicateWarning = z.infer<typeof DuplicateWarning>;

export const ChildCreated = z.object({ child: ChildFile, warnings: z.array(DuplicateWarning) });

export const ChildQuery = z.object({
  q: z.string().trim().max(64).optional(),
  region: z.string().trim().max(12).optional(),
  status: ChildStatus.optional(),
  category: CategoryCode.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ChildQuery = z.infer<typeof ChildQuery>;

export const HistoryEntry = z.object({
  version: z.number().int(),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  reason: z.string(),
  effectiveFrom: YearMonth.nullable(),
  effectiveDate: PlainDate.nullable(),
  evidence: z.object({ id: z.string(), kind: z.string(), fileName: z.string() }).nullable(),
  changed: z.array(z.string()),
  facts: z.record(z.string(), z.unknown()),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const MonthDetermination = z.object({
  month: YearMonth,
  categories: z.array(CategoryCode),
  monthlyTotalFen: z.number().int(),
  factsVersion: z.number().int(),
  determination: Determination,
});
export type MonthDetermination = z.infer<typeof MonthDetermination>;

export const DeterminationsQuery = z.object({
  /** Evaluate on this day … */
  asOf: PlainDate.optional(),
  /** … with the facts as recorded at this instant (default: now). */
  knownAt: z.iso.datetime({ offset: true }).optional(),
});

export const DeterminationsView = z.object({
  items: z.array(MonthDetermination),
  /** Facts as known now, evaluated today (or at asOf/knownAt): before confirmation, a 预评估. */
  evaluated: Determination.nullable(),
  evaluatedFactsVersion: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type DeterminationsView = z.infer<typeof DeterminationsView>;
