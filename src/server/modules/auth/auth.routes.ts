import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLE_LABELS, permissionsOf } from '../../../domain/access/roles.ts';
import { auditContext, noContent, requireActor, SESSION_COOKIE } from '../../platform/http.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import type { UserRow } from '../users/users.repo.ts';
import { toActor, type AuthService } from './auth.service.ts';

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  roleNames: z.array(z.string()),
  permissions: z.array(z.string()),
  jurisdiction: z.object({ code: z.string(), name: z.string(), pathNames: z.array(z.string()) }),
});

export function authRoutes(deps: {
  auth: AuthService;
  regions: RegionsService;
  sessionHours: number;
  secureCookies: boolean;
}): FastifyPluginAsyncZod {
  const { auth, regions } = deps;

  async function me(user: UserRow): Promise<z.infer<typeof Me>> {
    const actor = toActor(user);
    const j =
      actor.jurisdiction === ''
        ? { code: '', name: '全国', pathNames: ['全国'] }
        : await regions.describe(actor.jurisdiction);
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: [...actor.roles],
      roleNames: actor.roles.map((r) => ROLE_LABELS[r]),
      permissions: [...permissionsOf(actor.roles)],
      jurisdiction: j,
    };
  }

  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: '登录',
          body: z.object({
            username: z.string().trim().min(1, '请输入用户名').max(64),
            password: z.string().min(1, '请输入密码').max(256),
          }),
          response: { 200: z.object({ user: Me }) },
        },
      },
      async (req, reply) => {
        const { token, user } = await auth.login(req.body.username, req.body.password, auditContext(req));
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.secureCookies,
          maxAge: deps.sessionHours * 3600,
        });
        return { user: await me(user) };
      },
    );

    app.post(
      '/auth/logout',
      { config: { public: true }, schema: { tags: ['auth'], summary: '退出登录' } },
      async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token) await auth.logout(token, auditContext(req));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return noContent(reply);
      },
    );

    app.get(
      '/me',
      { schema: { tags: ['auth'], summary: '当前用户', response: { 200: Me } } },
      async (req) => {
        requireActor(req);
        return me(req.sessionUser!);
      },
    );
  };
}
