import { describe, expect, it } from 'vitest';
import { keyedHash } from './matching.keys.ts';
import { KeyPrefixSet, seedCollector, type BatchKeys } from './matching.seeds.ts';

const hmac = keyedHash('seeds-test-secret');
const keys = Array.from({ length: 5000 }, (_, i) => hmac(`id:${i}`));
const batch = (ids: string[], more: Partial<BatchKeys> = {}): BatchKeys => ({
  ids,
  nameBirth: [],
  minors: [],
  households: [],
  ...more,
});

describe('registry key prefixes', () => {
  it('holds every key added and (almost surely) no other', () => {
    const set = new KeyPrefixSet(2500);
    for (const k of keys.slice(0, 2500)) set.addKey(k);
    expect(set.size).toBe(2500);
    expect(keys.slice(0, 2500).every((k) => set.hasKey(k))).toBe(true);
    // 2,500 other keys against 2,500 32-bit prefixes: a chance meeting is ~1 in 700.
    expect(keys.slice(2500).filter((k) => set.hasKey(k)).length).toBeLessThanOrEqual(1);
    set.add(0);
    expect(set.has(0)).toBe(true);
    expect(set.has(-1)).toBe(false);
  });

  it('collects minors and households as given and only keys the registry knows, also from batches read before the set loaded', async () => {
    let load!: (s: KeyPrefixSet) => void;
    const seeds = seedCollector(new Promise<KeyPrefixSet>((r) => (load = r)));
    seeds.add(batch([keys[0]!, keys[1]!], { minors: [keys[1]!], households: ['640302|H1'] }));
    const set = new KeyPrefixSet(4);
    set.addKey(keys[0]!);
    set.addKey(keys[3]!);
    load(set);
    await Promise.resolve();
    seeds.add(batch([keys[2]!, keys[3]!], { nameBirth: [keys[0]!, keys[4]!] }));
    expect(await seeds.seeds()).toEqual({
      minors: [keys[1]],
      households: ['640302|H1'],
      ids: [keys[0], keys[3]],
      nameBirth: [keys[0]],
    });
  });

  it('takes the keys of a batch probed where it was hashed as they are', async () => {
    const seeds = seedCollector(Promise.resolve(new KeyPrefixSet(4)));
    seeds.add(batch([keys[5]!], { nameBirth: [keys[6]!], minors: [keys[7]!], probed: true }));
    expect(await seeds.seeds()).toEqual({
      minors: [keys[7]],
      households: [],
      ids: [keys[5]],
      nameBirth: [keys[6]],
    });
  });

  it('shares its slots: a set made of them elsewhere holds the same keys', () => {
    const set = new KeyPrefixSet(100);
    for (const k of keys.slice(0, 100)) set.addKey(k);
    const copy = KeyPrefixSet.of(structuredClone(set.shared));
    expect(copy.size).toBe(100);
    expect(keys.slice(0, 100).every((k) => copy.hasKey(k))).toBe(true);
    // The memory itself, not a copy of it: a key added later is seen.
    set.addKey(keys[200]!);
    expect(copy.hasKey(keys[200]!)).toBe(true);
  });
});
