import path from 'node:path';
import { systemActor } from '../platform/system-actor.ts';
import type { Command } from 'commander';
import type { Actor } from '../../domain/access/access.ts';
import { Role } from '../../domain/access/roles.ts';
import { isYearMonth } from '../../domain/shared/dates.ts';
import { AppError } from '../../domain/shared/errors.ts';
import { normalizeRegionCode } from '../../domain/shared/region-code.ts';
import { todayInChina } from '../platform/clock.ts';
import { makeChildrenBulkService } from '../modules/children/children.bulk.ts';
import { makeLedgerService } from '../modules/ledger/ledger.service.ts';
import { makePoliciesService } from '../modules/policies/policies.service.ts';
import { makeRegionsService } from '../modules/regions/regions.service.ts';
import type { Database } from '../platform/db.ts';
import { CliError, printJson, progress, withDatabase, type GlobalOptions } from './context.ts';

/** The command line acts for the whole country, or only for `--region` (interchange.md §3). */
function cliActor(region: string | undefined): Actor {
  let jurisdiction = '';
  if (region !== undefined) {
    const code = normalizeRegionCode(region);
    if (code === undefined) throw new CliError(`区划代码无效：${region}`, `invalid region code: ${region}`);
    jurisdiction = code;
  }
  return systemActor('cli', [Role.countyStaff], jurisdiction);
}

function ledgerOf(database: Database) {
  const db = database.db;
  const today = () => todayInChina();
  const packs = makePoliciesService({ today }).packs;
  return makeLedgerService({
    db,
    bulk: makeChildrenBulkService({ db, packs, today }),
    regions: makeRegionsService({ db }),
    today,
  });
}

/** Turns the services' Chinese errors into the one-line CLI error. */
async function cliErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) throw new CliError(e.message, `invalid input or not allowed (${e.code})`);
    throw e;
  }
}

export function registerLedger(program: Command): void {
  const globals = () => program.opts<GlobalOptions>();
  const ctx = (actor: Actor) => ({ actor, ip: 'cli' });

  const importCmd =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('导入 / import');
  importCmd
    .command('ledger <file>')
    .description('导入台账（xlsx 或 csv，台账导入模板） / import a ledger in the template')
    .option('--region <code>', '只导入户籍在此区划内的儿童 / only children whose 户籍 lies in this region')
    .action((file: string, o: { region?: string }) =>
      withDatabase(globals(), async (database) => {
        const actor = cliActor(o.region);
        const ledger = ledgerOf(database);
        try {
          const input = path.resolve(file);
          const ext = path.extname(input).toLowerCase();
          const result = await cliErrors(() =>
            ledger.importFile(
              actor,
              { path: input, errorsPath: `${input.slice(0, -ext.length)}.errors${ext}`, recordedBy: null },
              ctx(actor),
              (n) => progress(`… ${n}`),
            ),
          );
          printJson(result);
        } finally {
          ledger.close();
        }
      }),
    );

  const exportCmd =
    program.commands.find((c) => c.name() === 'export') ??
    program.command('export').description('导出 / export');
  exportCmd
    .command('ledger')
    .description('导出某月台账（xlsx） / export a month of the ledger as xlsx')
    .requiredOption('--month <YYYY-MM>', 'month')
    .option('--region <code>', 'region code')
    .requiredOption('--out <file.xlsx>', 'output file')
    .action((o: { month: string; region?: string; out: string }) =>
      withDatabase(globals(), async (database) => {
        if (!isYearMonth(o.month))
          throw new CliError(`月份格式应为 YYYY-MM：${o.month}`, `--month must be YYYY-MM`);
        if (path.extname(o.out).toLowerCase() !== '.xlsx')
          throw new CliError('输出文件应为 .xlsx', '--out must be an .xlsx file');
        const actor = cliActor(o.region);
        const ledger = ledgerOf(database);
        try {
          const out = path.resolve(o.out);
          const rows = await cliErrors(() =>
            ledger.exportMonth(actor, { month: o.month }, { filename: out }, ctx(actor)),
          );
          printJson({ month: o.month, region: actor.jurisdiction, rows, out });
        } finally {
          ledger.close();
        }
      }),
    );
}
