import { z } from 'zod';
import { LEAD_TYPES, ROSTER_TYPES } from '../../../domain/matching/index.ts';
import { PlainDate } from '../../../domain/shared/dates.ts';
import { Applicant } from '../applications/applications.views.ts';
import { NewChild } from '../children/children.views.ts';

export const LEAD_STATUSES = ['open', 'application-started', 'facts-updated', 'dismissed'] as const;
export const LeadStatus = z.enum(LEAD_STATUSES);
export type LeadStatus = z.infer<typeof LeadStatus>;

const Counts = z.record(z.string(), z.number());

export const RosterView = z.object({
  id: z.string(),
  rosterType: z.enum(ROSTER_TYPES),
  sourceDepartment: z.string(),
  region: z.string(),
  fileName: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
  asOf: z.string(),
  status: z.string(),
  rows: z.number(),
  rejected: z.number(),
  newLeads: Counts.nullable(),
  hasErrorsFile: z.boolean(),
  message: z.string().nullable(),
  progress: z
    .object({
      phase: z.string(),
      rowsRead: z.number(),
      bytesRead: z.number(),
      totalBytes: z.number(),
      matched: z.number(),
      toMatch: z.number(),
    })
    .nullable(),
});
export type RosterView = z.infer<typeof RosterView>;

export const UploadQuery = z.object({
  type: z.enum(ROSTER_TYPES),
  sourceDepartment: z.string().trim().min(1, '请填写来源部门').max(100),
  region: z.string().regex(/^\d*$/, '区划代码应为数字').optional(),
  asOf: PlainDate.optional(),
});
export type UploadQuery = z.infer<typeof UploadQuery>;

export const LeadQuery = z.object({
  type: z.enum(LEAD_TYPES).optional(),
  status: LeadStatus.optional(),
  region: z.string().regex(/^\d*$/).optional(),
  rosterId: z.string().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type LeadQuery = z.infer<typeof LeadQuery>;

export const LeadSummary = z.object({
  id: z.string(),
  type: z.enum(LEAD_TYPES),
  rule: z.string(),
  title: z.string(),
  hukouRegion: z.string(),
  hukouRegionName: z.string(),
  fileIds: z.array(z.string()),
  createdOn: z.string(),
  dueOn: z.string(),
  status: LeadStatus,
  deadline: z.object({ status: z.string(), workingDaysLeft: z.number() }).nullable(),
  score: z.number().nullable(),
});
export type LeadSummary = z.infer<typeof LeadSummary>;

export const EvidenceRow = z.object({
  rosterType: z.string(),
  rowNumber: z.number(),
  rosterId: z.string(),
  name: z.string(),
  idMasked: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const LeadDetail = LeadSummary.extend({
  evidence: z.array(EvidenceRow),
  suggestedChanges: z.array(z.unknown()),
  determination: z.unknown().nullable(),
  outcomeReason: z.string().nullable(),
  outcomeRef: z.string().nullable(),
  /** For discover: what the rows say about the child (no ID number). */
  person: z.object({ name: z.string(), birthDate: z.string().nullable() }).nullable(),
});
export type LeadDetail = z.infer<typeof LeadDetail>;

export const LeadAction = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('dismiss'),
    reason: z.string().trim().min(1, '请填写不予处理的原因').max(500),
  }),
  z.object({ action: z.literal('update-facts'), reason: z.string().trim().max(200).optional() }),
  z.object({
    action: z.literal('start-application'),
    childId: z.string().optional(),
    child: NewChild.optional(),
    applicant: Applicant,
    comment: z.string().trim().max(500).optional(),
  }),
]);
export type LeadAction = z.infer<typeof LeadAction>;

export const Dashboard = z.object({
  items: z.array(
    z.object({ region: z.string(), regionName: z.string(), open: z.number(), overdue: z.number() }),
  ),
});
