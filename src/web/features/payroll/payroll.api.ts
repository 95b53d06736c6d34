import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, API_BASE, toQueryString } from '../../api/client.ts';

export interface RunSummary {
  id: string;
  month: string;
  region: string;
  status: 'draft' | 'reviewed' | 'approved';
  statusLabel: string;
  childCount: number;
  lineCount: number;
  totalFen: number;
  allowedActions: RunAction[];
}
export type RunAction = 'review' | 'approve' | 'reopen';

export interface RunDetail extends RunSummary {
  totals: {
    byItem: Record<string, number>;
    byCategory: Record<string, number>;
    byTownship: Record<string, number>;
    byKind: Record<string, number>;
  };
  generatedAt: string;
  banks: { bank: string; lines: number; totalFen: number }[];
  reconciliation: {
    transferFen: number;
    paidFen: number;
    failedFen: number;
    pendingFen: number;
    paidLines: number;
    failedLines: number;
    balanced: boolean;
  };
}

export interface LineView {
  id: string;
  name: string;
  forMonth: string;
  item: string;
  amountFen: number;
  hukouRegion: string;
  kind: string;
  explanation: { text: string; basis: string };
  bank: string | null;
  accountMasked: string | null;
  bankStatus: string;
  failureReason: string | null;
}

export interface Job {
  id: string;
  status: 'running' | 'done' | 'failed';
  processed: number;
  total: number;
  result?: { month: string; region: string; children: number; lines: number; totalFen: number };
  error?: { message: string };
}

export interface ForecastScenario {
  totalFen: number;
  byItem: Record<string, number>;
  months: { month: string; totalFen: number; byItem: Record<string, number> }[];
}
export interface Forecast {
  year: number;
  children: number;
  current: ForecastScenario;
  proposed?: ForecastScenario;
  differenceFen?: number;
}

export interface LineFilter {
  item?: string;
  kind?: string;
  township?: string;
  bankStatus?: string;
  page: number;
  pageSize: number;
}

export const useRuns = () =>
  useQuery({ queryKey: ['payroll', 'runs'], queryFn: () => api.get<RunSummary[]>('/payroll/runs') });

export const useRun = (id: string) =>
  useQuery({ queryKey: ['payroll', 'run', id], queryFn: () => api.get<RunDetail>(`/payroll/runs/${id}`) });

export const useLines = (id: string, q: LineFilter) =>
  useQuery({
    queryKey: ['payroll', 'lines', id, q],
    queryFn: () => api.get<{ items: LineView[]; total: number }>(`/payroll/runs/${id}/lines`, { ...q }),
    placeholderData: keepPreviousData,
  });

export const useJob = (id: string | undefined) =>
  useQuery({
    queryKey: ['payroll', 'job', id],
    queryFn: () => api.get<Job>(`/payroll/jobs/${id}`),
    enabled: id !== undefined,
    refetchInterval: (q) => (q.state.data?.status === 'running' || !q.state.data ? 500 : false),
  });

export function useGenerate() {
  return useMutation({
    mutationFn: (body: { month: string; region: string }) => api.post<Job>('/payroll/generate', body),
  });
}

export function useRunAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (action: RunAction) => api.post<RunDetail>(`/payroll/runs/${id}/actions`, { action }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['payroll'] }),
  });
}

export function useImportReturn(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { fileName: string; contentBase64: string }) =>
      api.post<{ rows: number; paid: number; failed: number; reconciliation: RunDetail['reconciliation'] }>(
        `/payroll/runs/${id}/bank-returns`,
        body,
      ),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['payroll'] }),
  });
}

export const useForecast = () =>
  useMutation({
    mutationFn: (body: { region: string; year: number; proposal?: unknown }) =>
      api.post<Forecast>('/payroll/forecast', body),
  });

export const bankFileUrl = (id: string, bank: string, format: 'csv' | 'xlsx') =>
  `${API_BASE}/payroll/runs/${id}/bank-file${toQueryString({ bank, format })}`;

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
