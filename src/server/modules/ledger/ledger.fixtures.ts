import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { addDays } from '../../../domain/shared/dates.ts';
import { idCheckChar } from '../../../domain/shared/id-number.ts';
import { TEMPLATE_COLUMNS } from './ledger-columns.ts';

/**
 * Generated ledgers in the template (tests, the e2e journey and the benchmark): children of
 * 金星镇 (640302106001) in four situations the engine decides differently.
 */
export type LedgerCells = Record<string, string | number | Date>;

export function ledgerIdNumber(i: number, offset = 0): string {
  const n = i + offset;
  const birth = addDays('2010-01-01', n % 3000).replace(/-/g, '');
  const first17 = `640302${birth}${String(Math.floor(n / 3000) % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

const SURNAMES = '马王李张刘杨金白';
const GIVEN = ['小花', '建国', '丽', '明', '子涵', '雨轩', '浩然', '欣怡'];

/** Row i: orphan, de-facto unsupported (father dead, mother in prison), disabled child on 低保, or HIV. */
export function ledgerRow(i: number, offset = 0): LedgerCells {
  const base: LedgerCells = {
    姓名: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i >> 3) % GIVEN.length]}`,
    公民身份号码: ledgerIdNumber(i, offset),
    户籍地区划代码: '640302106001',
    安置方式: i % 4 === 0 ? '亲属抚养' : '家庭',
    就读阶段: '义务教育',
    感染艾滋病病毒: '否',
    家庭救助类型: '无',
    监护人姓名: '马大山',
    监护人联系电话: '13900000000',
    纳入保障日期: '2024-06-15',
    开户银行: '黄河农村商业银行',
    银行账号: `6228${String(100000000000 + i)}`,
  };
  switch (i % 4) {
    case 0:
      return {
        ...base,
        父亲状况: '死亡',
        父亲状况起始日期: '2019-05-01',
        母亲状况: '死亡',
        母亲状况起始日期: '2021-03-15',
      };
    case 1:
      return {
        ...base,
        父亲状况: '死亡',
        父亲状况起始日期: '2020-01-01',
        母亲状况: '服刑在押',
        母亲状况起始日期: '2023-01-01',
        母亲状况截止日期: '2033-01-01',
      };
    case 2:
      return {
        ...base,
        本人残疾类别: '智力',
        本人残疾等级: '二级',
        家庭救助类型: '低保',
        已享受救助金额: '300.50',
      };
    default:
      return {
        ...base,
        感染艾滋病病毒: '是',
        父亲状况: '正常',
        母亲状况: '外出务工',
        母亲状况起始日期: '2022-01-01',
      };
  }
}

/**
 * `good` valid rows plus the five bad rows of the acceptance (wrong check digit, impossible date,
 * unknown 安置方式, empty name, duplicate ID), spread through the file. Returns the rows and the
 * 1-based file row numbers (header = 1) of the bad ones.
 */
export function acceptanceLedger(good: number, offset = 0): { rows: LedgerCells[]; badRows: number[] } {
  const rows: LedgerCells[] = [];
  for (let i = 0; i < good; i++) rows.push(ledgerRow(i, offset));
  const id = ledgerIdNumber(good + 10, offset);
  const wrongCheck = id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');
  const bad: LedgerCells[] = [
    { ...ledgerRow(good + 10, offset), 公民身份号码: wrongCheck },
    { ...ledgerRow(good + 11, offset), 父亲状况起始日期: '2023-02-30' },
    { ...ledgerRow(good + 12, offset), 安置方式: '寄宿' },
    { ...ledgerRow(good + 13, offset), 姓名: '' },
    { ...ledgerRow(7, offset), 姓名: '重复者' },
  ];
  const positions = [3, 100, 500, 1000, good];
  const badRows: number[] = [];
  bad.forEach((row, k) => {
    const at = Math.min(positions[k] ?? good, rows.length);
    rows.splice(at, 0, row);
  });
  rows.forEach((r, idx) => {
    if (bad.includes(r)) badRows.push(idx + 2);
  });
  return { rows, badRows };
}

const line = (r: LedgerCells) => TEMPLATE_COLUMNS.map((c) => r[c] ?? '');

export async function writeLedgerXlsx(path: string, rows: Iterable<LedgerCells>): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = book.addWorksheet('台账');
  sheet.addRow([...TEMPLATE_COLUMNS]).commit();
  for (const r of rows) sheet.addRow(line(r)).commit();
  sheet.commit();
  await book.commit();
}

export async function writeLedgerCsv(path: string, rows: Iterable<LedgerCells>, bom = true): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  const field = (v: unknown) => {
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  out.write(`${bom ? '\uFEFF' : ''}${TEMPLATE_COLUMNS.join(',')}\r\n`);
  for (const r of rows) if (!out.write(`${line(r).map(field).join(',')}\r\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}
