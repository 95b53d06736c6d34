/**
 * Ledger import (issue 4): a 100,000-row xlsx in the template imported into the embedded
 * database (target < 20 s), beside a bare ExcelJS streaming read of the same file and a bare read
 * with the import's own lean reader (ADR 0007). `BENCH_LEDGER_ROWS` sets N for iterating small;
 * `BENCH_LEDGER_WORKER=0|1` overrides whether the rows are prepared in a worker thread (by default
 * the import decides by file size and cores, ADR 0007).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Role } from '../src/domain/access/roles.ts';
import { makeChildrenBulkService } from '../src/server/modules/children/children.bulk.ts';
import { loadDemo } from '../src/server/modules/demo/demo.ts';
import { ledgerRow, writeLedgerXlsx } from '../src/server/modules/ledger/ledger.fixtures.ts';
import { makeLedgerService } from '../src/server/modules/ledger/ledger.service.ts';
import { readXlsxFirstSheet } from '../src/server/modules/ledger/xlsx-reader.ts';
import { makePoliciesService } from '../src/server/modules/policies/policies.service.ts';
import { makeRegionsService } from '../src/server/modules/regions/regions.service.ts';
import { todayInChina } from '../src/server/platform/clock.ts';
import { openDatabase, runMigrations } from '../src/server/platform/db.ts';
import { isMain, time, type Time } from './time.ts';

export async function benchLedger(
  time: Time,
  rows = Number(process.env.BENCH_LEDGER_ROWS ?? 100_000),
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongbao-bench-ledger-'));
  const file = path.join(dir, 'ledger.xlsx');
  // File-backed, as `tongbao serve` runs it (an in-memory PGlite copies its growing files).
  const database = await openDatabase({ dataDir: dir });
  try {
    await writeLedgerXlsx(
      file,
      (function* () {
        for (let i = 0; i < rows; i++) yield ledgerRow(i);
      })(),
    );
    await runMigrations(database);
    const db = database.db;
    const regions = makeRegionsService({ db });
    await loadDemo({ db, regions });
    const today = () => todayInChina();
    const packs = makePoliciesService({ today }).packs;
    const ledger = makeLedgerService({
      db,
      bulk: makeChildrenBulkService({ db, packs, today }),
      regions,
      today,
    });
    const actor = {
      userId: '00000000-0000-0000-0000-000000000000',
      username: 'bench',
      roles: [Role.countyStaff],
      jurisdiction: '640302',
    };
    let imported = 0;
    await time(
      `ledger: import the ${rows.toLocaleString('en')}-row xlsx (validate, file, determine, guardians, payee accounts) on the embedded database`,
      async () => {
        // As the import decides (a worker for this size of file) unless BENCH_LEDGER_WORKER=0/1 says.
        const env = process.env.BENCH_LEDGER_WORKER;
        const inWorker = env === undefined ? undefined : env === '1';
        const r = await ledger.importFile(
          actor,
          { path: file, recordedBy: null, inWorker },
          { actor, ip: 'bench' },
        );
        imported = r.imported;
      },
      20_000,
    );
    // The bare reads after the import: their garbage in the same process slows the import's thread
    // (one back-to-back pair: 22.2 s after them, 17.2 s before).
    let read = 0;
    await time(
      `ledger: bare ExcelJS streaming read of the ${rows.toLocaleString('en')}-row xlsx`,
      async () => {
        const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
          sharedStrings: 'cache',
          styles: 'cache',
        });
        for await (const sheet of reader) for await (const _row of sheet) read += 1;
      },
    );
    let lean = 0;
    await time(`ledger: bare read with the import's lean xlsx reader (same file)`, async () => {
      for await (const _row of readXlsxFirstSheet(file)) lean += 1;
    });
    ledger.close();
    if (read !== rows + 1 || lean !== rows + 1 || imported !== rows)
      throw new Error(`ledger bench: read ${read} (lean ${lean}), imported ${imported}`);
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Standalone: `node bin/run-ts.mjs bench/ledger.ts` (BENCH_LEDGER_ROWS=20000 while iterating).
if (isMain(import.meta.url)) await benchLedger(time);
