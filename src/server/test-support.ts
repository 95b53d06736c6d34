import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from './app.ts';
import { openDatabase, runMigrations, type Database } from './platform/db.ts';
import { DEMO_PASSWORD, loadDemo } from './modules/demo/demo.ts';
import { makeRegionsService } from './modules/regions/regions.service.ts';

/**
 * A fresh database for one test file: in-memory PGlite by default; with TB_TEST_DB=postgres a
 * new database on the server of TEST_DATABASE_URL, dropped afterwards. The same suite runs on both.
 */
export async function freshDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (process.env.TB_TEST_DB !== 'postgres') {
    const database = await openDatabase({});
    await runMigrations(database);
    return { database, drop: () => database.close() };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TB_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `tb_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString() });
  await runMigrations(database);
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  /** Logs in and returns the session cookie header value. */
  login(username: string, password?: string): Promise<string>;
  /** app.inject with an optional session. */
  call(opts: InjectOptions & { as?: string }): Promise<LightMyRequestResponse>;
  auditRows(action?: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** The app over a fresh database with the demo regions and users loaded. */
export async function createTestContext(): Promise<TestContext> {
  const { database, drop } = await freshDatabase();
  await loadDemo({ db: database.db, regions: makeRegionsService({ db: database.db }) });
  const app = await buildApp({
    database,
    config: { logLevel: 'silent', sessionHours: 8, secureCookies: false },
  });
  const cookies = new Map<string, string>();

  async function login(username: string, password = DEMO_PASSWORD): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const c = res.cookies.find((k) => k.name === 'tb_session');
    if (!c) throw new Error('no session cookie');
    return `tb_session=${c.value}`;
  }

  return {
    app,
    database,
    login,
    async call({ as, ...opts }) {
      let cookie: string | undefined;
      if (as) {
        cookie = cookies.get(as) ?? (await login(as));
        cookies.set(as, cookie);
      }
      return app.inject({ ...opts, headers: { ...(opts.headers ?? {}), ...(cookie ? { cookie } : {}) } });
    },
    async auditRows(action) {
      const { rows } = await database.exec(
        action
          ? 'select * from audit_log where action = $1 order by id'
          : 'select * from audit_log order by id',
        action ? [action] : [],
      );
      return rows;
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}
