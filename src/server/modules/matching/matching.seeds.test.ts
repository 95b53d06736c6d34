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
});
