import { z } from 'zod';
import type { PlainDate } from '../shared/dates.ts';
import type { Sex } from '../shared/id-number.ts';
import type { Fen } from '../shared/money.ts';
import type { DisabilityKind, Schooling } from '../eligibility/codes.ts';
export {
  DISABILITY_GRADE_VALUES,
  DISABILITY_KIND_VALUES,
  SCHOOLING_VALUES,
} from '../eligibility/template-values.ts';

/** Department rosters for cross-matching (interchange.md §5): types, values, typed rows. */

export const ROSTER_TYPES = [
  'death',
  'custody',
  'disability',
  'assistance',
  'household',
  'school',
  'adoption',
  'residence',
] as const;
export const RosterType = z.enum(ROSTER_TYPES);
export type RosterType = z.infer<typeof RosterType>;

export const ROSTER_LABELS: Record<RosterType, string> = {
  death: '死亡人员名单',
  custody: '服刑/戒毒/限制人身自由人员名单',
  disability: '残疾人证名单',
  assistance: '低保/特困/低保边缘名单',
  household: '户籍家庭关系',
  school: '学籍名单',
  adoption: '收养登记名单',
  residence: '居住证/流动人口名单',
};

export type CustodyKind = 'imprisoned' | 'drug-rehab' | 'detained';
export type AssistanceKind = 'dibao' | 'tekun' | 'dibao-edge';
export type HouseholdRelation = 'head' | 'spouse' | 'son' | 'daughter' | 'grandchild' | 'parent' | 'other';
export type SchoolStatus = 'enrolled' | 'suspended' | 'dropped-out' | 'graduated' | 'transferred-out';

/** Chinese values of the enumerations (interchange.md §4–§5) → codes. */
export const CUSTODY_KIND_VALUES: Record<string, CustodyKind> = {
  服刑在押: 'imprisoned',
  强制隔离戒毒: 'drug-rehab',
  其他限制人身自由: 'detained',
  被执行其他限制人身自由的措施: 'detained',
};
export const ASSISTANCE_KIND_VALUES: Record<string, AssistanceKind> = {
  低保: 'dibao',
  特困: 'tekun',
  低保边缘: 'dibao-edge',
};
export const RELATION_VALUES: Record<string, HouseholdRelation> = {
  户主: 'head',
  配偶: 'spouse',
  子: 'son',
  女: 'daughter',
  孙子女: 'grandchild',
  父母: 'parent',
  其他: 'other',
};
export const SCHOOL_STATUS_VALUES: Record<string, SchoolStatus> = {
  在读: 'enrolled',
  休学: 'suspended',
  辍学: 'dropped-out',
  毕业: 'graduated',
  转出: 'transferred-out',
};

/**
 * The person a roster row is about. A row whose 公民身份号码 fails GB 11643 is kept with
 * `idValid: false` (ADR 0006): name + birth date can still match it and a data-quality lead can
 * be raised. `birthDate`/`sex` come from the number when its digits allow, even if invalid.
 */
export interface RosterPerson {
  name: string;
  /** Normalised: trimmed, half-width, upper-case X; 18 characters when valid. */
  idNumber: string;
  idValid: boolean;
  birthDate?: PlainDate;
  sex?: Sex;
}

export type DeathRow = RosterPerson & {
  roster: 'death';
  deathDate: PlainDate;
  hukouCancelledDate?: PlainDate;
};
export type CustodyRow = RosterPerson & {
  roster: 'custody';
  kind: CustodyKind;
  since: PlainDate;
  expectedRelease?: PlainDate;
  actualRelease?: PlainDate;
};
export type DisabilityRow = RosterPerson & {
  roster: 'disability';
  disability: { kind: DisabilityKind; grade: number };
  issuedDate: PlainDate;
  cancelledDate?: PlainDate;
};
export type AssistanceRow = RosterPerson & {
  roster: 'assistance';
  kind: AssistanceKind;
  monthlyFen: Fen;
  since: PlainDate;
  until?: PlainDate;
  /** 户主身份号码, normalised like idNumber. */
  headIdNumber?: string;
};
export type HouseholdRow = RosterPerson & {
  roster: 'household';
  householdNo: string;
  relation: HouseholdRelation;
  hukouRegion: string;
};
export type SchoolRow = RosterPerson & {
  roster: 'school';
  school: string;
  schooling: Schooling;
  status: SchoolStatus;
  statusDate: PlainDate;
};
export type AdoptionRow = RosterPerson & { roster: 'adoption'; adoptionDate: PlainDate };
export type ResidenceRow = RosterPerson & {
  roster: 'residence';
  residenceRegion: string;
  since: PlainDate;
};

export type RosterRow =
  | DeathRow
  | CustodyRow
  | DisabilityRow
  | AssistanceRow
  | HouseholdRow
  | SchoolRow
  | AdoptionRow
  | ResidenceRow;

export type RosterRowOf<T extends RosterType> = Extract<RosterRow, { roster: T }>;

/** One problem with one cell, in Chinese. */
export interface CellError {
  column: string;
  message: string;
}

export type RosterRowResult<T extends RosterType = RosterType> =
  { ok: true; row: RosterRowOf<T> } | { ok: false; errors: CellError[] };
