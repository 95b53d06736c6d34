import type {
  ApplicationAction,
  ApplicationStatus,
  CaseSide,
  NoticeMeans,
} from '../../../domain/workflow/application.ts';
import type { ChildSummary } from '../children/children.views.ts';
import type { ActionRow, ApplicationRow } from './applications.repo.ts';
import type { ApplicationDetail } from './applications.views.ts';

/**
 * What each side of a 跨省通办 case sees. The 户籍 side sees everything, as for a local case. The
 * accepting side sees its part: its intake, the status, the deadlines and the outcome with the
 * refusal reasons; not the 户籍 side's verification material (who verified and what they wrote,
 * the engine's preview) and not the child's file (its id is withheld; the file answers 404).
 */

/** 户籍-side steps whose notes stay with the 户籍 side; a return's note is addressed to the accepting side. */
const HUKOU_NOTES_HIDDEN: ReadonlySet<ApplicationAction> = new Set(['verify', 'confirm', 'refuse']);
const HUKOU_STEPS: ReadonlySet<ApplicationAction> = new Set(['verify', 'confirm', 'refuse', 'return']);
const HUKOU_OFFICE: Partial<Record<ApplicationAction, string>> = {
  verify: '户籍地乡镇（街道）',
  confirm: '户籍地县级民政部门',
  refuse: '户籍地县级民政部门',
  return: '户籍地民政部门',
};

export type LogEntry = ApplicationDetail['log'][number];

export function logEntryOf(a: ActionRow & { actorName: string | null }, side: CaseSide): LogEntry {
  const action = a.action as ApplicationAction;
  const entry: LogEntry = {
    seq: a.seq,
    action,
    fromStatus: (a.fromStatus as ApplicationStatus | null) ?? null,
    toStatus: a.toStatus as ApplicationStatus,
    actor: a.actorUsername,
    actorName: a.actorName,
    at: a.at.toISOString(),
    on: a.on,
    comment: a.comment,
    reasons: a.reasons ?? [],
    means: (a.means as NoticeMeans | null) ?? null,
  };
  if (side === 'hukou' || !HUKOU_STEPS.has(action)) return entry;
  return {
    ...entry,
    actor: null,
    actorName: HUKOU_OFFICE[action] ?? null,
    comment: HUKOU_NOTES_HIDDEN.has(action) ? null : entry.comment,
  };
}

/**
 * The child as the accepting side may see it: who the application is for, never the file. Once the
 * 户籍 county has approved, the result the accepting township must tell the applicant — the
 * categories and the monthly amount decided — is part of the outcome it sees.
 */
export function childForSide(
  child: ChildSummary,
  side: CaseSide,
  outcome: 'approved' | 'refused' | null = null,
): ChildSummary {
  if (side === 'hukou') return child;
  const told = outcome === 'approved';
  return {
    ...child,
    id: '',
    confirmedAt: told ? child.confirmedAt : null,
    categories: told ? child.categories : [],
    monthlyTotalFen: told ? child.monthlyTotalFen : null,
  };
}

export const outcomeOf = (row: Pick<ApplicationRow, 'outcome'>) =>
  row.outcome === 'approved' || row.outcome === 'refused' ? row.outcome : null;
