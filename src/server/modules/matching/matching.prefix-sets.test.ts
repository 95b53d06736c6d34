import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db.ts';
import { freshDatabase } from '../../test-support.ts';
import { keyedHash } from './matching.keys.ts';
import { loadRegistryPrefixes, storePrefixSet } from './matching.repo.ts';
import { KeyPrefixSet } from './matching.seeds.ts';

const hmac = keyedHash('prefix-sets-test-secret');
const key = (s: string) => hmac(s);

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
});
afterAll(() => drop());

/** A registry row with an ID key and a father's key (no name key, no mother). */
async function addFile(i: number) {
  await database.exec(
    `insert into child_match_keys (child_id, version, id_key, father_key, hukou_region)
     values ($1, 1, $2, $3, '640302106001')`,
    [randomUUID(), key(`child:${i}`), key(`father:${i}`)],
  );
}

const kept = async () =>
  (await database.exec('select changes, format, size from match_prefix_sets')).rows[0] as
    { changes: string | number; format: string; size: number } | undefined;

describe('the registry prefix set kept by the database', () => {
  it('is built from every key, read back whole, and rebuilt only after the keys change', async () => {
    for (let i = 0; i < 300; i++) await addFile(i);
    expect(await storePrefixSet(database)).toBe(true);
    expect(await kept()).toMatchObject({ format: KeyPrefixSet.FORMAT, size: 600 });
    // Current: not built again.
    expect(await storePrefixSet(database)).toBe(false);
    const set = await loadRegistryPrefixes(database);
    expect(set.size).toBe(600);
    for (let i = 0; i < 300; i++) {
      expect(set.hasKey(key(`child:${i}`))).toBe(true);
      expect(set.hasKey(key(`father:${i}`))).toBe(true);
    }
    expect(
      Array.from({ length: 300 }, (_, i) => key(`mother:${i}`)).filter((k) => set.hasKey(k)).length,
    ).toBeLessThanOrEqual(1);

    // A key written by any statement (here plain SQL, not the refresh) makes the kept set stale:
    // the upload aggregates instead and finds the new key; the next refresh builds it again.
    await addFile(300);
    const after = await loadRegistryPrefixes(database);
    expect(after.hasKey(key('child:300'))).toBe(true);
    expect(after.size).toBe(602);
    expect(await storePrefixSet(database)).toBe(true);
    expect((await loadRegistryPrefixes(database)).hasKey(key('father:300'))).toBe(true);

    // Deleting and truncating count as changes too.
    const before = Number((await kept())?.changes);
    await database.exec(`delete from child_match_keys where id_key = $1`, [key('child:0')]);
    expect((await loadRegistryPrefixes(database)).hasKey(key('child:0'))).toBe(false);
    await database.exec('truncate child_match_keys');
    expect((await loadRegistryPrefixes(database)).size).toBe(0);
    expect(await storePrefixSet(database)).toBe(true);
    expect(Number((await kept())?.changes)).toBeGreaterThanOrEqual(before + 2);
    expect(await kept()).toMatchObject({ size: 0 });
  });

  it('is not used when kept in another layout, or built before the keys last changed', async () => {
    await database.exec('truncate child_match_keys');
    await addFile(1);
    await storePrefixSet(database);
    await database.exec(`update match_prefix_sets set format = 'key-prefix-set/0'`);
    expect(await storePrefixSet(database)).toBe(true);
    expect(await kept()).toMatchObject({ format: KeyPrefixSet.FORMAT });
    // A set whose count of changes is behind (built from keys read before a change committed)
    // is not read: here its slots hold a stranger's key and not the registry's.
    const other = new KeyPrefixSet(1);
    other.addKey(key('stranger'));
    await database.exec(`update match_prefix_sets set changes = changes - 1, slots = $1, size = 1`, [
      Buffer.from(other.bytes),
    ]);
    const set = await loadRegistryPrefixes(database);
    expect(set.hasKey(key('child:1'))).toBe(true);
    expect(set.hasKey(key('stranger'))).toBe(false);
    // The same slots current would be read as they are (which is what the count guards).
    await database.exec(`update match_prefix_sets set changes = changes + 1`);
    expect((await loadRegistryPrefixes(database)).hasKey(key('stranger'))).toBe(true);
  });
});
