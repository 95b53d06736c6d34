import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, requireActor } from '../../platform/http.ts';
import type { ReviewsService } from './reviews.service.ts';
import {
  CampaignDetail,
  CampaignSummary,
  NewCampaign,
  ReviewDecision,
  ReviewItemView,
} from './reviews.views.ts';

const IdParams = z.object({ id: z.string() });
const tags = ['reviews'];

export function reviewsRoutes(deps: { reviews: ReviewsService }): FastifyPluginAsyncZod {
  const { reviews } = deps;
  return async (app) => {
    app.get(
      '/reviews',
      {
        schema: {
          tags,
          summary: '资格复审列表（含进度）',
          response: { 200: z.object({ items: z.array(CampaignSummary) }) },
        },
      },
      async (req) => ({ items: await reviews.list(requireActor(req)) }),
    );
    app.post(
      '/reviews',
      {
        schema: {
          tags,
          summary: '发起资格复审（列出到期应复审的全部在保儿童）',
          body: NewCampaign,
          response: { 201: CampaignSummary },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await reviews.create(requireActor(req), req.body, auditContext(req))),
    );
    app.get(
      '/reviews/:id',
      {
        schema: {
          tags,
          summary: '查看资格复审（按乡镇统计进度；留痕）',
          params: IdParams,
          response: { 200: CampaignDetail },
        },
      },
      async (req) => reviews.get(requireActor(req), req.params.id, auditContext(req)),
    );
    app.post(
      '/reviews/items/:id/decision',
      {
        schema: {
          tags,
          summary: '登记复审结论（继续保障 / 变更 / 终止保障）',
          params: IdParams,
          body: ReviewDecision,
          response: { 200: ReviewItemView },
        },
      },
      async (req) => reviews.decide(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
  };
}
