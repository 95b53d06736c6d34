import { z } from 'zod';
import { Determination } from '../../../domain/eligibility/determination.ts';
import { PlainDate } from '../../../domain/shared/dates.ts';
import { ApplicationAction, ApplicationStatus } from '../../../domain/workflow/application.ts';
import { DEADLINE_STATUSES } from '../../../domain/workflow/deadlines.ts';
import { ChildSummary, NewChild } from '../children/children.views.ts';

export const APPLICANT_KINDS = ['guardian', 'relative', 'village-committee'] as const;

export const Applicant = z.object({
  kind: z.enum(APPLICANT_KINDS),
  name: z.string().trim().min(1, '请填写申请人姓名').max(50),
  relation: z.string().trim().max(20).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{5,20}$/, '联系电话格式不正确')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export const NewApplication = z
  .object({
    /** An existing file … */
    childId: z.string().optional(),
    /** … or a new one, created with the application. */
    child: NewChild.optional(),
    applicant: Applicant,
    comment: z.string().trim().max(500).optional(),
  })
  .refine((a) => (a.childId === undefined) !== (a.child === undefined), {
    message: '请选择已建档儿童或填写新儿童信息（二选一）',
    path: ['childId'],
  });
export type NewApplication = z.infer<typeof NewApplication>;

export const ActionRequest = z.object({
  action: ApplicationAction,
  comment: z.string().trim().max(500).optional(),
  /** Written reasons; required to refuse. */
  reasons: z.array(z.string().trim().max(500)).max(10).optional(),
});
export type ActionRequest = z.infer<typeof ActionRequest>;

export const Deadline = z.object({
  stage: z.enum(['township', 'county']),
  dueOn: PlainDate,
  status: z.enum(DEADLINE_STATUSES),
  workingDaysLeft: z.number().int(),
});
export type Deadline = z.infer<typeof Deadline>;

export const ApplicationSummary = z.object({
  id: z.string(),
  no: z.string(),
  child: ChildSummary,
  hukouRegion: z.string(),
  status: ApplicationStatus,
  applicant: z.object({ kind: z.string(), name: z.string(), relation: z.string().optional() }),
  submittedOn: PlainDate,
  decidedOn: PlainDate.nullable(),
  deadline: Deadline.nullable(),
  /** What the signed-in user may do now (the buttons to show). */
  actions: z.array(ApplicationAction),
  updatedAt: z.string(),
});
export type ApplicationSummary = z.infer<typeof ApplicationSummary>;

export const ActionEntry = z.object({
  seq: z.number().int(),
  action: ApplicationAction,
  fromStatus: ApplicationStatus.nullable(),
  toStatus: ApplicationStatus,
  /** Username and display name of who acted. */
  actor: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  on: PlainDate,
  comment: z.string().nullable(),
  reasons: z.array(z.string()),
});

export const ApplicationDetail = ApplicationSummary.extend({
  log: z.array(ActionEntry),
  applicantPhone: z.string().nullable(),
  /** The engine on the current facts today: what confirmation would grant (预评估). */
  preview: Determination.nullable(),
  previewProblem: z.string().nullable(),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetail>;

export const ApplicationCreated = z.object({
  application: ApplicationDetail,
  warnings: z.array(z.object({ kind: z.string(), message: z.string() })),
});

export const ApplicationQuery = z.object({
  /** A status, or `open` for everything still in progress. */
  status: z.union([ApplicationStatus, z.literal('open')]).optional(),
  childId: z.string().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type ApplicationQuery = z.infer<typeof ApplicationQuery>;

export const AlertItem = z.object({
  applicationId: z.string(),
  no: z.string(),
  childName: z.string(),
  hukouRegionName: z.string(),
  deadline: Deadline,
  /** handler: the actor must act; supervisor: the level above the handler. */
  role: z.enum(['handler', 'supervisor']),
  message: z.string(),
});
export type AlertItem = z.infer<typeof AlertItem>;
