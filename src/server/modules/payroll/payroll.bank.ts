import ExcelJS from 'exceljs';
import type { Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { conflict, validationError, type FieldIssue } from '../../../domain/shared/errors.ts';
import { fenToYuanString } from '../../../domain/shared/money.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { payrollRepo } from './payroll.repo.ts';
import type { PayrollService } from './payroll.service.ts';

/**
 * Bank files (代发文件) and bank returns (回盘). One row per transfer line: 姓名 · 开户银行 ·
 * 银行账号 (full: the bank needs it) · 金额 (yuan, 2 decimals) · 参考号 (the line id, which the
 * return quotes back). Recovery lines are collected by finance, never transferred.
 */
export const BANK_FILE_COLUMNS = ['姓名', '开户银行', '银行账号', '金额', '参考号'] as const;
export const RETURN_COLUMNS = { ref: '参考号', result: '结果', reason: '失败原因' } as const;

/** Text that a spreadsheet would run as a formula is written as text (interchange.md §4). */
const safeText = (s: string) => (/^[=+\-@]/.test(s) ? `'${s}` : s);
const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

async function readTable(fileName: string, content: Buffer): Promise<string[][]> {
  if (/\.csv$/i.test(fileName)) return parseCsv(content.toString('utf8'));
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(content as unknown as ArrayBuffer);
  } catch {
    throw validationError('回盘文件无法读取，请确认为 .xlsx 格式', [
      { path: 'file', message: '文件格式错误' },
    ]);
  }
  const ws = book.worksheets[0];
  const out: string[][] = [];
  ws?.eachRow((r) => {
    const cells: string[] = [];
    for (let c = 1; c <= r.cellCount; c++) cells.push(r.getCell(c).text ?? '');
    out.push(cells);
  });
  return out;
}

export function makeBankFiles(deps: { db: Db; payroll: PayrollService }) {
  const { db, payroll } = deps;

  async function approvedRun(actor: Actor, id: string) {
    const run = await payroll.getRun(actor, id, Permission.payrollManage);
    if (run.status !== 'approved') throw conflict('发放表审批锁定后才能导出代发文件或导入回盘');
    return run;
  }

  return {
    async exportFile(
      actor: Actor,
      id: string,
      q: { bank: string; format: 'csv' | 'xlsx' },
      ctx: AuditContext,
    ) {
      const run = await approvedRun(actor, id);
      const rows = (await payrollRepo.transferLines(db, run.id)).filter((r) => (r.bank ?? '') === q.bank);
      if (rows.length === 0)
        throw validationError('该银行没有需要代发的记录', [{ path: 'bank', message: '无记录' }]);
      const table = rows.map((r) => [
        safeText(r.name),
        safeText(r.bank ?? ''),
        r.account ?? '',
        fenToYuanString(r.line.amountFen),
        r.line.id,
      ]);
      await writeAudit(db, ctx, {
        action: 'payroll.bank-export',
        entityType: 'payroll-run',
        entityId: run.id,
        regionCode: run.region,
        detail: { month: run.month, format: q.format, lines: rows.length },
      });
      const base = `代发-${run.region}-${run.month}`;
      if (q.format === 'csv') {
        const text = [BANK_FILE_COLUMNS, ...table].map((r) => r.map(csvField).join(',')).join('\r\n');
        return {
          fileName: `${base}.csv`,
          type: 'text/csv; charset=utf-8',
          body: Buffer.from(`\uFEFF${text}\r\n`),
        };
      }
      const book = new ExcelJS.Workbook();
      const ws = book.addWorksheet('代发');
      ws.addRow([...BANK_FILE_COLUMNS]);
      for (const r of table) {
        const row = ws.addRow(r);
        row.getCell(3).numFmt = '@';
        row.getCell(4).numFmt = '0.00';
      }
      ws.columns.forEach((c, i) => (c.width = [12, 20, 24, 12, 60][i] ?? 12));
      const body = Buffer.from(await book.xlsx.writeBuffer());
      return {
        fileName: `${base}.xlsx`,
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body,
      };
    },

    /** Marks lines paid/failed from a bank return; the whole file or nothing (row errors named). */
    async importReturn(
      actor: Actor,
      id: string,
      file: { fileName: string; content: Buffer },
      ctx: AuditContext,
    ) {
      const run = await approvedRun(actor, id);
      const table = await readTable(file.fileName, file.content);
      const header = (table[0] ?? []).map((h) => h.trim());
      const col = (name: string) => header.indexOf(name);
      const missing = Object.values(RETURN_COLUMNS).filter((c) => c !== '失败原因' && col(c) < 0);
      if (missing.length) {
        throw validationError(`回盘文件缺少列：${missing.join('、')}`, [{ path: 'file', message: '缺少列' }]);
      }
      const lines = new Map((await payrollRepo.transferLines(db, run.id)).map((r) => [r.line.id, r.line]));
      const issues: FieldIssue[] = [];
      const results = new Map<string, { id: string; status: 'paid' | 'failed'; reason: string | null }>();
      table.slice(1).forEach((cells, i) => {
        const rowNo = i + 2;
        const ref = (cells[col(RETURN_COLUMNS.ref)] ?? '').trim();
        const result = (cells[col(RETURN_COLUMNS.result)] ?? '').trim();
        const reason =
          col(RETURN_COLUMNS.reason) >= 0 ? (cells[col(RETURN_COLUMNS.reason)] ?? '').trim() : '';
        const line = lines.get(ref);
        if (!line) issues.push({ path: `第${rowNo}行.参考号`, message: '不是本发放表的代发记录' });
        else if (result !== '成功' && result !== '失败') {
          issues.push({ path: `第${rowNo}行.结果`, message: '应为“成功”或“失败”' });
        } else if (
          line.bankStatus !== 'pending' &&
          line.bankStatus !== (result === '成功' ? 'paid' : 'failed')
        ) {
          issues.push({ path: `第${rowNo}行.结果`, message: '与已导入的回盘结果不一致' });
        } else {
          results.set(ref, {
            id: ref,
            status: result === '成功' ? 'paid' : 'failed',
            reason: result === '失败' ? reason || '未说明' : null,
          });
        }
      });
      if (issues.length) {
        throw validationError(
          `回盘文件有 ${issues.length} 处错误，未导入：${issues
            .slice(0, 5)
            .map((x) => `${x.path}${x.message}`)
            .join('；')}`,
          issues,
        );
      }
      const all = [...results.values()];
      await db.transaction(async (tx) => {
        await payrollRepo.setBankResults(tx, run.id, all);
        await writeAudit(tx, ctx, {
          action: 'payroll.bank-return',
          entityType: 'payroll-run',
          entityId: run.id,
          regionCode: run.region,
          detail: {
            month: run.month,
            paid: all.filter((r) => r.status === 'paid').length,
            failed: all.filter((r) => r.status === 'failed').length,
          },
        });
      });
      const view = await payroll.runView(actor, run);
      return {
        rows: all.length,
        paid: all.filter((r) => r.status === 'paid').length,
        failed: all.filter((r) => r.status === 'failed').length,
        reconciliation: view.reconciliation,
      };
    },
  };
}
export type BankFiles = ReturnType<typeof makeBankFiles>;
