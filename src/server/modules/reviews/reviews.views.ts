import { z } from 'zod';
import { ExitReason } from '../../../domain/eligibility/codes.ts';
import { PlainDate } from '../../../domain/shared/dates.ts';

/** The API's shapes for re-review campaigns (资格复审). */

export const REVIEW_OUTCOMES = ['continue', 'change', 'terminate'] as const;
export const ReviewOutcome = z.enum(REVIEW_OUTCOMES);
export type ReviewOutcome = z.infer<typeof ReviewOutcome>;

export const NewCampaign = z.object({
  name: z.string().trim().min(1, '请填写复审名称').max(100, '复审名称不超过100字'),
  dueDate: PlainDate,
  /** The county (6 digits); default: the actor's own county. */
  region: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '区县代码应为6位数字')
    .optional(),
});
export type NewCampaign = z.infer<typeof NewCampaign>;

export const Progress = z.object({
  due: z.number().int(),
  done: z.number().int(),
  overdue: z.number().int(),
});
export type Progress = z.infer<typeof Progress>;

export const CampaignSummary = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string(),
  regionName: z.string(),
  dueDate: PlainDate,
  createdOn: PlainDate,
  progress: Progress,
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

export const ReviewItemView = z.object({
  id: z.string(),
  childId: z.string(),
  childName: z.string(),
  idNumberMasked: z.string().nullable(),
  hukouRegion: z.string(),
  hukouRegionName: z.string(),
  dueSince: PlainDate,
  outcome: ReviewOutcome.nullable(),
  reasons: z.string().nullable(),
  exitReason: z.string().nullable(),
  decidedOn: PlainDate.nullable(),
  overdue: z.boolean(),
});
export type ReviewItemView = z.infer<typeof ReviewItemView>;

export const CampaignDetail = CampaignSummary.extend({
  townships: z.array(Progress.extend({ region: z.string(), name: z.string() })),
  items: z.array(ReviewItemView),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const ReviewDecision = z
  .object({
    outcome: ReviewOutcome,
    reasons: z.string().trim().min(2, '请填写复审意见（理由）').max(1000, '复审意见不超过1000字'),
    /** terminate only: the exit's coded reason and event date. */
    exitReason: ExitReason.optional(),
    eventDate: PlainDate.optional(),
  })
  .superRefine((d, ctx) => {
    if (d.outcome !== 'terminate') return;
    if (!d.exitReason)
      ctx.addIssue({ code: 'custom', path: ['exitReason'], message: '终止保障须选择退出原因' });
    if (!d.eventDate)
      ctx.addIssue({ code: 'custom', path: ['eventDate'], message: '终止保障须填写退出事件日期' });
  });
export type ReviewDecision = z.infer<typeof ReviewDecision>;
