import { isWithinRegion } from '../shared/region-code.ts';
import { permissionsOf, type Permission, type Role } from './roles.ts';

/** Who is acting: the only input access decisions need (no IO, no clock). */
export interface Actor {
  userId: string;
  username: string;
  roles: readonly Role[];
  /** Normalised region code of the user's jurisdiction (see region-code.ts). */
  jurisdiction: string;
}

export type AccessDecision = 'allow' | 'forbidden' | 'not-found';

/**
 * The one access predicate. A user works in one jurisdiction and sees everything beneath it,
 * nothing beside or above it (domain.md §1). Outside the jurisdiction the answer is not-found,
 * so that existence does not leak; a missing permission is forbidden.
 * The same rule is compiled to SQL by server/platform/access.ts (scopeToJurisdiction).
 */
export function decide(
  actor: Actor,
  permission: Permission,
  recordRegion: string | undefined,
): AccessDecision {
  if (!permissionsOf(actor.roles).has(permission)) return 'forbidden';
  if (recordRegion !== undefined && !isWithinRegion(recordRegion, actor.jurisdiction)) return 'not-found';
  return 'allow';
}

export function can(actor: Actor, permission: Permission): boolean {
  return permissionsOf(actor.roles).has(permission);
}
