import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';

export interface Progress {
  due: number;
  done: number;
  overdue: number;
}

export interface CampaignSummary {
  id: string;
  name: string;
  region: string;
  regionName: string;
  dueDate: string;
  createdOn: string;
  progress: Progress;
}

export type ReviewOutcome = 'continue' | 'change' | 'terminate';

export interface ReviewItem {
  id: string;
  childId: string;
  childName: string;
  idNumberMasked: string | null;
  hukouRegion: string;
  hukouRegionName: string;
  dueSince: string;
  outcome: ReviewOutcome | null;
  reasons: string | null;
  exitReason: string | null;
  decidedOn: string | null;
  overdue: boolean;
}

export interface CampaignDetail extends CampaignSummary {
  townships: (Progress & { region: string; name: string })[];
  items: ReviewItem[];
}

export interface ReviewDecision {
  outcome: ReviewOutcome;
  reasons: string;
  exitReason?: string;
  eventDate?: string;
}

const REVIEWS = ['reviews'] as const;
const enc = encodeURIComponent;

export const OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  continue: '继续保障',
  change: '变更',
  terminate: '终止保障',
};

export function useCampaigns() {
  return useQuery({ queryKey: REVIEWS, queryFn: () => api.get<{ items: CampaignSummary[] }>('/reviews') });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: [...REVIEWS, id],
    queryFn: () => api.get<CampaignDetail>(`/reviews/${enc(id)}`),
  });
}

export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; dueDate: string }) => api.post<CampaignSummary>('/reviews', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: REVIEWS }),
  });
}

export function useDecide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, ...body }: ReviewDecision & { itemId: string }) =>
      api.post<ReviewItem>(`/reviews/items/${enc(itemId)}/decision`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: REVIEWS });
      void queryClient.invalidateQueries({ queryKey: ['children'] });
    },
  });
}
