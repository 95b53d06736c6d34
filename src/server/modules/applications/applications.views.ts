import { z } from 'zod';
import { Determination } from '../../../domain/eligibility/determination.ts';
import { PlainDate } from '../../../domain/shared/dates.ts';
import {
  APPLICATION_PATHS,
  ApplicationAction,
  ApplicationStatus,
  NoticeMeans,
  STAGES,
} from '../../../domain/workflow/application.ts';
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
  /** 告知申请人 (跨省通办): the day the applicant was told and how; required to inform. */
  notice: z.object({ on: PlainDate, means: NoticeMeans }).optional(),
});
export type ActionRequest = z.infer<typeof ActionRequest>;

export const Deadline = z.object({
  stage: z.enum(STAGES),
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
  /** local: taken in at the 户籍; remote: 跨省通办, taken in at `acceptingRegion`. */
  path: z.enum(APPLICATION_PATHS),
  /** hukou: the user's jurisdiction holds the 户籍 (sees everything); accepting: only its part. */
  side: z.enum(['hukou', 'accepting']),
  acceptingRegion: z.string().nullable(),
  acceptingRegionName: z.string().nullable(),
  applicant: z.object({ kind: z.string(), name: z.string(), relation: z.string().optional() }),
  submittedOn: PlainDate,
  decidedOn: PlainDate.nullable(),
  /** The county's decision, also after a remote case is closed. */
  outcome: z.enum(['approved', 'refused']).nullable(),
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
  /** 告知申请人: how the applicant was told (the day is `on`). */
  means: NoticeMeans.nullable(),
});

export const ApplicationDetail = ApplicationSummary.extend({
  log: z.array(ActionEntry),
  applicantPhone: z.string().nullable(),
  /** 跨省通办: the facts as the accepting township recorded them (both sides see it). */
  intake: z
    .object({ facts: z.record(z.string(), z.unknown()), sex: z.enum(['male', 'female']).optional() })
    .nullable(),
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
  /** A status, or `open` for everything still waiting on someone (incl. a remote decision not yet told). */
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

export const HukouRegionQuery = z.object({
  /** The region whose subdivisions to list; the provinces when absent. */
  parent: z
    .string()
    .regex(/^\d{2,12}$/, '区划代码应为数字')
    .optional(),
});

export const HukouRegion = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  hasChildren: z.boolean(),
});
