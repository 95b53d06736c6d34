import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';

export interface ChildSummary {
  id: string;
  name: string;
  idNumberMasked: string | null;
  provisionalNo: string | null;
  sex: 'male' | 'female' | null;
  birthDate: string;
  hukouRegion: string;
  hukouRegionName: string;
  status: string;
  confirmedAt: string | null;
  categories: string[];
  monthlyTotalFen: number | null;
}

export interface ParentCondition {
  kind: string;
  since?: string;
  until?: string;
  disability?: { kind: string; grade: number };
  illness?: string;
}

export interface FactsDocument {
  child: {
    idNumber?: string;
    name?: string;
    birthDate: string;
    hukouRegion: string;
    residenceRegion: string;
    residentSince?: string;
    hiv: boolean;
    placement: string;
    schooling: string;
    disability?: { kind: string; grade: number };
    seriousIllness?: string;
    hardships?: { kind: string; since: string; until?: string }[];
    guardianshipHarm?: string[];
  };
  parents: { role: 'father' | 'mother'; idNumber?: string; conditions: ParentCondition[] }[];
  household: { assistance: string; receivedMonthlyFen: number };
}

export interface ChildFile extends ChildSummary {
  idNumber: string | null;
  residenceRegion: string;
  residenceRegionName: string;
  version: number;
  exitReason: string | null;
  exitedAt: string | null;
  exit: ExitInfo | null;
  facts: FactsDocument;
  createdAt: string;
}

export interface Determination {
  asOf: string;
  policy: { id: string; version: string };
  age: number;
  categories: string[];
  benefits: { code: string; placement: string; standardFen: number; monthlyFen: number }[];
  monthlyTotalFen: number;
  explanations: { rule: string; text: string; basis: string }[];
  warnings: string[];
}

export interface DeterminationsView {
  items: {
    month: string;
    categories: string[];
    monthlyTotalFen: number;
    factsVersion: number;
    determination: Determination;
  }[];
  evaluated: Determination | null;
  evaluatedFactsVersion: number | null;
  problem: string | null;
}

export interface HistoryEntry {
  version: number;
  recordedAt: string;
  recordedBy: string | null;
  reason: string;
  effectiveFrom: string | null;
  effectiveDate: string | null;
  evidence: { id: string; kind: string; fileName: string } | null;
  changed: string[];
}

export interface Attachment {
  id: string;
  kind: string;
  fileName: string;
  mimeType: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string | null;
}

export interface ChildQuery {
  q?: string;
  region?: string;
  category?: string;
  status?: string;
  page: number;
  pageSize: number;
}

const CHILDREN = ['children'] as const;
const enc = encodeURIComponent;

export function useChildren(query: ChildQuery) {
  return useQuery({
    queryKey: [...CHILDREN, 'list', query],
    queryFn: () => api.get<Page<ChildSummary>>('/children', { ...query }),
    placeholderData: keepPreviousData,
  });
}

export function useChild(id: string) {
  return useQuery({ queryKey: [...CHILDREN, id], queryFn: () => api.get<ChildFile>(`/children/${enc(id)}`) });
}

export function useChildHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...CHILDREN, id, 'history'],
    queryFn: () => api.get<{ items: HistoryEntry[] }>(`/children/${enc(id)}/history`),
    enabled,
  });
}

export function useDeterminations(id: string) {
  return useQuery({
    queryKey: [...CHILDREN, id, 'determinations'],
    queryFn: () => api.get<DeterminationsView>(`/children/${enc(id)}/determinations`),
  });
}

export function useAttachments(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...CHILDREN, id, 'attachments'],
    queryFn: () => api.get<{ items: Attachment[] }>(`/children/${enc(id)}/attachments`),
    enabled,
  });
}

export function useUpdateFacts(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      facts: FactsDocument;
      reason: string;
      expectedVersion: number;
      effectiveFrom?: string;
      effectiveDate?: string;
      evidenceAttachmentId?: string;
    }) => api.patch<ChildFile>(`/children/${enc(id)}/facts`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CHILDREN }),
  });
}

/** Multipart upload (the JSON client does not send files). */
export function useUploadAttachment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, kind }: { file: File; kind: string }) => {
      const form = new FormData();
      form.append('kind', kind);
      form.append('file', file);
      const res = await fetch(`/api/v1/children/${enc(id)}/attachments`, {
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
      return body as Attachment;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...CHILDREN, id, 'attachments'] }),
  });
}

export const attachmentUrl = (childId: string, attachmentId: string) =>
  `/api/v1/children/${enc(childId)}/attachments/${enc(attachmentId)}`;

/** A recorded exit (退出保障) with the engine's schedule. */
export interface ExitInfo {
  reason: string;
  reasonLabel: string;
  eventDate: string;
  gradualExitMonths: number;
  lastPaidMonth: string;
  switchToOrphanFrom: string | null;
  source: 'facts' | 'action' | 'review' | 'time';
  note: string | null;
  explanation: string;
  evidenceAttachmentId: string | null;
  recordedAt: string;
}

export function useExitChild(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string; eventDate: string; note?: string; evidenceAttachmentId?: string }) =>
      api.post<ChildFile>(`/children/${enc(id)}/exit`, body),
    onSuccess: (file) => {
      queryClient.setQueryData([...CHILDREN, id], file);
      void queryClient.invalidateQueries({ queryKey: CHILDREN });
    },
  });
}
