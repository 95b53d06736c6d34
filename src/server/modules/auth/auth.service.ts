import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { eq, lt } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/access.ts';
import { afterFailure, isLocked, LOCKOUT_MINUTES } from '../../../domain/access/password-policy.ts';
import { ROLES, type Role } from '../../../domain/access/roles.ts';
import { unauthenticated } from '../../../domain/shared/errors.ts';
import { writeAudit, type AuditContext } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { sessions } from '../users/users.schema.ts';
import { usersRepo, type UserRow } from '../users/users.repo.ts';

export const hashPassword = (password: string) => hash(password);

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const INVALID = '用户名或密码错误';
const LOCKED_MESSAGE = `密码错误次数过多，账户已锁定${LOCKOUT_MINUTES}分钟，请稍后再试`;

// A fixed hash to verify against when the user does not exist, so timing does not reveal it.
let dummyHash: Promise<string> | undefined;

export function toActor(user: UserRow): Actor {
  return {
    userId: user.id,
    username: user.username,
    roles: user.roles.filter((r): r is Role => (ROLES as string[]).includes(r)),
    jurisdiction: user.jurisdiction,
  };
}

export function makeAuthService(deps: { db: Db; sessionHours: number; now?: () => Date }) {
  const { db, sessionHours } = deps;
  const now = deps.now ?? (() => new Date());

  return {
    /** Verifies the password, applies lockout, and opens a session. Every outcome is audited. */
    async login(
      username: string,
      password: string,
      ctx: AuditContext,
    ): Promise<{ token: string; user: UserRow }> {
      const user = await usersRepo.findByUsername(db, username);
      const at = now().getTime();
      if (!user) {
        dummyHash ??= hash('dummy-password-for-timing');
        await verify(await dummyHash, password).catch(() => false);
        await writeAudit(db, ctx, {
          action: 'auth.login-failed',
          outcome: 'denied',
          detail: { reason: 'unknown-user' },
        });
        throw unauthenticated(INVALID);
      }
      const actorCtx = {
        ...ctx,
        actor: { userId: user.id, username: user.username, jurisdiction: user.jurisdiction },
      };
      const refuse = async (reason: string, message: string) => {
        await writeAudit(db, actorCtx, {
          action: 'auth.login-failed',
          outcome: 'denied',
          entityType: 'user',
          entityId: user.id,
          detail: { reason },
        });
        return unauthenticated(message);
      };
      const state = { failedAttempts: user.failedAttempts, lockedUntil: user.lockedUntil?.getTime() };
      if (user.disabled) throw await refuse('disabled', '账户已停用，请联系管理员');
      if (isLocked(state, at)) throw await refuse('locked', LOCKED_MESSAGE);
      if (!(await verify(user.passwordHash, password).catch(() => false))) {
        const next = afterFailure(state, at);
        await db.transaction(async (tx) => {
          await usersRepo.update(tx, user.id, {
            failedAttempts: next.failedAttempts,
            lockedUntil: next.lockedUntil ? new Date(next.lockedUntil) : null,
          });
          await writeAudit(tx, actorCtx, {
            action: 'auth.login-failed',
            outcome: 'denied',
            entityType: 'user',
            entityId: user.id,
            detail: { reason: 'bad-password', locked: next.lockedUntil !== undefined },
          });
        });
        if (next.lockedUntil)
          throw unauthenticated(`密码错误次数过多，账户已锁定${LOCKOUT_MINUTES}分钟，请稍后再试`);
        throw unauthenticated(INVALID);
      }
      const token = randomBytes(32).toString('base64url');
      const updated = await db.transaction(async (tx) => {
        await tx.insert(sessions).values({
          tokenHash: sha256(token),
          userId: user.id,
          expiresAt: new Date(at + sessionHours * 3_600_000),
        });
        await tx.delete(sessions).where(lt(sessions.expiresAt, now()));
        const u = await usersRepo.update(tx, user.id, {
          failedAttempts: 0,
          lockedUntil: null,
          lastLoginAt: now(),
        });
        await writeAudit(tx, actorCtx, { action: 'auth.login', entityType: 'user', entityId: user.id });
        return u;
      });
      return { token, user: updated };
    },

    async logout(token: string, ctx: AuditContext): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
        await writeAudit(tx, ctx, { action: 'auth.logout' });
      });
    },

    /** The actor behind a session token, or undefined when the session is unknown, expired or disabled. */
    async resolve(token: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, sha256(token)));
      if (!row || row.expiresAt.getTime() <= now().getTime()) return undefined;
      const user = await usersRepo.findById(db, row.userId);
      if (!user || user.disabled) return undefined;
      return user;
    },

    async endSessionsOf(tx: Db, userId: string): Promise<void> {
      await tx.delete(sessions).where(eq(sessions.userId, userId));
    },
  };
}
export type AuthService = ReturnType<typeof makeAuthService>;
