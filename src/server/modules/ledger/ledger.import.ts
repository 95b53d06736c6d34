import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/access.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import { validationError } from '../../../domain/shared/errors.ts';
import { checkTableHeader } from '../../../domain/shared/table-header.ts';
import type { AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import type { ChildrenBulkService } from '../children/children.bulk.ts';
import { isUniqueViolation } from '../children/db-errors.ts';
import { writeErrorsFile, type RosterReject } from '../matching/readers/index.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { REQUIRED_COLUMNS, TEMPLATE_COLUMN_SET } from './ledger-columns.ts';
import { registerNewPayeeAccounts } from '../payroll/payroll.payees.ts';
import { ledgerRepo } from './ledger.repo.ts';
import { preparedMessages } from './ledger.import-source.ts';
import type { PreparedItem } from './ledger.prepare.ts';

export interface ImportResult {
  imported: number;
  rejected: number;
  /** Path of the errors file (the rejected input rows with 错误原因), or null when none. */
  errorsFile: string | null;
}

export interface ImportDeps {
  bulk: ChildrenBulkService;
  regions: Pick<RegionsService, 'exists'>;
  today: () => PlainDate;
}

const BATCH = 2000;

export function ledgerFormat(path: string): 'csv' | 'xlsx' {
  const ext = extname(path).toLowerCase();
  if (ext === '.csv' || ext === '.xlsx') return ext === '.csv' ? 'csv' : 'xlsx';
  throw validationError('台账文件应为 .csv 或 .xlsx 格式');
}

function checkHeader(headers: readonly string[]) {
  checkTableHeader(headers, {
    file: '台账文件',
    missing: REQUIRED_COLUMNS.filter((c) => !headers.includes(c)),
    missingMessage: (missing) => `台账缺少必填列：${missing.join('、')}（请使用台账导入模板）`,
    known: TEMPLATE_COLUMN_SET,
  });
}

/**
 * Bulk-load practice (as pg_restore --disable-triggers): the batch's facts, determinations,
 * guardians and payee accounts reference only children the same transaction has just inserted
 * (the ids its insert returned), so checking each row's reference to `children` adds nothing but
 * time (about 3 s per 100,000 rows on PGlite). Only for a superuser session (the embedded
 * database always is; a PostgreSQL app role usually is not, and then the checks run as usual);
 * `local`: it ends with the transaction. The tables' other triggers are BEFORE UPDATE/DELETE
 * (append-only), which an insert never fires.
 */
async function skipReferenceChecks(tx: Db) {
  await tx.execute(sql`
    select set_config('session_replication_role', 'replica', true) where current_setting('is_superuser') = 'on'`);
}

/**
 * Runs a batch's transaction, first assuming its files are all new (no lookup of each ID number:
 * a fresh import's usual case), and again, checking, when the registry's unique ID-number index
 * refused the load and rolled the batch back — a file already filed (a re-import) or filed
 * concurrently: the retry reports such rows as already filed. A few attempts; then the error stands.
 */
async function retryOnUniqueViolation<T>(run: (assumeNew: boolean) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt === 1);
    } catch (e) {
      if (attempt >= attempts || !isUniqueViolation(e, 'children_id_number_idx')) throw e;
    }
  }
}

/** Files at least this big are read in a worker thread (ADR 0007): below, starting it costs more. */
const WORKER_FROM_BYTES = 1 << 20;

/** The worker pays when a second core can run it beside the database (measured idle: 21 vs 27 s). */
function readInWorker(path: string): boolean {
  return availableParallelism() >= 2 && statSync(path).size >= WORKER_FROM_BYTES;
}

/**
 * Imports a ledger file (interchange.md §4) streaming: each row validated whole; a row whose 户籍
 * lies outside `scope`, whose ID number repeats one earlier in the file or is already on the
 * registry is rejected with a reason. Good rows are created in batches, each batch one
 * transaction (file, facts, determination, guardian, payee account), so a retry after a failure
 * re-reports the written rows as duplicates and adds nothing twice. Rejected rows go to
 * `errorsPath` (same format as the input). With `inWorker` the rows are read, validated and
 * prepared in a worker thread while this thread writes; by default for files of 1 MB or more
 * on a machine with two cores or more (ADR 0007).
 */
export async function importLedgerFile(
  deps: ImportDeps,
  actor: Actor,
  input: {
    path: string;
    scope: string;
    errorsPath: string;
    /** The user recorded on the new facts versions (null from the command line). */
    recordedBy?: string | null;
    onProgress?: (rows: number) => void;
    inWorker?: boolean;
  },
  ctx: AuditContext,
): Promise<ImportResult> {
  ledgerFormat(input.path);
  const rejects: RosterReject[] = [];
  const regionKnown = new Map<string, boolean>();
  let batch: { rowNumber: number; file: NonNullable<PreparedItem['file']> }[] = [];
  let imported = 0;
  let rows = 0;

  const knownRegion = async (code: string) => {
    let known = regionKnown.get(code);
    if (known === undefined) regionKnown.set(code, (known = await deps.regions.exists(code)));
    return known;
  };

  const flush = async () => {
    if (batch.length === 0) return;
    const current = batch;
    batch = [];
    // One transaction per batch: the files, their guardians and payee accounts commit together.
    // A child already on the registry (any jurisdiction) is not inserted: the batch's first
    // attempt fails on the unique index, and the batch runs again checking (retryOnUniqueViolation).
    const created = await retryOnUniqueViolation((assumeNew) =>
      deps.bulk.transaction(async (tx) => {
        await skipReferenceChecks(tx);
        const ids = await deps.bulk.createPrepared(
          tx,
          actor,
          current.map((b) => b.file.child),
          '台账导入',
          ctx,
          { recordedBy: input.recordedBy, assumeNew },
        );
        const guardians = [];
        const accounts = [];
        for (const { file } of current) {
          const childId = ids.get(file.child.idNumber);
          if (!childId) continue;
          const d = file.details;
          if (d.guardianName !== null || d.guardianIdNumber !== null || d.guardianPhone !== null)
            guardians.push({ childId, ...d });
          if (d.bank !== null && d.bankAccount !== null)
            accounts.push({ childId, bank: d.bank, account: d.bankAccount });
        }
        await ledgerRepo.insertNewGuardians(tx, guardians);
        await registerNewPayeeAccounts(tx, accounts);
        return ids;
      }),
    );
    for (const b of current) {
      if (created.has(b.file.child.idNumber)) imported += 1;
      else
        rejects.push({
          rowNumber: b.rowNumber,
          errors: [
            { column: '公民身份号码', message: '该儿童已建档（登记册中已有此公民身份号码），未重复导入' },
          ],
        });
    }
  };

  const take = async ({ rowNumber, errors, region, file }: PreparedItem) => {
    rows += 1;
    if (rows % 5000 === 0) input.onProgress?.(rows);
    if (region !== undefined && !(await knownRegion(region)))
      errors.unshift({ column: '户籍地区划代码', message: '区划代码不存在（请先导入行政区划）' });
    if (errors.length > 0 || !file) {
      rejects.push({ rowNumber, errors });
      return;
    }
    batch.push({ rowNumber, file });
    if (batch.length >= BATCH) await flush();
  };

  const prepareContext = {
    path: input.path,
    scope: input.scope,
    today: deps.today(),
  };
  for await (const m of preparedMessages(prepareContext, input.inWorker ?? readInWorker(input.path))) {
    if ('headers' in m) checkHeader(m.headers);
    else for (const item of m.items) await take(item);
  }
  await flush();
  input.onProgress?.(rows);
  let errorsFile: string | null = null;
  if (rejects.length > 0) {
    rejects.sort((a, b) => a.rowNumber - b.rowNumber);
    await writeErrorsFile(input.path, rejects, input.errorsPath);
    errorsFile = input.errorsPath;
  }
  return { imported, rejected: rejects.length, errorsFile };
}
