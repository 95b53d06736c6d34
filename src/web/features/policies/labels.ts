/**
 * Chinese names for the ChildFacts codes the domain does not label yet (interchange.md §1, §4).
 * Categories, benefits, parent conditions and exit reasons are labelled in
 * domain/eligibility/codes.ts and reused from there.
 */
import {
  ASSISTANCE_KINDS,
  BENEFIT_LABELS,
  CATEGORY_LABELS,
  DISABILITY_KINDS,
  PARENT_CONDITION_KINDS,
  PARENT_CONDITION_LABELS,
  PLACEMENTS,
  SCHOOLING_STAGES,
  type BenefitPlacement,
  type DisabilityKind,
  type ParentConditionKind,
  type Placement,
  type Schooling,
} from '../../../domain/eligibility/codes.ts';

type Assistance = (typeof ASSISTANCE_KINDS)[number];

export const PLACEMENT_LABELS: Record<Placement, string> = {
  home: '家庭',
  kinship: '亲属抚养',
  institution: '机构养育',
  foster: '家庭寄养',
  'temporary-care': '临时监护',
  adopted: '已收养',
};

export const SCHOOLING_LABELS: Record<Schooling, string> = {
  none: '未入学',
  preschool: '学前',
  compulsory: '义务教育',
  'high-school': '普通高中',
  vocational: '中职',
  college: '高职大专本科',
  postgraduate: '研究生',
};

export const DISABILITY_KIND_LABELS: Record<DisabilityKind, string> = {
  visual: '视力',
  hearing: '听力',
  speech: '言语',
  physical: '肢体',
  intellectual: '智力',
  mental: '精神',
  multiple: '多重',
};

export const ASSISTANCE_LABELS: Record<Assistance, string> = {
  dibao: '低保',
  tekun: '特困',
  'dibao-edge': '低保边缘',
  none: '无',
};

/** Column names of a standard: the institution and the scattered (home, kinship, foster…) rate. */
export const BENEFIT_PLACEMENT_LABELS: Record<BenefitPlacement, string> = {
  institution: '机构养育',
  scattered: '散居',
};

export const PACK_STATUS_LABELS: Record<string, { label: string; color: string }> = {
  approved: { label: '生效', color: 'green' },
  proposed: { label: '拟议', color: 'orange' },
};

export const GRADE_OPTIONS = [1, 2, 3, 4].map((g) => ({ value: g, label: `${'一二三四'[g - 1]}级` }));

const options = <T extends string>(codes: readonly T[], labels: Record<T, string>) =>
  codes.map((value) => ({ value, label: labels[value] }));

export const PLACEMENT_OPTIONS = options(PLACEMENTS, PLACEMENT_LABELS);
export const SCHOOLING_OPTIONS = options(SCHOOLING_STAGES, SCHOOLING_LABELS);
export const DISABILITY_KIND_OPTIONS = options(DISABILITY_KINDS, DISABILITY_KIND_LABELS);
export const ASSISTANCE_OPTIONS = options(ASSISTANCE_KINDS, ASSISTANCE_LABELS);
export const CONDITION_OPTIONS = options<ParentConditionKind>(
  PARENT_CONDITION_KINDS,
  PARENT_CONDITION_LABELS,
);

/** The rule an explanation names: a category or benefit code in Chinese, other rule names as they are. */
export function ruleLabel(rule: string): string {
  if (rule in CATEGORY_LABELS) return CATEGORY_LABELS[rule as keyof typeof CATEGORY_LABELS];
  if (rule in BENEFIT_LABELS) return BENEFIT_LABELS[rule as keyof typeof BENEFIT_LABELS];
  return RULE_LABELS[rule] ?? rule;
}

const RULE_LABELS: Record<string, string> = {
  policy: '适用政策',
  'migrant-top-up': '流动儿童补差',
  'partial-payment': '补差发放',
  'one-allowance': '不重复享受',
  'ningxia-fuc-standard': '宁夏标准条款',
  adopted: '收养',
  'age-18': '年满18周岁',
  'age-18-in-school': '18岁后在校',
  exit: '退出',
  'adjustment-growth': '收入增长',
  'adjustment-increments': '标准增幅',
};
