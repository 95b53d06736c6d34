import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../../domain/shared/errors.ts';
import { readRoster } from './roster-reader.ts';
import { collect, idFor, tempDir, writeCsv, writeXlsx } from './test-support.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const kid = idFor('640302', '2015-03-12');
const dad = idFor('640302', '1985-01-01', '011');

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('readRoster on CSV', () => {
  it('reads UTF-8 with BOM, CRLF, quoted fields and columns in any order, keeping extra columns', async () => {
    const path = tmp.file('death.csv');
    writeCsv(
      path,
      `备注,死亡日期,公民身份号码,姓名\r\n"含,逗号和""引号""\r\n及换行",2024-05-01,${dad},马大山\r\n\r\n,2024/6/1,${kid.toLowerCase()}, 马小花 \r\n`,
      true,
    );
    const rows = await collect(readRoster('death', path));
    expect(rows).toEqual([
      {
        rowNumber: 2,
        raw: { 备注: '含,逗号和"引号"\r\n及换行', 死亡日期: '2024-05-01', 公民身份号码: dad, 姓名: '马大山' },
        ok: true,
        row: expect.objectContaining({
          roster: 'death',
          name: '马大山',
          deathDate: '2024-05-01',
          sex: 'male',
        }),
      },
      expect.objectContaining({
        rowNumber: 4,
        ok: true,
        row: expect.objectContaining({ name: '马小花', idNumber: kid }),
      }),
    ]);
  });

  it('reads UTF-8 without BOM and LF line ends', async () => {
    const path = tmp.file('adoption.csv');
    writeCsv(path, `姓名,公民身份号码,收养登记日期\n马小花,${kid},2025-01-01\n`);
    const rows = await collect(readRoster('adoption', path));
    expect(rows.map((r) => r.ok && r.row.adoptionDate)).toEqual(['2025-01-01']);
  });

  it('fails before any row when a required column is missing', async () => {
    const path = tmp.file('no-date.csv');
    writeCsv(path, `姓名,公民身份号码\n马小花,${kid}\n`);
    const seen: unknown[] = [];
    const e = await failure(
      (async () => {
        for await (const r of readRoster('death', path)) seen.push(r);
      })(),
    );
    expect(e.message).toBe('缺少必填列：死亡日期');
    expect(e.code).toBe('VALIDATION');
    expect(seen).toEqual([]);
  });

  it('fails on an empty file and on a known column given twice', async () => {
    const empty = tmp.file('empty.csv');
    writeCsv(empty, '');
    expect((await failure(collect(readRoster('adoption', empty)))).message).toBe(
      '缺少必填列：姓名、公民身份号码、收养登记日期',
    );
    const twice = tmp.file('twice.csv');
    writeCsv(twice, `姓名,公民身份号码,收养登记日期,姓名\n`);
    expect((await failure(collect(readRoster('adoption', twice)))).message).toBe('列名重复：姓名');
  });

  it('rejects bad rows with a reason per cell and keeps rows whose ID fails its check digit', async () => {
    const path = tmp.file('custody.csv');
    const bad = `${kid.slice(0, 17)}${kid.endsWith('0') ? '1' : '0'}`;
    writeCsv(
      path,
      [
        '姓名,公民身份号码,类型,起始日期,预计释放日期',
        `马大山,${dad},服刑在押,2024-01-01,2030-01-01`,
        `马大山,${dad},拘役,2024-13-01,`,
        `马小花,${bad},强制隔离戒毒,2024-01-01,`,
      ].join('\n'),
    );
    const rows = await collect(readRoster('custody', path));
    expect(rows.map((r) => r.ok)).toEqual([true, false, true]);
    expect(rows[1]).toMatchObject({
      rowNumber: 3,
      errors: [
        { column: '起始日期', message: '日期无效（不存在的日期）' },
        { column: '类型', message: '取值应为 服刑在押 | 强制隔离戒毒 | 其他限制人身自由 之一' },
      ],
    });
    expect(rows[2]).toMatchObject({
      ok: true,
      row: { idValid: false, birthDate: '2015-03-12', kind: 'drug-rehab' },
    });
  });

  it('refuses a file that is neither CSV nor xlsx', async () => {
    const path = tmp.file('roster.xls');
    writeCsv(path, 'x');
    expect((await failure(collect(readRoster('death', path)))).message).toBe(
      '名单文件应为 .csv 或 .xlsx 格式',
    );
  });
});

describe('readRoster on xlsx', () => {
  it('reads Excel date cells, text dates, date serials, numbers and rich text from the first sheet only', async () => {
    const path = tmp.file('assistance.xlsx');
    await writeXlsx(path, [
      {
        name: '低保',
        dateColumns: [5],
        rows: [
          ['月救助金额', '姓名', '公民身份号码', '救助类型', '起始日期', '终止日期', '户主身份号码'],
          [1200.5, '马小花', kid, '低保', new Date(Date.UTC(2022, 0, 15)), '2025年2月1日', dad],
          [300, { richText: [{ text: '马' }, { text: '大山' }] }, dad, '特困', 45000, null, null],
          [-1, '马大山', dad, '低保', '2020-01-01', null, null],
        ],
      },
      { name: '第二页', rows: [['姓名'], ['不读']] },
    ]);
    const rows = await collect(readRoster('assistance', path));
    expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
    expect(rows[0]).toMatchObject({
      ok: true,
      row: { monthlyFen: 120050, since: '2022-01-15', until: '2025-02-01', headIdNumber: dad },
    });
    expect(rows[1]).toMatchObject({ ok: true, row: { name: '马大山', kind: 'tekun', since: '2023-03-15' } });
    expect(rows[2]).toMatchObject({
      ok: false,
      errors: [{ column: '月救助金额', message: '金额不能为负数' }],
    });
  });

  it('fails before any row when the header lacks a required column', async () => {
    const path = tmp.file('school.xlsx');
    await writeXlsx(path, [
      {
        name: 'S',
        rows: [
          ['姓名', '公民身份号码', '学校'],
          ['马小花', kid, '一小'],
        ],
      },
    ]);
    expect((await failure(collect(readRoster('school', path)))).message).toBe(
      '缺少必填列：就读阶段、学籍状态、状态日期',
    );
  });

  it('reads a workbook written by the streaming writer (inline strings)', async () => {
    const path = tmp.file('residence.xlsx');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const ws = book.addWorksheet('R');
    ws.addRow(['姓名', '公民身份号码', '居住地区划代码', '居住起始日期']).commit();
    ws.addRow(['马小花', kid, '640381', '2024-01-01']).commit();
    ws.commit();
    await book.commit();
    const rows = await collect(readRoster('residence', path));
    expect(rows).toMatchObject([{ ok: true, row: { residenceRegion: '640381', since: '2024-01-01' } }]);
  });
});
