import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeErrorsFile, type RosterReject } from './errors-file.ts';
import { readRoster } from './roster-reader.ts';
import { collect, idFor, tempDir, writeCsv, writeXlsx } from './test-support.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const kid = idFor('640302', '2015-03-12');

async function rejectsOf(path: string): Promise<RosterReject[]> {
  const rows = await collect(readRoster('adoption', path));
  return rows.flatMap((r) => (r.ok ? [] : [{ rowNumber: r.rowNumber, errors: r.errors }]));
}

describe('writeErrorsFile', () => {
  it('writes the failed CSV rows as they were, with 错误原因, formula-like text neutralised', async () => {
    const input = tmp.file('in.csv');
    writeCsv(
      input,
      `姓名,公民身份号码,收养登记日期,备注\r\n马小花,${kid},2025-01-01,好\r\n=HYPERLINK("x"),${kid},不详,"a,b"\r\n@SUM(1),,2025-01-01,-1\r\n`,
      true,
    );
    const out = tmp.file('out.csv');
    expect(await writeErrorsFile(input, await rejectsOf(input), out)).toEqual({ rows: 2 });
    const text = readFileSync(out, 'utf8');
    expect(text.split('\r\n')).toEqual([
      '\uFEFF姓名,公民身份号码,收养登记日期,备注,错误原因',
      `"'=HYPERLINK(""x"")",${kid},不详,"a,b",收养登记日期：日期格式应为 YYYY-MM-DD`,
      `'@SUM(1),,2025-01-01,'-1,公民身份号码：必填`,
      '',
    ]);
  });

  it('writes an xlsx for xlsx input: input cells kept, formula-like text as text, never a formula', async () => {
    const input = tmp.file('in.xlsx');
    await writeXlsx(input, [
      {
        name: 'A',
        dateColumns: [3],
        rows: [
          ['姓名', '公民身份号码', '收养登记日期'],
          ['=1+1', kid, new Date(Date.UTC(2025, 0, 1))],
          ['马小花', kid, new Date(Date.UTC(2025, 0, 1))],
          ['+马小花', '123', '明天'],
        ],
      },
    ]);
    const rejects = await rejectsOf(input);
    expect(rejects.map((r) => r.rowNumber)).toEqual([4]);
    const out = tmp.file('out.xlsx');
    await writeErrorsFile(
      input,
      [...rejects, { rowNumber: 2, errors: [{ column: '姓名', message: '测试' }] }],
      out,
    );

    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const ws = book.worksheets[0];
    const values = (n: number) => (ws?.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(['姓名', '公民身份号码', '收养登记日期', '错误原因']);
    expect(values(2)).toEqual(['=1+1', kid, new Date(Date.UTC(2025, 0, 1)), '姓名：测试']);
    expect(values(3)).toEqual(['+马小花', '123', '明天', '收养登记日期：日期格式应为 YYYY-MM-DD']);
    expect(ws?.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(ws?.getRow(3).getCell(1).numFmt).toBe('@');
    expect(ws?.rowCount).toBe(3);
  });
});
