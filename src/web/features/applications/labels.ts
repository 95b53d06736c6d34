import {
  APPLICATION_ACTION_LABELS,
  APPLICATION_STATUS_LABELS,
  type ApplicationAction,
  type ApplicationStatus,
} from '../../../domain/workflow/application.ts';

export { APPLICATION_ACTION_LABELS, APPLICATION_STATUS_LABELS };

export const STATUS_COLORS: Record<ApplicationStatus, string> = {
  accepted: 'purple',
  submitted: 'processing',
  verified: 'cyan',
  approved: 'success',
  refused: 'error',
  returned: 'warning',
  withdrawn: 'default',
  closed: 'default',
};

export const APPLICANT_KIND_LABELS: Record<string, string> = {
  guardian: '监护人',
  relative: '亲属',
  'village-committee': '村（居）委会代为申请',
};

/** Primary (forward) actions first, then the rest. */
export const ACTION_ORDER: readonly ApplicationAction[] = [
  'forward',
  'inform',
  'verify',
  'confirm',
  'resubmit',
  'return',
  'refuse',
  'withdraw',
];
export const DANGER_ACTIONS: ReadonlySet<ApplicationAction> = new Set(['refuse', 'withdraw']);
