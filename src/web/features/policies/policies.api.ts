import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ChildFactsInput } from '../../../domain/eligibility/facts.ts';
import type { Determination, Explanation } from '../../../domain/eligibility/determination.ts';
import type { EffectivePack, PolicyPack } from '../../../domain/policy/pack.ts';

export interface PackVersion {
  version: string;
  status: 'approved' | 'proposed';
}

export interface PackSummary {
  id: string;
  name: string;
  jurisdiction: string;
  parent: string | null;
  versions: PackVersion[];
}

export type PackDetail = EffectivePack & { versions: PackVersion[] };

export interface AdjustmentRequest {
  lastYearIncomeYuan: string;
  yearBeforeIncomeYuan: string;
  effectiveFrom: string;
}

export interface AdjustmentResult {
  proposal: PolicyPack;
  /** Monthly increments, fen. */
  increments: { institution: number; scattered: number; fuc: number };
  explanations: Explanation[];
  warnings: string[];
}

const POLICIES = ['policies'] as const;
// Packs are shipped with the release; they do not change while the page is open.
const STALE = 30 * 60_000;

export function usePolicies() {
  return useQuery({
    queryKey: POLICIES,
    queryFn: () => api.get<{ items: PackSummary[] }>('/policies'),
    staleTime: STALE,
  });
}

export function usePolicy(id: string | undefined, version: string | undefined) {
  return useQuery({
    queryKey: [...POLICIES, id, version],
    queryFn: () => api.get<PackDetail>(`/policies/${encodeURIComponent(id ?? '')}`, { version }),
    enabled: id !== undefined,
    staleTime: STALE,
  });
}

export function useEvaluate() {
  return useMutation({
    mutationFn: (facts: ChildFactsInput) => api.post<Determination>('/evaluate', facts),
  });
}

export function useAdjustment() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: AdjustmentRequest }) =>
      api.post<AdjustmentResult>(`/policies/${encodeURIComponent(id)}/adjustment`, body),
  });
}

/** The newest version in force (approved), which an adjustment starts from. */
export function latestApproved(pack: PackSummary): string | undefined {
  return pack.versions.filter((v) => v.status === 'approved').at(-1)?.version;
}
