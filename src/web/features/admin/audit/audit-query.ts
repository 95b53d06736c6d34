import type { Dayjs } from 'dayjs';
import type { QueryParams } from '../../../api/client.ts';

export interface AuditFilters {
  actor?: string;
  action?: string;
  outcome?: 'ok' | 'denied';
  /** Whole days, inclusive at both ends. */
  range?: [Dayjs | null, Dayjs | null] | null;
}

/**
 * The filter form as query parameters: a day range becomes [start of the first day, end of the
 * last day] as ISO instants in the browser's time zone.
 */
export function auditParams(filters: AuditFilters, page: number, pageSize: number): QueryParams {
  const [from, to] = filters.range ?? [null, null];
  return {
    actor: filters.actor?.trim(),
    action: filters.action,
    outcome: filters.outcome,
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.endOf('day').toISOString() : undefined,
    page,
    pageSize,
  };
}
