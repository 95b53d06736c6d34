import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type {
  ApplicationAction,
  ApplicationPath,
  ApplicationStatus,
  CaseSide,
  NoticeMeans,
  Stage,
} from '../../../domain/workflow/application.ts';
import type { DeadlineStatus } from '../../../domain/workflow/deadlines.ts';
import type { ChildSummary, Determination, FactsDocument } from '../children/children.api.ts';

export interface Deadline {
  stage: Stage;
  dueOn: string;
  status: DeadlineStatus;
  workingDaysLeft: number;
}

export interface ApplicationSummary {
  id: string;
  no: string;
  child: ChildSummary;
  hukouRegion: string;
  status: ApplicationStatus;
  /** remote = 跨省通办, taken in at `acceptingRegion`. */
  path: ApplicationPath;
  /** accepting: the user sees only the accepting side's part (no child file, no verification material). */
  side: CaseSide;
  acceptingRegion: string | null;
  acceptingRegionName: string | null;
  applicant: { kind: string; name: string; relation?: string };
  submittedOn: string;
  decidedOn: string | null;
  outcome: 'approved' | 'refused' | null;
  deadline: Deadline | null;
  actions: ApplicationAction[];
  updatedAt: string;
}

export interface ApplicationDetail extends ApplicationSummary {
  log: {
    seq: number;
    action: ApplicationAction;
    fromStatus: ApplicationStatus | null;
    toStatus: ApplicationStatus;
    actor: string | null;
    actorName: string | null;
    at: string;
    on: string;
    comment: string | null;
    reasons: string[];
    means: NoticeMeans | null;
  }[];
  applicantPhone: string | null;
  intake: { facts: FactsDocument; sex?: 'male' | 'female' } | null;
  preview: Determination | null;
  previewProblem: string | null;
}

export interface AlertItem {
  applicationId: string;
  no: string;
  childName: string;
  hukouRegionName: string;
  deadline: Deadline;
  role: 'handler' | 'supervisor';
  message: string;
}

export interface NewApplication {
  /** A new child's file … */
  child?: { facts: FactsDocument; sex?: 'male' | 'female' };
  /** … or an existing one. */
  childId?: string;
  applicant: { kind: string; name: string; relation?: string; phone?: string };
  comment?: string;
}

export interface ApplicationQuery {
  status?: string;
  childId?: string;
  page: number;
  pageSize: number;
}

const APPLICATIONS = ['applications'] as const;
const enc = encodeURIComponent;

export function useApplications(query: ApplicationQuery) {
  return useQuery({
    queryKey: [...APPLICATIONS, 'list', query],
    queryFn: () => api.get<Page<ApplicationSummary>>('/applications', { ...query }),
    placeholderData: keepPreviousData,
  });
}

export function useApplication(id: string) {
  return useQuery({
    queryKey: [...APPLICATIONS, id],
    queryFn: () => api.get<ApplicationDetail>(`/applications/${enc(id)}`),
  });
}

export function useAlerts() {
  return useQuery({
    queryKey: [...APPLICATIONS, 'alerts'],
    queryFn: () => api.get<{ items: AlertItem[] }>('/alerts'),
  });
}

export function useCreateApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewApplication) =>
      api.post<{ application: ApplicationDetail; warnings: { kind: string; message: string }[] }>(
        '/applications',
        body,
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: APPLICATIONS });
      void queryClient.invalidateQueries({ queryKey: ['children'] });
    },
  });
}

export function useApplicationAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      action: ApplicationAction;
      comment?: string;
      reasons?: string[];
      notice?: { on: string; means: NoticeMeans };
    }) => api.post<ApplicationDetail>(`/applications/${enc(id)}/actions`, body),
    onSuccess: (detail) => {
      queryClient.setQueryData([...APPLICATIONS, id], detail);
      void queryClient.invalidateQueries({ queryKey: APPLICATIONS });
      void queryClient.invalidateQueries({ queryKey: ['children'] });
    },
  });
}
