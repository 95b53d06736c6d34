import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../../../api/client.ts';
import type { AuditEntry, Page } from '../../../api/types.ts';

export function useAuditLog(params: QueryParams) {
  return useQuery({
    queryKey: ['audit', params],
    queryFn: () => api.get<Page<AuditEntry>>('/audit', params),
    placeholderData: keepPreviousData,
  });
}
