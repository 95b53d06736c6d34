import { ageAt, type PlainDate } from '../shared/dates.ts';
import { normalizeRegionCode } from '../shared/region-code.ts';
import type { KeyedHash } from './keys.ts';
import { nameSimilarity } from './names.ts';
import type { RegistryEntry, RosterRecord } from './records.ts';

/**
 * Blocking: gathering, for one person, the registered files and the roster evidence about them
 * and their parents (ADR 0006). Exact links go through ID keys; parents of a child are found
 * through `household` rows (same 户号 in the same 户籍 area: 户主/配偶 are parents of 子/女);
 * name + birth-date keys only ever propose fuzzy matches.
 */

export interface ParentEvidence {
  key: string;
  records: RosterRecord[];
}

export interface PersonEvidence {
  child: RosterRecord[];
  father?: ParentEvidence;
  mother?: ParentEvidence;
  /** Assistance rows of the child's household members (the child's own are in `child`). */
  household: RosterRecord[];
  /** household rows that linked the parents: cited as evidence with what they linked. */
  links: RosterRecord[];
}

export interface FuzzyMatch {
  record: RosterRecord;
  score: number;
}

export interface PersonCase {
  /** The child's ID key, or for a registered child without an ID number a key of the file. */
  childKey: string;
  registered: RegistryEntry[];
  evidence: PersonEvidence;
  /** Rows matching a registered child by name + birth date only (never applied). */
  fuzzy: FuzzyMatch[];
  /** For an unregistered child: who the rows say they are. */
  person?: { name: string; birthDate: PlainDate; hukouRegion: string };
}

/** Name + birth matches below this are not reported (ADR 0006: same pinyin scores 0.9). */
export const FUZZY_MATCH_THRESHOLD = 0.9;

function push<K, V>(map: Map<K, V[]>, key: K | undefined, value: V) {
  if (key === undefined) return;
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

class RecordIndex {
  readonly byId = new Map<string, RosterRecord[]>();
  readonly byNameBirth = new Map<string, RosterRecord[]>();
  readonly byHousehold = new Map<string, RosterRecord[]>();
  readonly assistanceByHead = new Map<string, RosterRecord[]>();

  constructor(records: readonly RosterRecord[]) {
    for (const r of records) {
      push(this.byId, r.person.idKey, r);
      push(this.byNameBirth, r.person.nameBirthKey, r);
      if (r.data.roster === 'household') push(this.byHousehold, householdOf(r), r);
      push(this.assistanceByHead, r.headIdKey, r);
    }
  }

  rowsOf(key: string, roster?: RosterRecord['data']['roster']): RosterRecord[] {
    const rows = this.byId.get(key) ?? [];
    return roster === undefined ? rows : rows.filter((r) => r.data.roster === roster);
  }
}

function householdOf(r: RosterRecord): string | undefined {
  return r.data.roster === 'household' ? `${r.data.hukouRegion}|${r.data.householdNo}` : undefined;
}

/** Parents (户主/配偶 of the households where the child is 子/女), household members, links. */
function householdLinks(index: RecordIndex, childKey: string) {
  const parents: { father?: string; mother?: string } = {};
  const links: RosterRecord[] = [];
  const memberKeys = new Set<string>();
  for (const own of index.rowsOf(childKey, 'household')) {
    const hh = householdOf(own);
    const members = (hh && index.byHousehold.get(hh)) || [];
    for (const m of members)
      if (m.person.idKey && m.person.idKey !== childKey) memberKeys.add(m.person.idKey);
    if (own.data.roster !== 'household' || !['son', 'daughter'].includes(own.data.relation)) continue;
    const before = links.length;
    for (const m of members) {
      const rel = m.data.roster === 'household' ? m.data.relation : undefined;
      const key = m.person.idKey;
      if ((rel !== 'head' && rel !== 'spouse') || key === undefined || key === childKey) continue;
      const role = m.person.sex === 'male' ? 'father' : 'mother';
      if (parents[role] !== undefined) continue;
      parents[role] = key;
      links.push(m);
    }
    if (links.length > before) links.splice(before, 0, own);
  }
  return { parents, links, memberKeys };
}

function gatherEvidence(
  index: RecordIndex,
  childKey: string | undefined,
  known: { father?: string; mother?: string },
): PersonEvidence {
  if (childKey === undefined) {
    const evidence: PersonEvidence = { child: [], household: [], links: [] };
    for (const role of ['father', 'mother'] as const) {
      const key = known[role];
      if (key !== undefined) evidence[role] = { key, records: index.rowsOf(key) };
    }
    return evidence;
  }
  const linked = householdLinks(index, childKey);
  const evidence: PersonEvidence = { child: index.rowsOf(childKey), household: [], links: [] };
  for (const role of ['father', 'mother'] as const) {
    const key = known[role] ?? linked.parents[role];
    if (key === undefined) continue;
    evidence[role] = { key, records: index.rowsOf(key) };
    if (known[role] === undefined) evidence.links = linked.links;
  }
  const seen = new Set<RosterRecord>();
  for (const key of [...linked.memberKeys, childKey]) {
    for (const r of [...index.rowsOf(key, 'assistance'), ...(index.assistanceByHead.get(key) ?? [])]) {
      if (r.person.idKey === childKey || seen.has(r)) continue;
      seen.add(r);
      evidence.household.push(r);
    }
  }
  return evidence;
}

/**
 * Every person matching should decide on: each registered child (files sharing an ID key form
 * one case) and each unregistered person under 18 on `asOf` who appears with a valid ID in some
 * roster and does not match a registered child by name + birth date.
 */
export function buildCases(
  registry: readonly RegistryEntry[],
  records: readonly RosterRecord[],
  asOf: PlainDate,
  hmac: KeyedHash,
): PersonCase[] {
  const index = new RecordIndex(records);
  const cases: PersonCase[] = [];
  const groups = new Map<string, RegistryEntry[]>();
  const registeredNameBirth = new Set<string>();
  for (const e of registry) {
    push(groups, e.childIdKey ?? hmac(`file:${e.fileId}`), e);
    if (e.nameBirthKey !== undefined) registeredNameBirth.add(e.nameBirthKey);
  }
  for (const [childKey, entries] of groups) {
    const first = entries[0];
    if (first === undefined) continue;
    const evidence = gatherEvidence(index, first.childIdKey, first.parentKeys);
    const fuzzy: FuzzyMatch[] = [];
    const name = first.facts.child.name ?? '';
    for (const r of (first.nameBirthKey && index.byNameBirth.get(first.nameBirthKey)) || []) {
      if (r.person.idKey !== undefined && r.person.idKey === first.childIdKey) continue;
      const score = nameSimilarity(name, r.person.name);
      if (score >= FUZZY_MATCH_THRESHOLD) fuzzy.push({ record: r, score });
    }
    cases.push({ childKey, registered: entries, evidence, fuzzy });
  }
  const candidates = new Map<string, RosterRecord[]>();
  for (const [key, rows] of index.byId) {
    if (groups.has(key)) continue;
    const who = rows.find((r) => r.data.roster === 'household') ?? rows[0];
    const birth = who?.person.birthDate;
    if (who === undefined || birth === undefined || birth > asOf || ageAt(birth, asOf) >= 18) continue;
    if (
      rows.some((r) => r.person.nameBirthKey !== undefined && registeredNameBirth.has(r.person.nameBirthKey))
    ) {
      continue;
    }
    candidates.set(key, rows);
  }
  for (const [childKey, rows] of candidates) {
    const own = rows.find((r) => r.data.roster === 'household');
    const who = own ?? rows[0];
    const hukou =
      own?.data.roster === 'household'
        ? own.data.hukouRegion
        : normalizeRegionCode(who?.person.idRegion ?? '');
    if (who?.person.birthDate === undefined || hukou === undefined) continue;
    cases.push({
      childKey,
      registered: [],
      evidence: gatherEvidence(index, childKey, {}),
      fuzzy: [],
      person: { name: who.person.name, birthDate: who.person.birthDate, hukouRegion: hukou },
    });
  }
  return cases;
}
