import type { Command } from 'commander';
import { todayInChina } from '../platform/clock.ts';
import { SYSTEM_ACTOR } from '../modules/children/children.exits.ts';
import { makeChildrenJobs } from '../modules/children/children.jobs.ts';
import { makePoliciesService } from '../modules/policies/policies.service.ts';
import { printJson, withDatabase, type GlobalOptions } from './context.ts';

/**
 * `tongbao jobs run-daily`: the daily job now (the server also runs it at start and once a day):
 * exits that time alone brings, 渐退期 ended, months not determined yet. Idempotent.
 */
export function registerJobs(program: Command, globals: () => GlobalOptions): void {
  const cmd = program.command('jobs').description('定时任务 / scheduled jobs');
  cmd
    .command('run-daily')
    .description(
      '执行每日任务：到期自动退出（年满18周岁、截止日期届满）、渐退期结束、补齐月度认定 / run the daily job now (idempotent)',
    )
    .action(() =>
      withDatabase(globals(), async (database) => {
        const today = () => todayInChina();
        const packs = makePoliciesService({ today }).packs;
        const jobs = makeChildrenJobs({ db: database.db, packs, today });
        printJson(await jobs.runDaily({ actor: { ...SYSTEM_ACTOR, username: 'cli' }, ip: 'cli' }));
      }),
    );
}
