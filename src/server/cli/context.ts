import path from 'node:path';
import { loadConfig, type Config } from '../platform/config.ts';
import { openDatabase, runMigrations, type Database } from '../platform/db.ts';

/** One-line Chinese-and-English error for the command line (interchange.md §3). */
export class CliError extends Error {
  constructor(zh: string, en: string) {
    super(`${zh} / ${en}`);
  }
}

export interface GlobalOptions {
  data?: string;
}

export function cliConfig(opts: GlobalOptions, overrides: Partial<Config> = {}): Config {
  return loadConfig({ ...(opts.data ? { dataDir: path.resolve(opts.data) } : {}), ...overrides });
}

/** Opens and migrates the database the options point at; the caller closes it. */
export async function openMigrated(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await runMigrations(database);
  return database;
}

export async function withDatabase<T>(
  opts: GlobalOptions,
  fn: (database: Database, config: Config) => Promise<T>,
): Promise<T> {
  const config = cliConfig(opts);
  const database = await openMigrated(config);
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

export const progress = (msg: string) => process.stderr.write(`${msg}\n`);
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
