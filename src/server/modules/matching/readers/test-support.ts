import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { idCheckChar } from '../../../../domain/shared/id-number.ts';
import type { RosterReadRow } from './rows.ts';

/** Test helpers: a temp directory, small generated CSV/xlsx files, a collected roster. */
export function tempDir(): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'tongbao-roster-'));
  return {
    dir,
    file: (name) => join(dir, name),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export function idFor(region: string, birthDate: string, sequence = '002'): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${sequence}`;
  return first17 + idCheckChar(first17);
}

export function writeCsv(path: string, text: string, bom = false) {
  writeFileSync(path, (bom ? '\uFEFF' : '') + text, 'utf8');
}

export async function writeXlsx(
  path: string,
  sheets: { name: string; rows: unknown[][]; dateColumns?: number[] }[],
): Promise<void> {
  const book = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = book.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
    for (const c of s.dateColumns ?? []) ws.getColumn(c).numFmt = 'yyyy-mm-dd';
  }
  await book.xlsx.writeFile(path);
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

export const okRows = <T extends RosterReadRow>(rows: T[]) => rows.filter((r) => r.ok);
