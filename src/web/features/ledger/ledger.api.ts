import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';

export interface LedgerSummary {
  month: string;
  region: string;
  children: number;
  added: number;
  changed: number;
  removed: number;
  totalFen: number;
}
export interface Signoff {
  id: string;
  countyCode: string;
  quarter: string;
  comments: string;
  signedAt: string;
  signedByName: string;
}
export interface ImportResult {
  imported: number;
  rejected: number;
  errorsFileId: string | null;
}

const KEY = ['ledger'] as const;

export const useLedgerSummary = (month: string) =>
  useQuery({
    queryKey: [...KEY, 'summary', month],
    queryFn: () => api.get<LedgerSummary>('/ledger/summary', { month }),
  });

export const useSignoffs = () =>
  useQuery({
    queryKey: [...KEY, 'signoffs'],
    queryFn: async () => (await api.get<{ items: Signoff[] }>('/ledger/signoffs')).items,
  });

export function useSignOff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { quarter: string; comments: string }) => api.post<Signoff>('/ledger/signoffs', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

/** Multipart upload with upload progress (XMLHttpRequest: fetch reports no upload progress). */
export function uploadLedger(file: File, onProgress: (percent: number) => void): Promise<ImportResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/ledger/imports');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onerror = () =>
      reject(new ApiError(0, { code: 'INTERNAL', message: '无法连接服务器，请检查网络后重试' }));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as ImportResult);
      const err = (body as { error?: { code: string; message: string } } | undefined)?.error;
      reject(
        new ApiError(xhr.status, {
          code: (err?.code ?? 'INTERNAL') as ApiError['code'],
          message: err?.message ?? '导入失败，请稍后重试',
        }),
      );
    };
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

export function useImportLedger() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress }: { file: File; onProgress: (p: number) => void }) =>
      uploadLedger(file, onProgress),
    onSuccess: () => qc.invalidateQueries({ queryKey: KEY }),
  });
}

export const exportUrl = (month: string) => `/api/v1/ledger/export?month=${encodeURIComponent(month)}`;
export const templateUrl = '/api/v1/ledger/template';
export const errorsFileUrl = (id: string) => `/api/v1/ledger/imports/errors/${encodeURIComponent(id)}`;
