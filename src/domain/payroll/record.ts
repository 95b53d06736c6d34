import { z } from 'zod';
import { ChildFacts, type ChildFactsInput } from '../eligibility/facts.ts';
import { ExitReason } from '../eligibility/codes.ts';
import { PlainDate } from '../shared/dates.ts';
import { validationError } from '../shared/errors.ts';
import { RegionCode } from '../shared/region-code.ts';

/**
 * A child's payroll record (ADR 0005): what the server streams per child into the payroll.
 * Facts are bitemporal: each version is the whole child file as recorded at `recordedAt`
 * (recording time); conditions inside carry since/until (valid time). "As known at T" = the
 * latest version recorded at or before T. The exit carries its own recording time so that a
 * death entered late changes past months only for payrolls computed after it was entered.
 */

/** An ISO 8601 instant with offset, e.g. 2025-04-10T08:00:00Z or 2025-04-10T16:00:00+08:00. */
export const Instant = z.iso.datetime({ offset: true });
export type Instant = string;

/** Milliseconds of an instant, for ordering; a malformed instant is a VALIDATION error. */
export function instantMs(instant: Instant): number {
  const ms = Instant.safeParse(instant).success ? Date.parse(instant) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw validationError(`时间应为带时区的 ISO 8601 时刻：${instant}`, [
      { path: 'knownAt', message: '时间格式错误' },
    ]);
  }
  return ms;
}

/** A ChildFacts document (interchange.md §1) without `asOf` and `policy`. */
export type FactsDocument = Omit<ChildFacts, 'asOf' | 'policy'>;
export type FactsDocumentInput = Omit<ChildFactsInput, 'asOf' | 'policy'>;

/** Parsed with the ChildFacts schema (on a far date, so "born after asOf" never trips). */
const FactsDocumentSchema = z.custom<FactsDocumentInput>().transform((doc, ctx): FactsDocument => {
  const r = ChildFacts.safeParse({ ...(doc as object), asOf: '9999-12-31' });
  if (!r.success) {
    for (const issue of r.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path.map(String) });
    }
    return z.NEVER;
  }
  const { asOf: _asOf, policy: _policy, ...rest } = r.data;
  return rest;
});

export const FactsVersion = z.object({ recordedAt: Instant, facts: FactsDocumentSchema });
export type FactsVersion = z.output<typeof FactsVersion>;

export const ExitRecord = z.object({
  reason: ExitReason,
  eventDate: PlainDate,
  /** When the exit was entered: before that, payrolls did not know of it. */
  recordedAt: Instant,
});
export type ExitRecord = z.output<typeof ExitRecord>;

export const BankAccount = z.object({ bank: z.string().min(1), account: z.string().min(1) });
export type BankAccount = z.output<typeof BankAccount>;

export const PayrollRecord = z.object({
  childId: z
    .string()
    .min(1)
    .regex(/^[^|]+$/, '儿童编号不能含有“|”'),
  /**
   * 户籍 code the county confirmed under: it decides the pack and the paying county. It wins
   * over `child.hukouRegion` in the facts, which carries no valid time (a move is an exit,
   * 'moved-away', and a new confirmation by the new county).
   */
  hukouRegion: RegionCode,
  /** County confirmation (确认): benefits start the month after. */
  confirmedOn: PlainDate,
  exit: ExitRecord.optional(),
  factVersions: z.array(FactsVersion),
  bank: BankAccount.optional(),
});
export type PayrollRecord = z.output<typeof PayrollRecord>;
export type PayrollRecordInput = Omit<z.input<typeof PayrollRecord>, 'factVersions'> & {
  factVersions: { recordedAt: string; facts: FactsDocumentInput }[];
};

/** The facts document as known at `knownAt`, or undefined when nothing was recorded yet. */
export function factsKnownAt(record: PayrollRecord, knownAt: Instant): FactsDocument | undefined {
  const t = instantMs(knownAt);
  let best: { ms: number; facts: FactsDocument } | undefined;
  for (const v of record.factVersions) {
    const ms = Date.parse(v.recordedAt);
    // On equal instants the later entry in the list wins (versions are appended).
    if (ms <= t && (!best || ms >= best.ms)) best = { ms, facts: v.facts };
  }
  return best?.facts;
}

/** The exit as known at `knownAt`. */
export function exitKnownAt(record: PayrollRecord, knownAt: Instant): ExitRecord | undefined {
  const { exit } = record;
  return exit && Date.parse(exit.recordedAt) <= instantMs(knownAt) ? exit : undefined;
}

/**
 * ChildFacts for one day, with the record's 户籍 code (the confirming county's pack applies).
 */
export function factsOn(record: PayrollRecord, doc: FactsDocument, asOf: PlainDate): ChildFacts {
  return { ...doc, asOf, child: { ...doc.child, hukouRegion: record.hukouRegion } };
}
