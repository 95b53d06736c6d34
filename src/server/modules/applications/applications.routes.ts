import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, requireActor } from '../../platform/http.ts';
import type { AlertsService } from './applications.alerts.ts';
import type { ApplicationsService } from './applications.service.ts';
import {
  ActionRequest,
  AlertItem,
  ApplicationCreated,
  ApplicationDetail,
  ApplicationQuery,
  ApplicationSummary,
  HukouRegion,
  HukouRegionQuery,
  NewApplication,
} from './applications.views.ts';

const IdParams = z.object({ id: z.string() });
const tags = ['applications'];

export function applicationsRoutes(deps: {
  applications: ApplicationsService;
  alerts: AlertsService;
}): FastifyPluginAsyncZod {
  const { applications, alerts } = deps;
  return async (app) => {
    app.get(
      '/applications',
      {
        schema: {
          tags,
          summary: '申请审批工作台（含办理时限）',
          querystring: ApplicationQuery,
          response: { 200: z.object({ items: z.array(ApplicationSummary), total: z.number() }) },
        },
      },
      async (req) => applications.list(requireActor(req), req.query),
    );
    app.post(
      '/applications',
      {
        schema: {
          tags,
          summary: '提交申请（已建档儿童或新儿童）',
          body: NewApplication,
          response: { 201: ApplicationCreated },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await applications.create(requireActor(req), req.body, auditContext(req))),
    );
    app.get(
      '/applications/hukou-regions',
      {
        schema: {
          tags,
          summary: '异地受理（跨省通办）：选择全国范围内的户籍地（仅乡镇）',
          querystring: HukouRegionQuery,
          response: { 200: z.object({ items: z.array(HukouRegion) }) },
        },
      },
      async (req) => ({ items: await applications.hukouRegions(requireActor(req), req.query.parent) }),
    );
    app.get(
      '/applications/:id',
      {
        schema: { tags, summary: '查看申请（留痕）', params: IdParams, response: { 200: ApplicationDetail } },
      },
      async (req) => applications.get(requireActor(req), req.params.id, auditContext(req)),
    );
    app.post(
      '/applications/:id/actions',
      {
        schema: {
          tags,
          summary:
            '办理：查验、确认、不予认定（须写明理由）、退回补充材料、重新提交、撤回；跨省通办：转交户籍地、告知申请人（须填告知日期和方式）',
          params: IdParams,
          body: ActionRequest,
          response: { 200: ApplicationDetail },
        },
      },
      async (req) => applications.act(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
    app.get(
      '/alerts',
      {
        schema: {
          tags,
          summary: '时限预警：即将到期（≤3个工作日）或已超期的案件（经办人及其上级）',
          response: { 200: z.object({ items: z.array(AlertItem) }) },
        },
      },
      async (req) => ({ items: await alerts.list(requireActor(req)) }),
    );
  };
}
