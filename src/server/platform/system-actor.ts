import type { Actor } from '../../domain/access/access.ts';

/**
 * The user id of the system itself — the daily job and the command line: the nil UUID, with no
 * user row, so what it records names no recorder (`recordedBy` null) and its audit rows carry the
 * acting name (`system`, `cli`).
 */
export const SYSTEM_ACTOR_ID = '00000000-0000-0000-0000-000000000000';

/** The system acting with `roles` over `jurisdiction` ('' = national). */
export function systemActor(username: string, roles: Actor['roles'], jurisdiction = ''): Actor {
  return { userId: SYSTEM_ACTOR_ID, username, roles, jurisdiction };
}

/** The user id to store as a recorder: null for the system. */
export const recorderId = (actor: Actor): string | null =>
  actor.userId === SYSTEM_ACTOR_ID ? null : actor.userId;
