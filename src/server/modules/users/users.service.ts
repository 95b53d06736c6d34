import { z } from 'zod';
import type { Actor } from '../../../domain/access/access.ts';
import { checkPassword } from '../../../domain/access/password-policy.ts';
import { Permission, ROLES } from '../../../domain/access/roles.ts';
import { conflict, notFound, validationError } from '../../../domain/shared/errors.ts';
import { normalizeRegionCode } from '../../../domain/shared/region-code.ts';
import { assertAccess } from '../../platform/access.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { hashPassword, type AuthService } from '../auth/auth.service.ts';
import type { RegionsService } from '../regions/regions.service.ts';
import { usersRepo, type UserRow } from './users.repo.ts';

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  jurisdictionCode: z.string(),
  jurisdictionName: z.string(),
  status: z.enum(['active', 'disabled', 'locked']),
  lastLoginAt: z.string().nullable(),
});
export type UserView = z.infer<typeof UserView>;

export const CreateUser = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}$/, '用户名为3至64位字母、数字、点、下划线或连字符'),
  displayName: z.string().trim().min(1, '请填写姓名').max(50),
  password: z.string(),
  roles: z.array(z.enum(ROLES)).min(1, '至少选择一个角色'),
  jurisdictionCode: z.string(),
});
export type CreateUser = z.infer<typeof CreateUser>;

export const UpdateUser = z.object({
  displayName: z.string().trim().min(1, '请填写姓名').max(50).optional(),
  roles: z.array(z.enum(ROLES)).min(1, '至少选择一个角色').optional(),
  jurisdictionCode: z.string().optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUser = z.infer<typeof UpdateUser>;

/** '' is the national root (全国): only a national administrator works there. */
const NATIONAL = '';

export function makeUsersService(deps: {
  db: Db;
  regions: RegionsService;
  auth: AuthService;
  now?: () => Date;
}) {
  const { db, regions, auth } = deps;
  const now = deps.now ?? (() => new Date());

  async function view(u: UserRow): Promise<UserView> {
    const locked = u.lockedUntil !== null && u.lockedUntil.getTime() > now().getTime();
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      jurisdictionCode: u.jurisdiction,
      jurisdictionName:
        u.jurisdiction === NATIONAL ? '全国' : (await regions.pathNames(u.jurisdiction)).join('/'),
      status: u.disabled ? 'disabled' : locked ? 'locked' : 'active',
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    };
  }

  /** A jurisdiction must be a known region inside the actor's own. */
  async function checkJurisdiction(actor: Actor, raw: string): Promise<string> {
    const code = raw === NATIONAL ? NATIONAL : normalizeRegionCode(raw);
    if (code === undefined || (code !== NATIONAL && !(await regions.exists(code)))) {
      throw validationError('辖区不存在', [{ path: 'jurisdictionCode', message: '请选择有效的行政区划' }]);
    }
    if (!code.startsWith(actor.jurisdiction)) {
      throw validationError('只能在本辖区内设置账户', [
        { path: 'jurisdictionCode', message: '超出您的管理辖区' },
      ]);
    }
    return code;
  }

  function checkNewPassword(password: string, username: string): void {
    const problem = checkPassword(password, username);
    if (problem) throw validationError(problem, [{ path: 'password', message: problem }]);
  }

  async function getScoped(actor: Actor, id: string): Promise<UserRow> {
    const user = z.uuid().safeParse(id).success ? await usersRepo.findById(db, id) : undefined;
    if (!user) throw notFound('用户');
    assertAccess(actor, Permission.userManage, user.jurisdiction, '用户');
    return user;
  }

  return {
    view,
    async list(actor: Actor, q: { q?: string; page: number; pageSize: number }) {
      assertAccess(actor, Permission.userManage, undefined, '用户');
      const { items, total } = await usersRepo.list(db, actor, q);
      return { items: await Promise.all(items.map(view)), total };
    },

    async get(actor: Actor, id: string, ctx: AuditContext): Promise<UserView> {
      assertAccess(actor, Permission.userManage, undefined, '用户');
      const user = await getScoped(actor, id);
      await writeAudit(db, ctx, {
        action: 'user.read',
        entityType: 'user',
        entityId: user.id,
        regionCode: user.jurisdiction,
      });
      return view(user);
    },

    async create(actor: Actor, input: CreateUser, ctx: AuditContext): Promise<UserView> {
      assertAccess(actor, Permission.userManage, undefined, '用户');
      const username = input.username.toLowerCase();
      const jurisdiction = await checkJurisdiction(actor, input.jurisdictionCode);
      checkNewPassword(input.password, username);
      if (await usersRepo.findByUsername(db, username)) {
        throw conflict(`用户名 ${username} 已被使用`);
      }
      const passwordHash = await hashPassword(input.password);
      const user = await db.transaction(async (tx) => {
        const u = await usersRepo.insert(tx, {
          username,
          displayName: input.displayName,
          passwordHash,
          roles: input.roles,
          jurisdiction,
        });
        await writeAudit(tx, ctx, {
          action: 'user.create',
          entityType: 'user',
          entityId: u.id,
          regionCode: jurisdiction,
          detail: { roles: input.roles },
        });
        return u;
      });
      return view(user);
    },

    async update(actor: Actor, id: string, input: UpdateUser, ctx: AuditContext): Promise<UserView> {
      assertAccess(actor, Permission.userManage, undefined, '用户');
      const user = await getScoped(actor, id);
      if (input.disabled === true && user.id === actor.userId) throw conflict('不能停用自己的账户');
      const jurisdiction =
        input.jurisdictionCode === undefined
          ? undefined
          : await checkJurisdiction(actor, input.jurisdictionCode);
      const changed = await db.transaction(async (tx) => {
        const u = await usersRepo.update(tx, user.id, {
          ...(input.displayName !== undefined && { displayName: input.displayName }),
          ...(input.roles !== undefined && { roles: input.roles }),
          ...(jurisdiction !== undefined && { jurisdiction }),
          ...(input.disabled !== undefined && { disabled: input.disabled }),
        });
        if (input.disabled === true) await auth.endSessionsOf(tx, user.id);
        await writeAudit(tx, ctx, {
          action: 'user.update',
          entityType: 'user',
          entityId: user.id,
          regionCode: u.jurisdiction,
          detail: {
            from: {
              displayName: user.displayName,
              roles: user.roles,
              jurisdiction: user.jurisdiction,
              disabled: user.disabled,
            },
            to: {
              displayName: u.displayName,
              roles: u.roles,
              jurisdiction: u.jurisdiction,
              disabled: u.disabled,
            },
          },
        });
        return u;
      });
      return view(changed);
    },

    async resetPassword(actor: Actor, id: string, password: string, ctx: AuditContext): Promise<void> {
      assertAccess(actor, Permission.userManage, undefined, '用户');
      const user = await getScoped(actor, id);
      checkNewPassword(password, user.username);
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        await usersRepo.update(tx, user.id, { passwordHash, failedAttempts: 0, lockedUntil: null });
        await auth.endSessionsOf(tx, user.id);
        await writeAudit(tx, ctx, {
          action: 'user.reset-password',
          entityType: 'user',
          entityId: user.id,
          regionCode: user.jurisdiction,
        });
      });
    },
  };
}
export type UsersService = ReturnType<typeof makeUsersService>;
