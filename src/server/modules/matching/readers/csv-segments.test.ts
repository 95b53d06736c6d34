import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { csvLines, readCsvBatches, readCsvSegments, type CsvRecord } from './csv.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-csv-segments-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (text: string) => {
  const file = path.join(dir, `f${(n += 1)}.csv`);
  fs.writeFileSync(file, text);
  return file;
};

async function records(file: string): Promise<CsvRecord[]> {
  const all: CsvRecord[] = [];
  for await (const batch of readCsvBatches(file)) all.push(...batch);
  return all;
}

async function segmented(file: string, chunkBytes: number) {
  const all: CsvRecord[] = [];
  let runs = 0;
  for await (const s of readCsvSegments(file, undefined, chunkBytes)) {
    if (Array.isArray(s)) all.push(...s);
    else {
      runs += 1;
      const lines = csvLines(s);
      expect(lines).toHaveLength(s.rows);
      all.push(...lines);
    }
  }
  return { all, runs };
}

// Text as departments' exports come: CJK and ASCII, commas, line ends of every kind, blank
// lines, now and then a quoted field with commas, quotes or line breaks inside, a stray quote.
const piece = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.constantFrom('某某', '马大山', '𠮷', '640302197501010013', '2026-10-01', 'ab', ''),
  },
  { weight: 6, arbitrary: fc.constant(',') },
  { weight: 6, arbitrary: fc.constantFrom('\n', '\r\n', '\r') },
  { weight: 1, arbitrary: fc.constantFrom('"a,b"', '"x""y"', '"line\nbreak"', 'a"b', '"', '\ufeff') },
);
const csvText = fc.array(piece, { maxLength: 80 }).map((p) => p.join(''));

describe('readCsvSegments', () => {
  it('yields the same records as the state machine, whatever the chunking, quotes and line ends', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), csvText, fc.integer({ min: 1, max: 64 }), async (bom, text, chunk) => {
        const file = write((bom ? '\ufeff' : '') + text);
        const { all } = await segmented(file, chunk);
        expect(all).toEqual(await records(file));
      }),
      { numRuns: 300 },
    );
  });

  it('hands a quote-free file on as runs of lines after its parsed header, row numbers unbroken', async () => {
    const rows = Array.from(
      { length: 2000 },
      (_, i) => `某某${i},64030219750101${String(i).padStart(4, '0')},2026-10-01`,
    );
    const file = write(['姓名,公民身份号码,死亡日期', ...rows].join('\r\n') + '\r\n');
    const { all, runs } = await segmented(file, 4096);
    expect(runs).toBeGreaterThan(10);
    expect(all.map((r) => r.rowNumber)).toEqual(Array.from({ length: 2001 }, (_, i) => i + 1));
    expect(all).toEqual(await records(file));
  });
});
