import type { ParentConditionKind, Placement } from '../../../domain/eligibility/codes.ts';
export {
  DISABILITY_GRADE_VALUES,
  DISABILITY_KIND_VALUES,
  SCHOOLING_VALUES,
} from '../../../domain/eligibility/template-values.ts';

/** The ledger template (台账导入模板, interchange.md §4): its columns, in order, and their values. */
export const TEMPLATE_COLUMNS = [
  '姓名',
  '公民身份号码',
  '户籍地区划代码',
  '居住地区划代码',
  '居住起始日期',
  '安置方式',
  '父亲身份号码',
  '父亲状况',
  '父亲状况起始日期',
  '父亲状况截止日期',
  '父亲残疾类别',
  '父亲残疾等级',
  '母亲身份号码',
  '母亲状况',
  '母亲状况起始日期',
  '母亲状况截止日期',
  '母亲残疾类别',
  '母亲残疾等级',
  '本人残疾类别',
  '本人残疾等级',
  '本人重病名称',
  '感染艾滋病病毒',
  '家庭救助类型',
  '已享受救助金额',
  '就读阶段',
  '监护人姓名',
  '监护人身份号码',
  '监护人联系电话',
  '纳入保障日期',
  '开户银行',
  '银行账号',
] as const;
export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];

/** The columns the export adds after the template's (interchange.md §4). */
export const EXPORT_EXTRA_COLUMNS = ['儿童类别', '保障项目', '月保障金额', '变动情况'] as const;

/**
 * Required in the header and in every row. 纳入保障日期 is the county's confirmation (interchange.md
 * §4): the ledger lists children already under support, and a child the county has not confirmed
 * goes through 申请 → 查验 → 确认 instead (ADR 0007).
 */
export const REQUIRED_COLUMNS: readonly TemplateColumn[] = [
  '姓名',
  '公民身份号码',
  '户籍地区划代码',
  '纳入保障日期',
];

/** The template's columns as a set (a file's other columns are ignored). */
export const TEMPLATE_COLUMN_SET: ReadonlySet<string> = new Set(TEMPLATE_COLUMNS);

export const DATE_COLUMNS: ReadonlySet<string> = new Set([
  '居住起始日期',
  '父亲状况起始日期',
  '父亲状况截止日期',
  '母亲状况起始日期',
  '母亲状况截止日期',
  '纳入保障日期',
]);

export const PLACEMENT_VALUES: Record<string, Placement> = {
  家庭: 'home',
  亲属抚养: 'kinship',
  机构养育: 'institution',
  家庭寄养: 'foster',
  临时监护: 'temporary-care',
  已收养: 'adopted',
};

/** 正常 = no condition recorded. */
export const PARENT_STATUS_VALUES: Record<string, ParentConditionKind | null> = {
  正常: null,
  死亡: 'deceased',
  宣告死亡: 'declared-dead',
  宣告失踪: 'declared-missing',
  查找不到: 'unknown',
  残疾: 'severe-disability',
  重病: 'serious-illness',
  服刑在押: 'imprisoned',
  强制隔离戒毒: 'drug-rehab',
  其他限制人身自由: 'detained',
  失联: 'lost-contact',
  被撤销监护资格: 'guardianship-revoked',
  被遣送出境: 'deported',
  改嫁: 'remarried',
  外出务工: 'working-away',
  无监护能力: 'no-guardian-capacity',
};

export const DISABILITY_GRADES_SHOWN = ['一级', '二级', '三级', '四级', '1–4'];

export const HIV_VALUES: Record<string, boolean> = { 是: true, 否: false };

export const ASSISTANCE_VALUES: Record<string, 'dibao' | 'tekun' | 'dibao-edge' | 'none'> = {
  低保: 'dibao',
  特困: 'tekun',
  低保边缘: 'dibao-edge',
  无: 'none',
};

/** Code → the template's Chinese value (for the export). */
export function labelOf<T>(values: Record<string, T>, code: T): string {
  for (const [label, v] of Object.entries(values)) if (v === code) return label;
  return '';
}
