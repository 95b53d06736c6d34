import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  BENEFIT_LABELS,
  CATEGORY_LABELS,
  type BenefitCode,
  type CategoryCode,
} from '../../../domain/eligibility/codes.ts';
import type { Disability, ParentCondition } from '../../../domain/eligibility/facts.ts';
import { fenToYuanString } from '../../../domain/shared/money.ts';
import { monthChange, type MonthLedgerRow } from '../children/children.month.ts';
import {
  ASSISTANCE_VALUES,
  DISABILITY_KIND_VALUES,
  EXPORT_EXTRA_COLUMNS,
  HIV_VALUES,
  labelOf,
  PARENT_STATUS_VALUES,
  PLACEMENT_VALUES,
  REQUIRED_COLUMNS,
  SCHOOLING_VALUES,
  TEMPLATE_COLUMNS,
} from './ledger-columns.ts';
import type { LedgerDetails } from './ledger-row.ts';

/** Text a spreadsheet would take for a formula (OWASP CSV injection): written as text cells. */
const FORMULA_LIKE = /^[=+\-@\t\r]/;
const CHANGE_LABELS = { added: '新增', changed: '变更', removed: '撤销' } as const;
const GRADES = ['', '一级', '二级', '三级', '四级'];

const regionText = (code: string | undefined) => (!code ? '' : code.length >= 6 ? code : code.padEnd(6, '0'));

function disabilityCells(d: Disability | undefined): [string, string] {
  return d ? [labelOf(DISABILITY_KIND_VALUES, d.kind), GRADES[d.grade] ?? String(d.grade)] : ['', ''];
}

function parentCells(row: MonthLedgerRow, role: 'father' | 'mother'): string[] {
  const p = row.facts.parents.find((x) => x.role === role);
  const c: ParentCondition | undefined = p?.conditions[0];
  const status = c ? labelOf(PARENT_STATUS_VALUES, c.kind) : p ? '正常' : '';
  return [p?.idNumber ?? '', status, c?.since ?? '', c?.until ?? '', ...disabilityCells(c?.disability)];
}

/** One exported line: the template's columns, then 儿童类别 · 保障项目 · 月保障金额 · 变动情况. */
export function ledgerLine(row: MonthLedgerRow, details: Partial<LedgerDetails>): (string | number)[] {
  const { child, household } = row.facts;
  const cur = row.current;
  const change = monthChange(row);
  return [
    child.name ?? '',
    child.idNumber ?? '',
    regionText(child.hukouRegion),
    regionText(child.residenceRegion),
    child.residentSince ?? '',
    labelOf(PLACEMENT_VALUES, child.placement),
    ...parentCells(row, 'father'),
    ...parentCells(row, 'mother'),
    ...disabilityCells(child.disability),
    child.seriousIllness ?? '',
    labelOf(HIV_VALUES, child.hiv),
    labelOf(ASSISTANCE_VALUES, household.assistance),
    fenToYuanString(household.receivedMonthlyFen),
    labelOf(SCHOOLING_VALUES, child.schooling),
    details.guardianName ?? '',
    details.guardianIdNumber ?? '',
    details.guardianPhone ?? '',
    row.confirmedAt ?? '',
    details.bank ?? '',
    details.bankAccount ?? '',
    (cur?.categories ?? []).map((c) => CATEGORY_LABELS[c as CategoryCode] ?? c).join('、'),
    (cur?.benefits ?? []).map((b) => BENEFIT_LABELS[b.code as BenefitCode] ?? b.code).join('、'),
    cur ? Number(fenToYuanString(cur.monthlyTotalFen)) : 0,
    change ? CHANGE_LABELS[change] : '',
  ];
}

/**
 * Writes a ledger workbook with ExcelJS's streaming writer: the header, then `lines` as they
 * come (the caller pages through the month). Strings stay strings — formula-like text is
 * additionally formatted as text — and ExcelJS never turns a string into a formula.
 */
export async function writeLedgerWorkbook(
  out: { filename: string } | { stream: Writable },
  lines: AsyncIterable<(string | number)[]> | null,
): Promise<number> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ ...out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet('台账');
  const header = lines ? [...TEMPLATE_COLUMNS, ...EXPORT_EXTRA_COLUMNS] : [...TEMPLATE_COLUMNS];
  sheet.columns = header.map((h) => ({ header: h, width: Math.max(10, h.length * 2 + 2) }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let n = 0;
  const money = header.indexOf('月保障金额') + 1;
  if (lines) {
    for await (const line of lines) {
      const row = sheet.addRow(line);
      row.eachCell((cell, col) => {
        if (typeof cell.value === 'string' && FORMULA_LIKE.test(cell.value)) cell.numFmt = '@';
        if (col === money) cell.numFmt = '0.00';
      });
      row.commit();
      n += 1;
    }
  }
  sheet.commit();
  if (!lines) {
    // The empty template carries a second sheet that lists the allowed values.
    const help = book.addWorksheet('填写说明');
    const rows: [string, string][] = [
      ['安置方式', Object.keys(PLACEMENT_VALUES).join(' | ')],
      ['父亲状况 / 母亲状况', Object.keys(PARENT_STATUS_VALUES).join(' | ')],
      ['残疾类别', Object.keys(DISABILITY_KIND_VALUES).join(' | ')],
      ['残疾等级', '一级 | 二级 | 三级 | 四级（或 1–4）'],
      ['感染艾滋病病毒', '是 | 否'],
      ['家庭救助类型', Object.keys(ASSISTANCE_VALUES).join(' | ')],
      ['已享受救助金额', '元/月，最多两位小数'],
      ['就读阶段', Object.keys(SCHOOLING_VALUES).join(' | ')],
      ['日期', 'YYYY-MM-DD 或 Excel 日期'],
      ['必填列', REQUIRED_COLUMNS.join('、')],
      ['纳入保障日期', '县级确认纳入保障的日期；尚未确认的儿童请走申请—查验—确认流程'],
      ['开户银行 / 银行账号', '两项同填或同空；导入后即为发放所用账户'],
    ];
    help.addRow(['列', '取值']).commit();
    for (const r of rows) help.addRow(r).commit();
    help.commit();
  }
  await book.commit();
  return n;
}
