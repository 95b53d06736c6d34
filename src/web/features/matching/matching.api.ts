import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';

export interface RosterView {
  id: string;
  rosterType: string;
  sourceDepartment: string;
  region: string;
  fileName: string;
  uploadedAt: string;
  asOf: string;
  status: string;
  rows: number;
  rejected: number;
  newLeads: Record<string, number> | null;
  hasErrorsFile: boolean;
  message: string | null;
  progress: {
    phase: string;
    rowsRead: number;
    /** CSV: bytes read of totalBytes; xlsx: 0 (progress by rows only). */
    bytesRead: number;
    totalBytes: number;
    matched: number;
    toMatch: number;
  } | null;
}

export interface LeadSummary {
  id: string;
  type: string;
  rule: string;
  title: string;
  hukouRegion: string;
  hukouRegionName: string;
  fileIds: string[];
  createdOn: string;
  dueOn: string;
  status: string;
  deadline: { status: string; workingDaysLeft: number } | null;
  score: number | null;
}

export interface LeadDetail extends LeadSummary {
  evidence: {
    rosterType: string;
    rowNumber: number;
    name: string;
    idMasked: string;
    data: Record<string, unknown>;
  }[];
  suggestedChanges: unknown[];
  determination: {
    before?: { categories: string[]; monthlyTotalFen: number };
    after: { categories: string[]; monthlyTotalFen: number };
  } | null;
  outcomeReason: string | null;
  outcomeRef: string | null;
  person: { name: string; birthDate: string | null } | null;
}

export interface LeadQuery {
  type?: string;
  status?: string;
  region?: string;
  page: number;
  pageSize: number;
}

const KEY = ['matching'];

export const useRosters = () =>
  useQuery({
    queryKey: [...KEY, 'rosters'],
    queryFn: () => api.get<{ items: RosterView[] }>('/matching/rosters'),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running') ? 500 : false),
  });

export const useLeads = (q: LeadQuery, enabled = true) =>
  useQuery({
    queryKey: [...KEY, 'leads', q],
    queryFn: () => api.get<{ items: LeadSummary[]; total: number }>('/matching/leads', { ...q }),
    enabled,
  });

export const useLead = (id: string) =>
  useQuery({
    queryKey: [...KEY, 'lead', id],
    queryFn: () => api.get<LeadDetail>(`/matching/leads/${encodeURIComponent(id)}`),
  });

export const useDashboard = (enabled: boolean) =>
  useQuery({
    queryKey: [...KEY, 'dashboard'],
    queryFn: () =>
      api.get<{ items: { region: string; regionName: string; open: number; overdue: number }[] }>(
        '/matching/dashboard',
      ),
    enabled,
  });

export function useLeadAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<LeadDetail>(`/matching/leads/${encodeURIComponent(id)}/actions`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export function useCancelRoster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<RosterView>(`/matching/rosters/${encodeURIComponent(id)}/cancel`),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** Multipart upload (the JSON client does not send files). */
export function useUploadRoster() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({
      file,
      type,
      sourceDepartment,
    }: {
      file: File;
      type: string;
      sourceDepartment: string;
    }) => {
      const form = new FormData();
      form.append('file', file);
      const qs = new URLSearchParams({ type, sourceDepartment }).toString();
      const res = await fetch(`/api/v1/matching/rosters?${qs}`, {
        method: 'POST',
        body: form,
        credentials: 'same-origin',
      });
      const body: unknown = await res.json().catch(() => undefined);
      if (!res.ok) {
        const err = (body as { error?: { code: string; message: string } } | undefined)?.error;
        throw new ApiError(res.status, {
          code: (err?.code ?? 'INTERNAL') as ApiError['code'],
          message: err?.message ?? '上传失败，请稍后重试',
        });
      }
      return body as RosterView;
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export const errorsFileUrl = (id: string) => `/api/v1/matching/rosters/${encodeURIComponent(id)}/errors`;
