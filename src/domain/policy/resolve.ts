import type { PlainDate } from '../shared/dates.ts';
import { notFound, validationError } from '../shared/errors.ts';
import { isWithinRegion, normalizeRegionCode } from '../shared/region-code.ts';
import { canonicalPackId } from './pack-id.ts';
import { PACK_DEFAULTS, type EffectivePack, type PolicyPack } from './pack.ts';

/**
 * Pack selection and inheritance (ADR 0003). A pack id names a lineage of versions; the
 * version in force on a date is the approved one with the latest `version` ≤ date. A pack
 * inherits from `parent` (its version in force on the same date): objects merge key by key,
 * lists and scalars replace, holiday lists add up.
 */

const NOT_INHERITED = new Set([
  'id',
  'name',
  'jurisdiction',
  'version',
  'parent',
  'status',
  'sources',
  'notes',
]);

const isApproved = (p: PolicyPack) => (p.status ?? 'approved') === 'approved';

/** The approved version of pack `id` (either id form) in force on `date`. */
export function findPackVersion(
  packs: readonly PolicyPack[],
  id: string,
  date: PlainDate,
): PolicyPack | undefined {
  const canonical = canonicalPackId(id);
  let best: PolicyPack | undefined;
  for (const p of packs) {
    if (p.id !== canonical || !isApproved(p) || p.version > date) continue;
    if (!best || p.version > best.version) best = p;
  }
  return best;
}

type Plain = Record<string, unknown>;
const isPlainObject = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(base: Plain, over: Plain, path: string): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined || (path === '' && NOT_INHERITED.has(key))) continue;
    const prev = out[key];
    if (path === 'calendar' && Array.isArray(value) && Array.isArray(prev)) {
      out[key] = [...new Set([...prev, ...value])].sort();
    } else if (isPlainObject(value) && isPlainObject(prev)) {
      out[key] = merge(prev, value, path === '' ? key : `${path}.${key}`);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** The chain of versions from the most general ancestor down to pack `id`, in force on `date`. */
export function packChain(
  packs: readonly PolicyPack[],
  id: string,
  date: PlainDate,
): PolicyPack[] | undefined {
  const chain: PolicyPack[] = [];
  for (
    let p = findPackVersion(packs, id, date);
    p;
    p = p.parent ? findPackVersion(packs, p.parent, date) : undefined
  ) {
    if (chain.some((q) => q.id === p?.id)) {
      throw validationError(`政策包 ${p.id} 的上级关系形成循环`, [
        { path: 'parent', message: '上级政策包循环' },
      ]);
    }
    chain.unshift(p);
  }
  return chain.length > 0 ? chain : undefined;
}

/** Pack `id` as in force on `date`, inheritance resolved; undefined when no version is in force. */
export function resolvePack(
  packs: readonly PolicyPack[],
  id: string,
  date: PlainDate,
): EffectivePack | undefined {
  // A payroll resolves the same (pack, day) for every child: memoised per packs array (the
  // result is a pure function of its arguments, and callers never mutate it).
  let memo = resolved.get(packs);
  if (!memo) resolved.set(packs, (memo = new Map()));
  const key = `${id}|${date}`;
  if (memo.has(key)) return memo.get(key);
  if (memo.size > 10_000) memo.clear();
  const pack = resolveUncached(packs, id, date);
  memo.set(key, pack);
  return pack;
}
const resolved = new WeakMap<readonly PolicyPack[], Map<string, EffectivePack | undefined>>();

function resolveUncached(
  packs: readonly PolicyPack[],
  id: string,
  date: PlainDate,
): EffectivePack | undefined {
  const chain = packChain(packs, id, date);
  const self = chain?.at(-1);
  if (!chain || !self) return undefined;
  const merged = chain.reduce<Plain>((acc, p) => merge(acc, p as unknown as Plain, ''), {
    ...structuredClone(PACK_DEFAULTS),
  });
  return {
    ...(merged as unknown as EffectivePack),
    id: self.id,
    name: self.name,
    jurisdiction: self.jurisdiction,
    version: self.version,
    sources: self.sources ?? [],
    lineage: chain.map((p) => ({ id: p.id, version: p.version })),
  };
}

/** Like resolvePack, but a missing pack is a NOT_FOUND error. */
export function getPack(packs: readonly PolicyPack[], id: string, date: PlainDate): EffectivePack {
  const pack = resolvePack(packs, id, date);
  if (!pack) throw notFound(`政策包 ${id}（${date} 有效版本）`);
  return pack;
}

/**
 * The pack for a child: the jurisdiction that is the longest prefix of the 户籍 code among the
 * packs with a version in force on `date` (domain.md §4). The national pack ("" jurisdiction)
 * matches every code.
 */
export function selectPack(
  packs: readonly PolicyPack[],
  regionCode: string,
  date: PlainDate,
): EffectivePack | undefined {
  const region = normalizeRegionCode(regionCode) ?? regionCode;
  let best: PolicyPack | undefined;
  for (const p of packs) {
    if (!isApproved(p) || p.version > date || !isWithinRegion(region, p.jurisdiction)) continue;
    if (!best || p.jurisdiction.length > best.jurisdiction.length) best = p;
  }
  return best ? resolvePack(packs, best.id, date) : undefined;
}
