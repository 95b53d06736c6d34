import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readTable, type TableRow } from '../matching/readers/index.ts';
import { collect, tempDir } from '../matching/readers/test-support.ts';
import { ledgerRow, writeLedgerXlsx } from './ledger.fixtures.ts';
import { readLedgerTable, readXlsxFirstSheet } from './xlsx-reader.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

/** A minimal zip (deflated entries) for workbooks ExcelJS does not write, e.g. inline strings. */
function writeZip(path: string, files: Record<string, string>) {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(0x0800, 6);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(nameBuf.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc32(data), 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBuf.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(head, nameBuf, packed);
    central.push(dir, nameBuf);
    offset += head.length + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...locals, cd, end]));
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function handMadeWorkbook(path: string, sheetData: string, prefix = '') {
  const p = prefix ? `${prefix}:` : '';
  const xmlns = prefix ? `xmlns:${prefix}="${NS}"` : `xmlns="${NS}"`;
  writeZip(path, {
    '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
    '_rels/.rels': `<?xml version="1.0"?><Relationships><Relationship Id="r1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0"?><${p}workbook ${xmlns} xmlns:r="${REL}"><${p}sheets><${p}sheet name="台账" sheetId="1" r:id="rId7"/></${p}sheets></${p}workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships><Relationship Id="rId7" Type="${REL}/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId8" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
    'xl/styles.xml': `<?xml version="1.0"?><${p}styleSheet ${xmlns}><${p}numFmts count="1"><${p}numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></${p}numFmts><${p}cellXfs count="3"><${p}xf numFmtId="0"/><${p}xf numFmtId="14"/><${p}xf numFmtId="164"/></${p}cellXfs></${p}styleSheet>`,
    'xl/worksheets/data.xml': `<?xml version="1.0"?><${p}worksheet ${xmlns}><${p}sheetData>${sheetData}</${p}sheetData></${p}worksheet>`,
  });
}

describe('the lean xlsx reader reads what ExcelJS reads', () => {
  it('gives the same rows as ExcelJS for shared strings, numbers, dates, booleans, formulas, rich text and empty cells', async () => {
    const path = tmp.file('mixed.xlsx');
    const book = new ExcelJS.Workbook(); // the non-streaming writer uses shared strings, as Excel does
    const ws = book.addWorksheet('台账');
    ws.addRow(['姓名', '金额', '日期', '布尔', '公式', '空', '富文本', '大数']);
    ws.addRow([
      '马小花',
      300.5,
      new Date(Date.UTC(2024, 5, 15)),
      true,
      { formula: 'B2*2', result: 601 },
      null,
      { richText: [{ text: '亲属' }, { font: { bold: true }, text: '抚养' }] },
      6228100000000001,
    ]);
    ws.addRow(['马小花', 0, new Date(Date.UTC(1999, 11, 31)), false, { formula: 'A2', result: '马小花' }]);
    ws.addRow([]);
    ws.addRow([null, null, null, null, null, null, null, 'a<b & "c"']);
    ws.getColumn(3).numFmt = 'yyyy-mm-dd';
    await book.xlsx.writeFile(path);

    const lean = await collect(readXlsxFirstSheet(path));
    const exceljs = await collect(readTable(path));
    expect(lean).toEqual(exceljs);
    expect(lean[1]?.cells).toEqual([
      '马小花',
      300.5,
      new Date(Date.UTC(2024, 5, 15)),
      true,
      601,
      null,
      '亲属抚养',
      6228100000000001,
    ]);
    expect(lean.at(-1)).toEqual({
      rowNumber: 5,
      cells: [null, null, null, null, null, null, null, 'a<b & "c"'],
    });
  });

  it('gives the same rows as ExcelJS for a generated ledger (inline-typed strings, dates as text)', async () => {
    const path = tmp.file('ledger.xlsx');
    await writeLedgerXlsx(path, [ledgerRow(0), { ...ledgerRow(1), 姓名: '=HYPERLINK("x")' }, ledgerRow(2)]);
    expect(await collect(readXlsxFirstSheet(path))).toEqual(await collect(readTable(path)));
  });

  it('reads inline strings, cells without references, a namespace prefix, custom and built-in date formats, and entities', async () => {
    const path = tmp.file('inline.xlsx');
    handMadeWorkbook(
      path,
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>姓名</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:r><x:t>纳入</x:t></x:r><x:r><x:t xml:space="preserve">保障日期</x:t></x:r><x:rPh><x:t>ノウ</x:t></x:rPh></x:is></x:c></x:row>' +
        '<x:row r="3"><x:c t="inlineStr"><x:is><x:t>A&amp;B&#20013;</x:t></x:is></x:c><x:c s="1"><x:v>45458</x:v></x:c><x:c s="2"><x:v>45458</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c><x:c/></x:row>' +
        '<x:row r="4"/>',
      'x',
    );
    const rows: TableRow[] = await collect(readXlsxFirstSheet(path));
    const day = new Date(Date.UTC(2024, 5, 15));
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['姓名', null, '纳入保障日期'] },
      { rowNumber: 3, cells: ['A&B中', day, day, null, false, null] },
    ]);
  });

  it('falls back to ExcelJS for a file it cannot open, and reads CSV through the shared reader', async () => {
    const notZip = tmp.file('broken.xlsx');
    writeFileSync(notZip, 'not a zip archive at all');
    await expect(collect(readLedgerTable(notZip))).rejects.toThrow();
    const csv = tmp.file('ledger.csv');
    writeFileSync(csv, '\uFEFF姓名,公民身份号码\r\n马小花,640302201503120020\r\n', 'utf8');
    expect(await collect(readLedgerTable(csv))).toEqual([
      { rowNumber: 1, cells: ['姓名', '公民身份号码'] },
      { rowNumber: 2, cells: ['马小花', '640302201503120020'] },
    ]);
  });
});
