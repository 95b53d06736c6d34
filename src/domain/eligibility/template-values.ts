import type { DisabilityKind, Schooling } from './codes.ts';

/**
 * The Chinese values of interchange.md §4 (ledger template) that the department rosters of §5
 * share ("Dates and enumerations as in §4"): one definition for both readers.
 */
export const DISABILITY_KIND_VALUES: Record<string, DisabilityKind> = {
  视力: 'visual',
  听力: 'hearing',
  言语: 'speech',
  肢体: 'physical',
  智力: 'intellectual',
  精神: 'mental',
  多重: 'multiple',
};

export const DISABILITY_GRADE_VALUES: Record<string, number> = {
  一级: 1,
  二级: 2,
  三级: 3,
  四级: 4,
  '1': 1,
  '2': 2,
  '3': 3,
  '4': 4,
};

export const SCHOOLING_VALUES: Record<string, Schooling> = {
  未入学: 'none',
  学前: 'preschool',
  义务教育: 'compulsory',
  普通高中: 'high-school',
  中职: 'vocational',
  高职大专本科: 'college',
  研究生: 'postgraduate',
};
