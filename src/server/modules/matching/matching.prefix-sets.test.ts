import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/db.ts';
import { freshDatabase } from '../../test-support.ts';
import { keyedHash } from './matching.keys.ts';
import { registryPrefixes } from './matching.prefix-sets.ts';
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

/** An upload's prefix set, once the set it built (if any) is kept. */
async function load() {
  const p = registryPrefixes(database);
  const set = await p.set;
  await p.keep();
  return set;
}

/** A kept set's slots replaced by a set holding only a stranger's key: shows whether it is read. */
async function plantStranger() {
  const other = new KeyPrefixSet(1);
  other.addKey(key('stranger'));
  await database.exec(`update match_prefix_sets set slots = $1, size = 1`, [Buffer.from(other.bytes)]);
}

describe('the registry prefix set kept by the database', () => {
  it('is built from every key by the first upload, read whole by the next, and rebuilt after any change', async () => {
    for (let i = 0; i < 300; i++) await addFile(i);
    expect(await kept()).toBeUndefined();
    const first = await load();
    expect(first.size).toBe(600);
    expect(await kept()).toMatchObject({ format: KeyPrefixSet.FORMAT, size: 600 });
    const set = await load();
    expect(set.size).toBe(600);
    for (let i = 0; i < 300; i++) {
      expect(set.hasKey(key(`child:${i}`))).toBe(true);
      expect(set.hasKey(key(`father:${i}`))).toBe(true);
    }
    const strangers = Array.from({ length: 300 }, (_, i) => key(`mother:${i}`));
    expect(strangers.filter((k) => set.hasKey(k)).length).toBeLessThanOrEqual(1);
    // Current: read as kept (here, slots planted over it).
    await plantStranger();
    expect((await load()).hasKey(key('stranger'))).toBe(true);

    // A key written by any statement (here plain SQL, not the refresh) makes the kept set stale:
    // the upload aggregates instead, finds the new key, and keeps what it built.
    await addFile(300);
    const after = await load();
    expect(after.hasKey(key('child:300'))).toBe(true);
    expect(after.hasKey(key('stranger'))).toBe(false);
    expect(after.size).toBe(602);
    expect(await kept()).toMatchObject({ size: 602 });

    // Deleting and truncating count as changes too.
    const before = Number((await kept())?.changes);
    await database.exec(`delete from child_match_keys where id_key = $1`, [key('child:0')]);
    expect((await load()).hasKey(key('child:0'))).toBe(false);
    await database.exec('truncate child_match_keys');
    expect((await load()).size).toBe(0);
    expect(Number((await kept())?.changes)).toBe(before + 2);
    expect(await kept()).toMatchObject({ size: 0 });
  });

  it('is not read when kept in another layout, or built from keys read before a change', async () => {
    await database.exec('truncate child_match_keys');
    await addFile(1);
    await load();
    await plantStranger();
    await database.exec(`update match_prefix_sets set format = 'key-prefix-set/0'`);
    const other = await load();
    expect(other.hasKey(key('child:1'))).toBe(true);
    expect(other.hasKey(key('stranger'))).toBe(false);
    expect(await kept()).toMatchObject({ format: KeyPrefixSet.FORMAT });
    // A set whose count of changes is behind (built from keys read before a change committed).
    await plantStranger();
    await database.exec(`update match_prefix_sets set changes = changes - 1`);
    const stale = registryPrefixes(database);
    expect((await stale.set).hasKey(key('stranger'))).toBe(false);
    await stale.keep();
    // Then kept again at the current count: read as it is.
    await plantStranger();
    expect((await load()).hasKey(key('stranger'))).toBe(true);
  });
});
