import { z } from 'zod';
import { PlainDate } from '../shared/dates.ts';
import { NonNegativeFen } from '../shared/money.ts';
import { normalizeRegionCode } from '../shared/region-code.ts';
import type { WorkingDayCalendar } from '../shared/working-days.ts';
import { CategoryCode, ExitReason, Schooling } from '../eligibility/codes.ts';
import { canonicalPackId, packIdForJurisdiction } from './pack-id.ts';

/**
 * A policy pack: versioned policy data for one jurisdiction (domain.md §4). Every field below
 * `parent` is optional and inherited from the parent pack when absent (resolve.ts); objects are
 * merged key by key, lists and scalars replace the parent's. Money is integer fen; an unset
 * standard means "not payable here" and is reported, never guessed.
 */
const PackId = z.string().transform((s, ctx) => {
  const id = canonicalPackId(s);
  if (id === undefined) {
    ctx.addIssue({ code: 'custom', message: '政策包编号应为 cn 或 cn-区划代码（如 cn-640300）' });
    return z.NEVER;
  }
  return id;
});

const Jurisdiction = z.string().transform((s, ctx) => {
  if (s === '') return '';
  const code = normalizeRegionCode(s);
  if (code === undefined) {
    ctx.addIssue({ code: 'custom', message: '适用地区应为空（全国）或区划代码' });
    return z.NEVER;
  }
  return code;
});

const StandardPair = z.object({
  institution: NonNegativeFen.optional(),
  scattered: NonNegativeFen.optional(),
});
export type StandardPair = z.output<typeof StandardPair>;

/** Monthly living-allowance standards; hardship allowances are derived (ratios, Ningxia clauses). */
export const Standards = z.object({
  'orphan-allowance': StandardPair.optional(),
  'fuc-allowance': StandardPair.optional(),
  'hiv-allowance': StandardPair.optional(),
});
export type Standards = z.output<typeof Standards>;
export type StandardCode = keyof Standards;

const Percent = z.number().min(0).max(100);
const WorkingDays = z.number().int().min(1).max(120);
const Months = z.number().int().min(0).max(60);

const MedicalRatio = z.object({
  outpatientPercent: Percent.optional(),
  inpatientPercent: Percent.optional(),
});

export const PACK_STATUSES = ['approved', 'proposed'] as const;

export const PolicyPack = z
  .object({
    id: PackId,
    name: z.string().min(1),
    /** Normalised region code; "" = national. */
    jurisdiction: Jurisdiction,
    /** Effective date of this version. */
    version: PlainDate,
    parent: PackId.optional(),
    /** Proposed packs (e.g. dynamic adjustment) are never selected until approved. */
    status: z.enum(PACK_STATUSES).optional(),
    sources: z.array(z.string()).optional(),
    notes: z.array(z.string()).optional(),

    /** Category codes this jurisdiction's taxonomy uses. */
    categories: z.array(CategoryCode).optional(),
    standards: Standards.optional(),
    ratios: z
      .object({
        /** 大兴: 贫困家庭重病和残疾儿童 at this percent of the orphan standard. */
        poorFamilyIllOrDisabledPercentOfOrphan: Percent.optional(),
      })
      .optional(),
    /** 宁政发〔2017〕86号 §三(一): children in temporary state care at the institution orphan standard. */
    temporaryCareAtInstitutionStandard: z.boolean().optional(),
    /** 宁政发〔2017〕86号 §三(一): listed parent combinations paid at the FUC standard. */
    ningxiaFucStandardClauses: z.boolean().optional(),
    gradualExitMonths: Months.optional(),
    gradualExitReasons: z.array(ExitReason).optional(),
    /** Schooling that keeps the benefit after 18 (特困 households: `tekunStages`). */
    inSchoolAfter18: z
      .object({ stages: z.array(Schooling), tekunStages: z.array(Schooling) })
      .partial()
      .optional(),
    /** 重病 list: an illness matches when its name contains an entry. */
    seriousIllnesses: z.array(z.string().min(1)).optional(),
    medical: z.partialRecord(CategoryCode, MedicalRatio).optional(),
    schoolYearGrants: z
      .object({
        /** Month of the year the grant is paid (9 = September). */
        grantMonth: z.number().int().min(1).max(12).optional(),
        amounts: z.partialRecord(CategoryCode, NonNegativeFen).optional(),
      })
      .optional(),
    /** Periodic re-review (资格复审) interval; event-driven reviews come on top. */
    reviewIntervalMonths: z.number().int().min(1).max(36).optional(),
    visits: z
      .object({
        defaultIntervalMonths: z.number().int().min(1).max(12).optional(),
        intervalMonthsByCategory: z.partialRecord(CategoryCode, z.number().int().min(1).max(12)).optional(),
      })
      .optional(),
    /** Deadlines in working days on `calendar`. */
    deadlines: z
      .object({
        townshipVerify: WorkingDays.optional(),
        countyConfirm: WorkingDays.optional(),
        crossProvince: z
          .object({
            forward: WorkingDays.optional(),
            verify: WorkingDays.optional(),
            decide: WorkingDays.optional(),
            notify: WorkingDays.optional(),
          })
          .optional(),
      })
      .optional(),
    /** Holidays and 调休 make-up workdays; a child pack's lists are added to its parent's. */
    calendar: z
      .object({
        holidays: z.array(PlainDate).optional(),
        makeupWorkdays: z.array(PlainDate).optional(),
        sources: z.array(z.string()).optional(),
      })
      .optional(),
    /** 2010 national floors: validation minimums for standards, never paid. */
    floors: z.object({ institution: NonNegativeFen, scattered: NonNegativeFen }).optional(),
    /** Groups of county codes treated as one county for 流动 (e.g. 银川 three districts). */
    migrantSameCountyGroups: z.array(z.array(z.string())).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.id !== packIdForJurisdiction(p.jurisdiction)) {
      ctx.addIssue({
        code: 'custom',
        path: ['id'],
        message: `政策包编号应为 ${packIdForJurisdiction(p.jurisdiction)}（与适用地区一致）`,
      });
    }
    if (p.parent !== undefined && p.parent === p.id) {
      ctx.addIssue({ code: 'custom', path: ['parent'], message: '上级政策包不能是自身' });
    }
  });
export type PolicyPack = z.output<typeof PolicyPack>;
export type PolicyPackInput = z.input<typeof PolicyPack>;

/** A pack with its inheritance resolved and defaults filled in: what rules read. */
export interface EffectivePack {
  id: string;
  name: string;
  jurisdiction: string;
  version: PlainDate;
  /** This version's own sources (documents), not inherited. */
  sources: string[];
  /** Packs merged, most general first (national … this one). */
  lineage: { id: string; version: PlainDate }[];
  categories: CategoryCode[];
  standards: Standards;
  ratios: { poorFamilyIllOrDisabledPercentOfOrphan?: number };
  temporaryCareAtInstitutionStandard: boolean;
  ningxiaFucStandardClauses: boolean;
  gradualExitMonths: number;
  gradualExitReasons: ExitReason[];
  inSchoolAfter18: { stages: Schooling[]; tekunStages: Schooling[] };
  seriousIllnesses: string[];
  medical: Partial<Record<CategoryCode, { outpatientPercent?: number; inpatientPercent?: number }>>;
  schoolYearGrants: { grantMonth: number; amounts: Partial<Record<CategoryCode, number>> };
  reviewIntervalMonths: number;
  visits: { defaultIntervalMonths: number; intervalMonthsByCategory: Partial<Record<CategoryCode, number>> };
  deadlines: {
    townshipVerify: number;
    countyConfirm: number;
    crossProvince: { forward: number; verify: number; decide: number; notify: number };
  };
  calendar: WorkingDayCalendar;
  floors?: { institution: number; scattered: number };
  migrantSameCountyGroups: string[][];
}

/** Defaults under every pack, for fields no pack in the chain sets (national-rules §6, §9). */
export const PACK_DEFAULTS: Omit<
  EffectivePack,
  'id' | 'name' | 'jurisdiction' | 'version' | 'lineage' | 'sources'
> = {
  categories: ['orphan', 'de-facto-unsupported', 'hiv-infected', 'left-behind', 'migrant'],
  standards: {},
  ratios: {},
  temporaryCareAtInstitutionStandard: false,
  ningxiaFucStandardClauses: false,
  gradualExitMonths: 6,
  gradualExitReasons: [
    'age-18',
    'graduated',
    'parent-resumed-care',
    'parent-released',
    'family-improved',
    'recovered',
  ],
  inSchoolAfter18: {
    stages: ['compulsory', 'high-school', 'vocational', 'college'],
    tekunStages: ['compulsory', 'high-school', 'vocational'],
  },
  seriousIllnesses: [],
  medical: {},
  schoolYearGrants: { grantMonth: 9, amounts: {} },
  reviewIntervalMonths: 12,
  visits: {
    defaultIntervalMonths: 3,
    intervalMonthsByCategory: { orphan: 1, 'de-facto-unsupported': 1, 'guardianship-hardship': 1 },
  },
  deadlines: {
    townshipVerify: 15,
    countyConfirm: 15,
    crossProvince: { forward: 3, verify: 15, decide: 15, notify: 3 },
  },
  calendar: { holidays: [], makeupWorkdays: [] },
  migrantSameCountyGroups: [],
};
