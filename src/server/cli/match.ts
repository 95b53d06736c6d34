import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ROSTER_TYPES, RosterType } from '../../domain/matching/index.ts';
import { PlainDate } from '../../domain/shared/dates.ts';
import { makeApplicationsService } from '../modules/applications/applications.service.ts';
import { makeChildrenService } from '../modules/children/children.service.ts';
import { matchHasher } from '../modules/matching/matching.keys.ts';
import { makeMatchingService } from '../modules/matching/matching.service.ts';
import { makePoliciesService } from '../modules/policies/policies.service.ts';
import { makeRegionsService } from '../modules/regions/regions.service.ts';
import { todayInChina } from '../platform/clock.ts';
import { CliError, progress, withDatabase, type GlobalOptions } from './context.ts';

/** `tongbao match ROSTER-TYPE FILE [--region CODE] [--as-of DATE]` (interchange.md §3). */
export function registerMatch(program: Command, globals: () => GlobalOptions): void {
  program
    .command('match')
    .description(`比对部门名单 / cross-match a department roster (${ROSTER_TYPES.join(' | ')})`)
    .argument(
      '<roster-type>',
      'death | custody | disability | assistance | household | school | adoption | residence',
    )
    .argument('<file>', 'CSV or xlsx')
    .option('--region <code>', '名单所属区划 / region the roster covers')
    .option('--as-of <date>', '比对日期 / judge on this date (default today)')
    .option('--source <department>', '来源部门 / sending department', '部门名单')
    .action(async (type: string, file: string, o: { region?: string; asOf?: string; source: string }) => {
      const t = RosterType.safeParse(type);
      if (!t.success)
        throw new CliError(`名单类型应为 ${ROSTER_TYPES.join('、')}`, `unknown roster type ${type}`);
      const asOf = o.asOf === undefined ? undefined : PlainDate.safeParse(o.asOf);
      if (asOf && !asOf.success) throw new CliError('比对日期格式应为 YYYY-MM-DD', 'bad --as-of date');
      if (!fs.existsSync(file)) throw new CliError(`找不到文件：${file}`, `no such file ${file}`);
      await withDatabase(globals(), async (database, config) => {
        const db = database.db;
        const today = asOf?.data ? () => asOf.data : () => todayInChina();
        const regions = makeRegionsService({ db });
        const packs = makePoliciesService({ today }).packs;
        const children = makeChildrenService({ db, regions, packs, today });
        const applications = makeApplicationsService({ db, children, packs, today });
        const matching = makeMatchingService({
          database,
          children,
          applications,
          regions,
          packs,
          today,
          hasher: matchHasher(database, config.matchKey),
          filesDir: path.join(config.dataDir, 'matching'),
        });
        progress(`读取并比对名单 / reading and matching ${path.basename(file)}`);
        const row = await matching.runLocal(
          {
            type: t.data,
            sourceDepartment: o.source,
            ...(o.region !== undefined && { region: o.region }),
            ...(asOf?.data !== undefined && { asOf: asOf.data }),
            filePath: path.resolve(file),
            fileName: path.basename(file),
          },
          (ms) =>
            progress(
              `用时（毫秒）/ phases (ms): ${Object.entries(ms)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}`,
            ),
        );
        if (row.status !== 'done') throw new CliError(row.message ?? '名单处理失败', `roster ${row.status}`);
        if (row.errorsFile) progress(`错误数据 / rejected rows: ${row.errorsFile}`);
        const n = row.newLeads ?? {};
        process.stdout.write(
          `${JSON.stringify({
            rows: row.rows,
            rejected: row.rejected,
            newLeads: {
              discover: n.discover ?? 0,
              review: n.review ?? 0,
              conflict: n.conflict ?? 0,
              'data-quality': n['data-quality'] ?? 0,
            },
          })}\n`,
        );
        // Before the database closes: a prefix set this upload built is being kept for the next.
        await matching.settled();
      });
    });
}
