import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../domain/access/access.ts';
import { unauthenticated } from '../../domain/shared/errors.ts';
import type { AuditContext } from './audit.ts';
import type { UserRow } from '../modules/users/users.repo.ts';

export const SESSION_COOKIE = 'tb_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
    /** The signed-in user's row (server-side only; never serialised as is). */
    sessionUser: UserRow | undefined;
  }
}

/** The signed-in actor, or 401. Routes call this first. */
export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthenticated();
  return req.actor;
}

export function auditContext(req: FastifyRequest): AuditContext {
  return { actor: req.actor, ip: req.ip };
}

export function noContent(reply: FastifyReply) {
  return reply.status(204).send();
}
