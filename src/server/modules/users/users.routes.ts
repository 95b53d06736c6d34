import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContext, noContent, requireActor } from '../../platform/http.ts';
import { CreateUser, UpdateUser, UserView, type UsersService } from './users.service.ts';

const Page = z.object({
  q: z.string().trim().max(64).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const IdParams = z.object({ id: z.string() });

export function usersRoutes(deps: { users: UsersService }): FastifyPluginAsyncZod {
  const { users } = deps;
  return async (app) => {
    app.get(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: '用户列表（本辖区）',
          querystring: Page,
          response: { 200: z.object({ items: z.array(UserView), total: z.number() }) },
        },
      },
      async (req) => users.list(requireActor(req), req.query),
    );
    app.post(
      '/users',
      { schema: { tags: ['users'], summary: '新建用户', body: CreateUser, response: { 201: UserView } } },
      async (req, reply) =>
        reply.status(201).send(await users.create(requireActor(req), req.body, auditContext(req))),
    );
    app.get(
      '/users/:id',
      { schema: { tags: ['users'], summary: '查看用户', params: IdParams, response: { 200: UserView } } },
      async (req) => users.get(requireActor(req), req.params.id, auditContext(req)),
    );
    app.patch(
      '/users/:id',
      {
        schema: {
          tags: ['users'],
          summary: '修改用户（姓名、角色、辖区、停用）',
          params: IdParams,
          body: UpdateUser,
          response: { 200: UserView },
        },
      },
      async (req) => users.update(requireActor(req), req.params.id, req.body, auditContext(req)),
    );
    app.post(
      '/users/:id/password',
      {
        schema: {
          tags: ['users'],
          summary: '重置密码',
          params: IdParams,
          body: z.object({ password: z.string().max(256) }),
        },
      },
      async (req, reply) => {
        await users.resetPassword(requireActor(req), req.params.id, req.body.password, auditContext(req));
        return noContent(reply);
      },
    );
  };
}
