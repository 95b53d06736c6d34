import { like, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { decide, type Actor } from '../../domain/access/access.ts';
import type { Permission } from '../../domain/access/roles.ts';
import { forbidden, notFound } from '../../domain/shared/errors.ts';

/**
 * The domain's access predicate compiled into SQL: a row is visible when its region code starts
 * with the actor's jurisdiction. Every list, search and export query takes this condition, so
 * nothing outside the jurisdiction can be returned. Codes are digits only, so LIKE needs no
 * escaping; the varchar_pattern_ops indexes serve it.
 */
export function scopeToJurisdiction(column: PgColumn, actor: Actor): SQL {
  return like(column, `${actor.jurisdiction}%`);
}

/** Throws the right refusal for one record: FORBIDDEN without the permission, NOT_FOUND outside. */
export function assertAccess(
  actor: Actor,
  permission: Permission,
  recordRegion: string | undefined,
  what: string,
): void {
  const d = decide(actor, permission, recordRegion);
  if (d === 'forbidden') throw forbidden();
  if (d === 'not-found') throw notFound(what);
}

export function assertPermission(actor: Actor, permission: Permission): void {
  assertAccess(actor, permission, undefined, '');
}
