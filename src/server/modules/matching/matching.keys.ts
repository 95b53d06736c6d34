import { randomBytes } from 'node:crypto';
import type { KeyedHash } from '../../../domain/matching/index.ts';
import type { Database } from '../../platform/db.ts';
import { hmacSha256Hex } from '../../platform/hmac-sha256.ts';

const SETTING = 'hmac-key';

/**
 * The matching secret (ADR 0006a): TONGBAO_MATCH_KEY when set; otherwise a random 256-bit key
 * generated on first use and kept in `match_settings` (in the embedded database's data directory,
 * or in PostgreSQL). Changing it makes every stored key unmatchable, so it is never rotated here.
 */
export async function loadMatchKey(database: Database, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const fresh = randomBytes(32).toString('base64');
  await database.exec(
    'insert into match_settings (name, value) values ($1, $2) on conflict (name) do nothing',
    [SETTING, fresh],
  );
  const { rows } = await database.exec('select value from match_settings where name = $1', [SETTING]);
  const value = rows[0]?.value;
  if (typeof value !== 'string') throw new Error('match key missing');
  return value;
}

const SECRET = Symbol('match secret');

/** HMAC-SHA256 under the secret, hex; it carries the secret so worker threads can rebuild it. */
export function keyedHash(secret: string): KeyedHash {
  return Object.assign(hmacSha256Hex(secret), { [SECRET]: secret });
}

/** The secret of a keyedHash (undefined for any other function, e.g. a test's hash). */
export const secretOf = (hash: KeyedHash): string | undefined =>
  (hash as KeyedHash & { [SECRET]?: string })[SECRET];

/** A lazily loaded keyed hash (the key is read once per process). */
export function matchHasher(database: Database, configured: string | undefined): () => Promise<KeyedHash> {
  let p: Promise<KeyedHash> | undefined;
  return () => (p ??= loadMatchKey(database, configured).then(keyedHash));
}
