import { z } from 'zod';

/** The closed code lists of the interchange contracts (interchange.md §1–§2). */

export const CATEGORY_CODES = [
  'orphan',
  'de-facto-unsupported',
  'hiv-infected',
  'family-hardship',
  'self-hardship',
  'guardianship-hardship',
  'temporary-hardship',
  'left-behind',
  'migrant',
] as const;
export const CategoryCode = z.enum(CATEGORY_CODES);
export type CategoryCode = z.infer<typeof CategoryCode>;

export const CATEGORY_LABELS: Record<CategoryCode, string> = {
  orphan: '孤儿',
  'de-facto-unsupported': '事实无人抚养儿童',
  'hiv-infected': '艾滋病病毒感染儿童',
  'family-hardship': '家庭困境儿童',
  'self-hardship': '自身困境儿童',
  'guardianship-hardship': '监护困境儿童',
  'temporary-hardship': '临时困境儿童',
  'left-behind': '留守儿童',
  migrant: '流动儿童',
};

export const BENEFIT_CODES = [
  'orphan-allowance',
  'fuc-allowance',
  'hiv-allowance',
  'hardship-allowance',
] as const;
export const BenefitCode = z.enum(BENEFIT_CODES);
export type BenefitCode = z.infer<typeof BenefitCode>;

export const BENEFIT_LABELS: Record<BenefitCode, string> = {
  'orphan-allowance': '孤儿基本生活费',
  'fuc-allowance': '事实无人抚养儿童基本生活补贴',
  'hiv-allowance': '艾滋病病毒感染儿童基本生活费',
  'hardship-allowance': '困境儿童生活补贴',
};

export const BENEFIT_PLACEMENTS = ['institution', 'scattered'] as const;
export const BenefitPlacement = z.enum(BENEFIT_PLACEMENTS);
export type BenefitPlacement = z.infer<typeof BenefitPlacement>;

export const EXIT_REASONS = [
  'age-18',
  'graduated',
  'adopted',
  'died',
  'parent-resumed-care',
  'parent-released',
  'family-improved',
  'recovered',
  'recognized-orphan',
  'moved-away',
  'other',
] as const;
export const ExitReason = z.enum(EXIT_REASONS);
export type ExitReason = z.infer<typeof ExitReason>;

export const EXIT_REASON_LABELS: Record<ExitReason, string> = {
  'age-18': '年满18周岁',
  graduated: '年满18周岁后毕业',
  adopted: '依法被收养',
  died: '死亡',
  'parent-resumed-care': '父（母）重新履行抚养义务',
  'parent-released': '父（母）刑满释放或强制戒毒结束',
  'family-improved': '家庭生活状况改善具备抚养能力',
  recovered: '疾病治愈',
  'recognized-orphan': '被认定为孤儿',
  'moved-away': '户籍迁出',
  other: '其他应退出的情形',
};

export const PLACEMENTS = ['home', 'kinship', 'institution', 'foster', 'temporary-care', 'adopted'] as const;
export const Placement = z.enum(PLACEMENTS);
export type Placement = z.infer<typeof Placement>;

export const SCHOOLING_STAGES = [
  'none',
  'preschool',
  'compulsory',
  'high-school',
  'vocational',
  'college',
  'postgraduate',
] as const;
export const Schooling = z.enum(SCHOOLING_STAGES);
export type Schooling = z.infer<typeof Schooling>;

export const DISABILITY_KINDS = [
  'visual',
  'hearing',
  'speech',
  'physical',
  'intellectual',
  'mental',
  'multiple',
] as const;
export const DisabilityKind = z.enum(DISABILITY_KINDS);
export type DisabilityKind = z.infer<typeof DisabilityKind>;

export const PARENT_CONDITION_KINDS = [
  'deceased',
  'declared-dead',
  'declared-missing',
  'unknown',
  'severe-disability',
  'serious-illness',
  'imprisoned',
  'drug-rehab',
  'detained',
  'lost-contact',
  'guardianship-revoked',
  'deported',
  'remarried',
  'working-away',
  'no-guardian-capacity',
] as const;
export const ParentConditionKind = z.enum(PARENT_CONDITION_KINDS);
export type ParentConditionKind = z.infer<typeof ParentConditionKind>;

export const PARENT_CONDITION_LABELS: Record<ParentConditionKind, string> = {
  deceased: '死亡',
  'declared-dead': '宣告死亡',
  'declared-missing': '宣告失踪',
  unknown: '查找不到',
  'severe-disability': '残疾',
  'serious-illness': '重病',
  imprisoned: '服刑在押',
  'drug-rehab': '强制隔离戒毒',
  detained: '被执行其他限制人身自由的措施',
  'lost-contact': '失联',
  'guardianship-revoked': '被撤销监护资格',
  deported: '被遣送（驱逐）出境',
  remarried: '改嫁',
  'working-away': '外出务工',
  'no-guardian-capacity': '无监护能力',
};

export const HARDSHIP_KINDS = ['accident', 'disaster', 'sudden-illness', 'other'] as const;
export const GUARDIANSHIP_HARMS = ['abuse', 'abandonment', 'neglect', 'injury', 'unlawful-harm'] as const;
export type HardshipKind = (typeof HARDSHIP_KINDS)[number];
export type GuardianshipHarm = (typeof GUARDIANSHIP_HARMS)[number];

/** 临时困境 kinds (宁政发〔2017〕86号 §二（四）). */
export const HARDSHIP_LABELS: Record<HardshipKind, string> = {
  accident: '意外事故',
  disaster: '自然灾害',
  'sudden-illness': '突发重大疾病',
  other: '其他特殊困难',
};
/** Harm from absent or improper guardianship (宁政发〔2017〕86号 §二（三）). */
export const GUARDIANSHIP_HARM_LABELS: Record<GuardianshipHarm, string> = {
  abuse: '虐待',
  abandonment: '遗弃',
  neglect: '监护缺失',
  injury: '意外伤害',
  'unlawful-harm': '不法侵害',
};
export const ASSISTANCE_KINDS = ['dibao', 'tekun', 'dibao-edge', 'none'] as const;
