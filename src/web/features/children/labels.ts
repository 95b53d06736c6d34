/** Chinese labels and formats for the registry pages; codes and their names come from the domain. */
import {
  BENEFIT_LABELS,
  CATEGORY_LABELS,
  PARENT_CONDITION_LABELS,
  type CategoryCode,
} from '../../../domain/eligibility/codes.ts';
import { fenToYuanString } from '../../../domain/shared/money.ts';

export { BENEFIT_LABELS, CATEGORY_LABELS, PARENT_CONDITION_LABELS };

export const CHILD_STATUS: Record<string, { label: string; color: string }> = {
  registered: { label: '已建档', color: 'default' },
  applying: { label: '申请中', color: 'processing' },
  active: { label: '已纳入保障', color: 'success' },
  exited: { label: '已退出保障', color: 'warning' },
};

export const CATEGORY_COLORS: Record<CategoryCode, string> = {
  orphan: 'magenta',
  'de-facto-unsupported': 'volcano',
  'hiv-infected': 'purple',
  'family-hardship': 'gold',
  'self-hardship': 'orange',
  'guardianship-hardship': 'red',
  'temporary-hardship': 'cyan',
  'left-behind': 'blue',
  migrant: 'geekblue',
};

export const categoryLabel = (c: string) => CATEGORY_LABELS[c as CategoryCode] ?? c;

export const PLACEMENT_LABELS: Record<string, string> = {
  home: '家庭',
  kinship: '亲属抚养',
  institution: '机构养育',
  foster: '家庭寄养',
  'temporary-care': '临时监护',
  adopted: '已收养',
};

export const SCHOOLING_LABELS: Record<string, string> = {
  none: '未入学',
  preschool: '学前',
  compulsory: '义务教育',
  'high-school': '普通高中',
  vocational: '中职',
  college: '高职大专本科',
  postgraduate: '研究生',
};

export const DISABILITY_KIND_LABELS: Record<string, string> = {
  visual: '视力',
  hearing: '听力',
  speech: '言语',
  physical: '肢体',
  intellectual: '智力',
  mental: '精神',
  multiple: '多重',
};

export const ASSISTANCE_LABELS: Record<string, string> = {
  none: '无',
  dibao: '低保',
  tekun: '特困',
  'dibao-edge': '低保边缘',
};

export const SEX_LABELS: Record<string, string> = { male: '男', female: '女' };

export const FACT_PATH_LABELS: Record<string, string> = {
  'child.idNumber': '公民身份号码',
  'child.name': '姓名',
  'child.birthDate': '出生日期',
  'child.hukouRegion': '户籍地',
  'child.residenceRegion': '居住地',
  'child.residentSince': '居住起始日期',
  'child.hiv': '感染艾滋病病毒',
  'child.placement': '安置方式',
  'child.schooling': '就读阶段',
  'child.disability': '本人残疾',
  'child.seriousIllness': '本人重病',
  'child.hardships': '临时困境',
  'child.guardianshipHarm': '监护缺失或不当',
  'parents.father': '父亲',
  'parents.father.idNumber': '父亲身份号码',
  'parents.father.conditions': '父亲状况',
  'parents.mother': '母亲',
  'parents.mother.idNumber': '母亲身份号码',
  'parents.mother.conditions': '母亲状况',
  'household.assistance': '家庭救助类型',
  'household.receivedMonthlyFen': '已享受救助金额',
};

export const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** 120000 → "¥1,200.00" (integer fen in, never a float). */
export function formatFen(fen: number): string {
  const [int = '0', dec = '00'] = fenToYuanString(fen).split('.');
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  return `${neg ? '-' : ''}¥${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}
