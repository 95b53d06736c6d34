import type { Command } from 'commander';
import type { Actor } from '../../domain/access/access.ts';
import { todayInChina } from '../platform/clock.ts';
import { makeChildrenService } from '../modules/children/children.service.ts';
import { makePayrollService, SYSTEM_ACTOR_ID } from '../modules/payroll/payroll.service.ts';
import { makePoliciesService } from '../modules/policies/policies.service.ts';
import { makeRegionsService } from '../modules/regions/regions.service.ts';
import { CliError, printJson, progress, withDatabase, type GlobalOptions } from './context.ts';

/** The command line acts for the county's finance office, nationwide (it runs on the server). */
const CLI_ACTOR: Actor = { userId: SYSTEM_ACTOR_ID, username: 'cli', roles: ['finance'], jurisdiction: '' };

/** `tongbao payroll generate --month YYYY-MM --region CODE` (interchange.md §3); idempotent. */
export function registerPayroll(program: Command, globals: () => GlobalOptions): void {
  const cmd = program.command('payroll').description('资金发放 / monthly payroll');
  cmd
    .command('generate')
    .description(
      '生成月度发放表（已审批锁定的月份不变） / generate the monthly payroll (locked months unchanged)',
    )
    .requiredOption('--month <YYYY-MM>')
    .requiredOption('--region <code>', '县、市或省区划代码 / county, city or province code')
    .action((o: { month: string; region: string }) =>
      withDatabase(globals(), async (database) => {
        if (!/^\d{4}-\d{2}$/.test(o.month))
          throw new CliError('月份格式应为 YYYY-MM', 'month must be YYYY-MM');
        const db = database.db;
        const today = () => todayInChina();
        const packs = makePoliciesService({ today }).packs;
        const children = makeChildrenService({ db, regions: makeRegionsService({ db }), packs, today });
        const payroll = makePayrollService({ db, children, packs });
        let last = 0;
        const r = await payroll.generate(CLI_ACTOR, o, { actor: CLI_ACTOR, ip: 'cli' }, (n) => {
          if (n - last >= 10_000) progress(`… ${(last = n)}`);
        });
        printJson({
          month: r.month,
          region: r.region,
          children: r.children,
          lines: r.lines,
          totalFen: r.totalFen,
        });
      }),
    );
}
