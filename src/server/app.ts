import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeAudit } from './platform/audit.ts';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db.ts';
import { errorBody, installErrorHandler } from './platform/errors.ts';
import { AppError, ErrorCode } from '../domain/shared/errors.ts';
import { auditContext, requireActor, SESSION_COOKIE } from './platform/http.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { makeAuthService, toActor } from './modules/auth/auth.service.ts';
import { policiesRoutes } from './modules/policies/policies.routes.ts';
import { makePoliciesService } from './modules/policies/policies.service.ts';
import { todayInChina } from './platform/clock.ts';
import { regionsRoutes } from './modules/regions/regions.routes.ts';
import { makeRegionsService } from './modules/regions/regions.service.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { makeUsersService } from './modules/users/users.service.ts';
import { makeAttachmentsService } from './modules/children/children.attachments.ts';
import { childrenRoutes } from './modules/children/children.routes.ts';
import { makeChildrenService } from './modules/children/children.service.ts';
import { makeChildrenBulkService } from './modules/children/children.bulk.ts';
import { makeChildrenJobs, scheduleDaily } from './modules/children/children.jobs.ts';
import { ledgerRoutes } from './modules/ledger/ledger.routes.ts';
import { makeLedgerService } from './modules/ledger/ledger.service.ts';
import { makeAlertsService } from './modules/applications/applications.alerts.ts';
import { applicationsRoutes } from './modules/applications/applications.routes.ts';
import { makeApplicationsService } from './modules/applications/applications.service.ts';
import { reviewsRoutes } from './modules/reviews/reviews.routes.ts';
import { makeReviewsService } from './modules/reviews/reviews.service.ts';
import { matchingRoutes } from './modules/matching/matching.routes.ts';
import { makeMatchingService } from './modules/matching/matching.service.ts';
import { matchHasher } from './modules/matching/matching.keys.ts';
import os from 'node:os';
import { makeBankFiles } from './modules/payroll/payroll.bank.ts';
import { makePayrollForecast } from './modules/payroll/payroll.forecast.ts';
import { payrollRoutes } from './modules/payroll/payroll.routes.ts';
import { makePayrollService } from './modules/payroll/payroll.service.ts';
import type { PolicyPack } from '../domain/policy/pack.ts';
import type { PlainDate } from '../domain/shared/dates.ts';

z.config(z.locales.zhCN());

declare module 'fastify' {
  interface FastifyInstance {
    routeList: { method: string; url: string }[];
  }
}

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface AppOptions {
  database: Database;
  config: Pick<Config, 'logLevel' | 'sessionHours' | 'secureCookies'>;
  /** Serve the built web app from dist/web (off in API tests). */
  serveWeb?: boolean;
  /** Today's date in China (tests may pin it); default: the clock in Asia/Shanghai. */
  today?: () => PlainDate;
  /** The policy packs in force; default: the shipped packs (the policies service). */
  policyPacks?: () => readonly PolicyPack[];
  /**
   * The server's own jobs (off in tests): the registry's daily job at start and then once a day,
   * and, at start, roster uploads interrupted by a restart marked failed.
   */
  serverJobs?: boolean;
}

/** Wires services (each with narrow dependencies) to routes. The one composition root. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const { database, config } = opts;
  const db = database.db;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            // No personal data in logs: never the query string (names, ID numbers), never bodies.
            serializers: {
              req: (req) => ({
                method: req.method,
                url: req.routeOptions?.url ?? req.url.split('?')[0],
                ip: req.ip,
              }),
            },
          },
    trustProxy: true,
    bodyLimit: 5 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  // Every route, so tests can prove each one keeps to the jurisdiction (jurisdiction.test.ts).
  const routeList: { method: string; url: string }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routeList.push({ method, url: r.url });
  });
  app.decorate('routeList', routeList);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: { info: { title: '童保 Tongbao API', version: '1' }, servers: [] },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const regions = makeRegionsService({ db });
  const auth = makeAuthService({ db, sessionHours: config.sessionHours });
  const users = makeUsersService({ db, regions, auth });
  const today = opts.today ?? (() => todayInChina());
  const policies = makePoliciesService({ today });
  const packs = opts.policyPacks ?? policies.packs;
  const children = makeChildrenService({ db, regions, packs, today });
  const attachments = makeAttachmentsService({ db, children });
  const bulk = makeChildrenBulkService({ db, packs, today });
  const ledger = makeLedgerService({ db, bulk, regions, today });
  app.addHook('onClose', async () => ledger.close());
  const applications = makeApplicationsService({ db, children, regions, packs, today });
  const alerts = makeAlertsService({ db, applications, children, today });
  const reviews = makeReviewsService({ db, children, regions, packs, today });
  const matchingDir = path.join(
    'dataDir' in config && typeof config.dataDir === 'string' ? config.dataDir : os.tmpdir(),
    'matching',
  );
  const matching = makeMatchingService({
    database,
    children,
    applications,
    regions,
    packs,
    today,
    hasher: matchHasher(database, (config as { matchKey?: string }).matchKey),
    filesDir: matchingDir,
  });
  if (opts.serverJobs) {
    const jobs = makeChildrenJobs({ db, packs, today });
    let stop = async () => {};
    app.addHook('onReady', async () => {
      const n = await matching.recoverInterrupted();
      if (n > 0) app.log.warn(`${n} roster upload(s) interrupted by a restart marked failed`);
      stop = scheduleDaily(
        () => jobs.runDaily(),
        today,
        (m) => app.log.error(m),
      );
    });
    app.addHook('onClose', () => stop());
  }
  const payroll = makePayrollService({ db, children, packs });
  const bankFiles = makeBankFiles({ db, payroll });
  const payrollForecast = makePayrollForecast({ db, children, packs });
  // Background generations finish (or roll back) before the database closes.
  app.addHook('onClose', () => payroll.jobs.idle());

  app.decorateRequest('actor', undefined);
  app.decorateRequest('sessionUser', undefined);
  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (!token || !req.url.startsWith('/api/')) return;
    const user = await auth.resolve(token);
    if (user) {
      req.sessionUser = user;
      req.actor = toActor(user);
    }
  });

  // Denied requests are audited at this one chokepoint (who, what, from where; never the data).
  installErrorHandler(app, async (req, err) => {
    await writeAudit(db, auditContext(req), {
      action: 'access.denied',
      outcome: 'denied',
      detail: { method: req.method, route: req.routeOptions?.url ?? req.url.split('?')[0], code: err.code },
    });
  });

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: {
          200: z.object({ status: z.string(), database: z.string() }),
          503: z.object({ status: z.string(), database: z.string() }),
        },
      },
    },
    async (_req, reply) => {
      try {
        await database.exec('select 1');
        return { status: 'ok', database: 'ok' };
      } catch {
        return reply.status(503).send({ status: 'degraded', database: 'unreachable' });
      }
    },
  );

  await app.register(
    async (api) => {
      // Authentication comes before validation: without a session every route but the public
      // ones answers 401, whatever the body.
      api.addHook('preValidation', async (req) => {
        if ((req.routeOptions.config as { public?: boolean }).public !== true) requireActor(req);
      });
      await api.register(
        authRoutes({ auth, regions, sessionHours: config.sessionHours, secureCookies: config.secureCookies }),
      );
      await api.register(usersRoutes({ users }));
      await api.register(regionsRoutes({ regions }));
      await api.register(auditRoutes({ db }));
      await api.register(childrenRoutes({ children, attachments }));
      await api.register(ledgerRoutes({ ledger }));
      await api.register(applicationsRoutes({ applications, alerts }));
      await api.register(reviewsRoutes({ reviews }));
      await api.register(matchingRoutes({ matching, filesDir: matchingDir }));
      await api.register(policiesRoutes({ policies }));
      await api.register(payrollRoutes({ payroll, bankFiles, forecast: payrollForecast }));
    },
    { prefix: '/api/v1' },
  );

  const serveWeb = opts.serveWeb === true && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });
  // Unknown API paths answer a JSON 404; other paths are the web app's client-side routes.
  app.setNotFoundHandler((req, reply) => {
    if (serveWeb && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send(errorBody(new AppError(ErrorCode.NOT_FOUND, '请求的接口不存在')));
  });
  return app;
}
