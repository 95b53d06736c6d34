import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/http.ts';
import type { RegionsService } from './regions.service.ts';

const RegionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.string(),
  hasChildren: z.boolean(),
});
const CodeParams = z.object({ code: z.string().regex(/^\d{2,12}$/, '区划代码应为数字') });

export function regionsRoutes(deps: { regions: RegionsService }): FastifyPluginAsyncZod {
  const { regions } = deps;
  return async (app) => {
    app.get(
      '/regions/roots',
      {
        schema: {
          tags: ['regions'],
          summary: '本辖区根节点',
          response: { 200: z.object({ items: z.array(RegionView) }) },
        },
      },
      async (req) => ({ items: await regions.roots(requireActor(req)) }),
    );
    app.get(
      '/regions/:code',
      {
        schema: {
          tags: ['regions'],
          summary: '区划及其名称路径',
          params: CodeParams,
          response: { 200: RegionView.extend({ pathNames: z.array(z.string()) }) },
        },
      },
      async (req) => regions.get(requireActor(req), req.params.code),
    );
    app.get(
      '/regions/:code/children',
      {
        schema: {
          tags: ['regions'],
          summary: '下级区划',
          params: CodeParams,
          response: { 200: z.object({ items: z.array(RegionView) }) },
        },
      },
      async (req) => ({ items: await regions.children(requireActor(req), req.params.code) }),
    );
  };
}
