import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Determination } from '../../../domain/eligibility/determination.ts';
import { PlainDate } from '../../../domain/shared/dates.ts';
import { requireActor } from '../../platform/http.ts';
import type { PoliciesService } from './policies.service.ts';

const IdParams = z.object({ id: z.string().max(32) });

export function policiesRoutes(deps: { policies: PoliciesService }): FastifyPluginAsyncZod {
  const { policies } = deps;
  return async (app) => {
    app.get('/policies', { schema: { tags: ['policies'], summary: '政策包列表' } }, async (req) => ({
      items: policies.list(requireActor(req)),
    }));

    app.get(
      '/policies/:id',
      {
        schema: {
          tags: ['policies'],
          summary: '政策包（某版本，已合并上级政策）',
          params: IdParams,
          querystring: z.object({ version: PlainDate.optional() }),
        },
      },
      async (req) => policies.get(requireActor(req), req.params.id, req.query.version),
    );

    app.post(
      '/policies/:id/adjustment',
      {
        schema: {
          tags: ['policies'],
          summary: '标准动态调整测算（宁政发〔2017〕86号）',
          params: IdParams,
          body: z.object({
            lastYearIncomeYuan: z.string().regex(/^\d+(\.\d{1,2})?$/, '请输入金额（元，最多两位小数）'),
            yearBeforeIncomeYuan: z.string().regex(/^\d+(\.\d{1,2})?$/, '请输入金额（元，最多两位小数）'),
            effectiveFrom: PlainDate,
          }),
        },
      },
      async (req) => policies.proposeAdjustment(requireActor(req), req.params.id, req.body),
    );

    // Pure computation on the facts sent; nothing is stored or read, so any signed-in user may
    // test a case (政策测算). The body is the interchange ChildFacts contract, validated by the engine.
    app.post(
      '/evaluate',
      {
        schema: {
          tags: ['policies'],
          summary: '资格认定测算（ChildFacts → Determination）',
          body: z.unknown(),
          response: { 200: z.union([Determination, z.array(Determination)]) },
        },
      },
      async (req) => {
        requireActor(req);
        return policies.evaluate(req.body, requireActor(req));
      },
    );
  };
}
