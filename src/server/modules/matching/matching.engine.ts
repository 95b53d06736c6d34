import {
  buildCases,
  decideLeads,
  registryEntryOf,
  toRegistryEntry,
  type KeyedHash,
  type Lead,
  type LeadType,
  type RegistryEntry,
  type RosterRecord,
} from '../../../domain/matching/index.ts';
import type { PolicyPack } from '../../../domain/policy/pack.ts';
import { addDays, addMonths, type PlainDate } from '../../../domain/shared/dates.ts';
import { factsOn, type FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import type { Database } from '../../platform/db.ts';
import type { ChildrenService } from '../children/children.service.ts';
import { leadDueOn } from './matching.deadlines.ts';
import { matchingRepo, type ChildKeyRow } from './matching.repo.ts';
import type { CollectedSeeds } from './matching.seeds.ts';
import type { Exec } from './matching.sql.ts';

/**
 * Incremental matching of one stored roster (ADR 0006a): the people it may change a decision
 * for are selected in SQL by keyed hash, then decided in chunks — each chunk loads only its
 * neighbourhood (own rows, household rows, parents' rows, registry files) and calls the
 * domain's buildCases/decideLeads on it. Memory is bounded by the chunk, not the roster.
 */
export interface EngineDeps {
  database: Database;
  children: Pick<ChildrenService, 'versionsPage' | 'currentFactsOf' | 'factsOfVersions' | 'versionStamp'>;
  packs: () => readonly PolicyPack[];
  today: () => PlainDate;
}

export type LeadCounts = Record<LeadType, number>;

/** The last day of birth of someone 18 or older on `asOf`. */
export const adultBornOn = (asOf: PlainDate): PlainDate => addDays(addMonths(asOf, -216), -1);

/** Thrown inside the matching transaction when the upload is cancelled: everything rolls back. */
export class MatchCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}
export const zeroCounts = (): LeadCounts => ({ discover: 0, review: 0, conflict: 0, 'data-quality': 0 });

const CHUNK = 1000;
const PAGE = 10_000;
const WATERMARK = 'registry-watermark';

export interface RegistryKeys {
  /** Files re-hashed by this pass (0 when skipped). */
  refreshed: number;
  /** The earliest birth date of a registered child (none for an empty registry). */
  earliestBirth: PlainDate | null;
}

/**
 * Brings child_match_keys in step with the registry (only files whose version changed). Skipped
 * when the registry's version stamp equals the one of the last refresh (the watermark, kept in
 * match_settings); the stamp is read before paging, so a change during the pass makes the next
 * one run.
 */
export async function refreshRegistryKeys(deps: EngineDeps, hmac: KeyedHash): Promise<RegistryKeys> {
  const exec = deps.database.exec;
  const stamp = await deps.children.versionStamp();
  const { rows: marks } = await exec('select value from match_settings where name = $1', [WATERMARK]);
  const mark = marks[0]
    ? (JSON.parse(String(marks[0].value)) as { stamp: string } & RegistryKeys)
    : undefined;
  if (mark?.stamp === stamp) return { refreshed: 0, earliestBirth: mark.earliestBirth };
  let after: string | undefined;
  let refreshed = 0;
  for (;;) {
    const page = await deps.children.versionsPage(after, PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]!.id;
    const known = await matchingRepo.keyVersions(
      exec,
      page.map((p) => p.id),
    );
    const stale = page.filter((p) => known.get(p.id) !== p.version).map((p) => p.id);
    if (stale.length === 0) continue;
    const rows = await deps.children.currentFactsOf(stale);
    const today = deps.today();
    await matchingRepo.upsertKeys(
      exec,
      rows.map((r): ChildKeyRow => {
        const e = entryOf(r, today, hmac);
        return {
          childId: r.id,
          version: r.version,
          idKey: e.childIdKey ?? null,
          nameBirthKey: e.nameBirthKey ?? null,
          fatherKey: e.parentKeys.father ?? null,
          motherKey: e.parentKeys.mother ?? null,
          hukouRegion: r.hukouRegion,
          birthDate: e.facts.child.birthDate,
        };
      }),
    );
    refreshed += rows.length;
  }
  const { rows: min } = await exec('select min(birth_date)::text as earliest from child_match_keys');
  const earliestBirth = (min[0]?.earliest as PlainDate | null | undefined) ?? null;
  await exec(
    `insert into match_settings (name, value) values ($1, $2)
     on conflict (name) do update set value = excluded.value`,
    [WATERMARK, JSON.stringify({ stamp, refreshed, earliestBirth })],
  );
  return { refreshed, earliestBirth };
}

/**
 * The birth date from which a roster row with a valid ID needs a name + birth key: the earliest
 * registered child's, or of anyone under 18 on the as-of date or today, whichever is earlier (a
 * child registered later is under 18 then, so born after it). See RecordOptions.nameKeyFrom.
 */
export function nameKeyFrom(registry: RegistryKeys, asOf: PlainDate, today: PlainDate): PlainDate {
  const minor = addDays(addMonths(asOf < today ? asOf : today, -216), 1);
  return registry.earliestBirth !== null && registry.earliestBirth < minor ? registry.earliestBirth : minor;
}

function entryOf(
  r: { id: string; hukouRegion: string; facts: FactsDocument },
  asOf: PlainDate,
  hmac: KeyedHash,
): RegistryEntry {
  return toRegistryEntry({ fileId: r.id, region: r.hukouRegion, facts: factsOn(r.facts, asOf) }, hmac);
}

/**
 * The registry entry of a file from its stored keys and the facts of the version they were
 * computed from (child_match_keys holds toRegistryEntry's keys, which do not depend on the date):
 * the same entry as entryOf without four keyed hashes and a pinyin per file.
 */
function storedEntryOf(keys: ChildKeyRow, facts: FactsDocument, asOf: PlainDate): RegistryEntry {
  const parentKeys: RegistryEntry['parentKeys'] = {};
  if (keys.fatherKey !== null) parentKeys.father = keys.fatherKey;
  if (keys.motherKey !== null) parentKeys.mother = keys.motherKey;
  return registryEntryOf(
    { fileId: keys.childId, region: keys.hukouRegion, facts: factsOn(facts, asOf) },
    { childIdKey: keys.idKey ?? undefined, nameBirthKey: keys.nameBirthKey ?? undefined, parentKeys },
  );
}

/** A decided lead with the roster_records ids it rests on. */
export interface DecidedLead {
  lead: Lead;
  recordIds: number[];
}

/**
 * The leads of one roster's affected people (read-only: the caller stores them in one
 * transaction with the roster's status), decided in chunks, each loading only its
 * neighbourhood. Two kinds of work: people who are children themselves (the roster's minors,
 * children of its households: one statement finds the latter), and the roster's keys that met a
 * registry key's prefix while it was read (CollectedSeeds), each chunk of which looks up the
 * files it concerns — as a child, father or mother, or by name + birth — in the chunk's own
 * statement: two lanes do that beside deciding, where one statement for all of them before had
 * a core wait (ADR 0006a, ninth pass). A file found by two chunks is decided once. Throws
 * MatchCancelled when cancelled. `onDecided` gets each chunk's leads as they are decided (a
 * LeadStore, to store while deciding goes on).
 */
export async function decideRoster(
  deps: EngineDeps,
  hmac: KeyedHash,
  rosterId: string,
  asOf: PlainDate,
  collected: CollectedSeeds,
  onProgress: (done: number, total: number) => void,
  cancelled: () => boolean,
  onDecided?: (leads: readonly DecidedLead[]) => void,
): Promise<DecidedLead[]> {
  const exec = deps.database.exec;
  const members = await matchingRepo.householdSeeds(exec, rosterId, adultBornOn(asOf), collected.households);
  const work: Work[] = [
    ...[...new Set([...collected.minors, ...members])].map((person) => ({ person })),
    ...collected.ids.map((id) => ({ id })),
    ...collected.nameBirth.map((nb) => ({ nb })),
  ];
  const decidedFiles = new Set<string>();
  const decided: DecidedLead[] = [];
  let next = 0;
  let done = 0;
  onProgress(0, work.length);
  // Two chunks at a time: one is in the database while the other is decided here.
  const lane = async () => {
    while (next < work.length) {
      if (cancelled()) throw new MatchCancelled();
      const part = work.slice(next, next + CHUNK);
      next += CHUNK;
      const leads = await decideChunk(deps, exec, hmac, { rosterId, asOf }, part, decidedFiles);
      decided.push(...leads);
      onDecided?.(leads);
      done += part.length;
      onProgress(done, work.length);
    }
  };
  await Promise.all([lane(), lane()]);
  if (cancelled()) throw new MatchCancelled();
  return decided;
}

/** A unit of deciding: a person who is a child, or a key of the roster that met the registry's. */
type Work = { person: string } | { id: string } | { nb: string };

/**
 * Stores decided leads unique on dedupe key, in the caller's transaction, in batches of CHUNK as
 * they come (`add`): on PostgreSQL the batches are inserted while later chunks are still being
 * decided. `finish` stores the rest and gives the new leads by type; a failed insert rejects it.
 */
export function leadStore(deps: EngineDeps, exec: Exec, rosterId: string) {
  const counts = zeroCounts();
  // A person seeded twice (as a file and by key) is decided twice: the same lead, stored once.
  const seen = new Set<string>();
  let pending: DecidedLead[] = [];
  // The deadline depends only on the region's calendar and today: computed once a region.
  const today = deps.today();
  const packs = deps.packs();
  const dueOn = new Map<string, PlainDate>();
  const dueOnOf = (region: string) => {
    let due = dueOn.get(region);
    if (due === undefined) dueOn.set(region, (due = leadDueOn(packs, region, today)));
    return due;
  };
  // One batch at a time on the transaction's connection, in order.
  let stored: Promise<void> = Promise.resolve();
  let failed: unknown;
  const flush = (batch: DecidedLead[]) => {
    stored = stored.then(async () => {
      if (failed !== undefined) return;
      try {
        const added = await storeLeads(exec, rosterId, today, dueOnOf, batch);
        for (const t of Object.keys(added) as LeadType[]) counts[t] += added[t];
      } catch (e) {
        failed = e;
      }
    });
  };
  return {
    add(leads: readonly DecidedLead[]) {
      for (const d of leads) {
        if (seen.has(d.lead.dedupeKey)) continue;
        seen.add(d.lead.dedupeKey);
        pending.push(d);
      }
      while (pending.length >= CHUNK) {
        flush(pending.slice(0, CHUNK));
        pending = pending.slice(CHUNK);
      }
    },
    async finish(): Promise<LeadCounts> {
      if (pending.length) flush(pending);
      pending = [];
      await stored;
      if (failed !== undefined) throw failed;
      return counts;
    },
    /** Waits for the batches in flight (before the transaction is rolled back). */
    settled: () => stored,
  };
}
export type LeadStore = ReturnType<typeof leadStore>;

/** Stores decided leads unique on dedupe key (in the caller's transaction); new leads by type. */
export async function storeDecided(
  deps: EngineDeps,
  exec: Exec,
  rosterId: string,
  decided: readonly DecidedLead[],
): Promise<LeadCounts> {
  const store = leadStore(deps, exec, rosterId);
  store.add(decided);
  return store.finish();
}

async function decideChunk(
  deps: EngineDeps,
  exec: Exec,
  hmac: KeyedHash,
  { rosterId, asOf }: { rosterId: string; asOf: PlainDate },
  work: readonly Work[],
  decidedFiles: Set<string>,
) {
  const persons = work.flatMap((w) => ('person' in w ? [w.person] : []));
  const ids = work.flatMap((w) => ('id' in w ? [w.id] : []));
  const nb = work.flatMap((w) => ('nb' in w ? [w.nb] : []));
  // The files the chunk's keys concern (exactly: the prefixes only nominated them), each once
  // across chunks; then the registered files of the people who are children.
  const related =
    ids.length || nb.length ? await matchingRepo.childKeysOf(exec, { idKeys: ids, parentKeys: ids, nb }) : [];
  const files = related.filter((k) => !decidedFiles.has(k.childId));
  for (const f of files) decidedFiles.add(f.childId);
  const found = persons.length ? await matchingRepo.childKeysOf(exec, { idKeys: persons }) : [];
  const keys = [...new Map([...files, ...found].map((k) => [k.childId, k])).values()];
  const personKeys = new Set([...persons, ...keys.flatMap((k) => (k.idKey ? [k.idKey] : []))]);
  const parentKeys = keys.flatMap((k) => [k.fatherKey, k.motherKey].filter((x): x is string => !!x));
  const rows = await matchingRepo.neighbourhood(
    exec,
    hmac,
    rosterId,
    [...personKeys, ...parentKeys],
    keys.flatMap((k) => (k.nameBirthKey ? [k.nameBirthKey] : [])),
  );
  // One row per content: the same roster uploaded twice is the same evidence.
  const byContent = new Map<string, { id: number; record: RosterRecord }>();
  for (const r of rows.sort((a, b) => a.id - b.id))
    if (!byContent.has(r.record.contentKey)) byContent.set(r.record.contentKey, r);
  const records = [...byContent.values()].map((r) => r.record);
  const recordIds = new Map(
    [...byContent.values()].map((r) => [`${r.record.source.batch}|${r.record.source.rowNumber}`, r.id]),
  );
  // Registered children sharing a name + birth key with these rows stop a discover lead.
  const sameNames = records.flatMap((r) => (r.person.nameBirthKey ? [r.person.nameBirthKey] : []));
  const more = sameNames.length ? await matchingRepo.childKeysOf(exec, { nb: sameNames }) : [];
  const stored = new Map([...keys, ...more].map((k) => [k.childId, k]));
  // The facts the stored keys were computed from (their version): the registry as of the key
  // refresh before this upload was read, keys and facts of one version.
  const facts = await deps.children.factsOfVersions(
    [...stored.values()].map((k) => ({ id: k.childId, version: k.version })),
  );
  const registry = facts.flatMap((r) => {
    const k = stored.get(r.id);
    return k ? [storedEntryOf(k, r.facts, asOf)] : [];
  });
  const fileSeeds = new Set(files.map((f) => f.childId));
  const ctx = { asOf, packs: deps.packs(), hmac };
  return buildCases(registry, records, asOf, hmac)
    .filter((c) => personKeys.has(c.childKey) || c.registered.some((e) => fileSeeds.has(e.fileId)))
    .flatMap((c) => decideLeads(c, ctx))
    .map((lead): DecidedLead => ({
      lead,
      recordIds: lead.evidence.flatMap((e) => {
        const id = recordIds.get(`${e.batch}|${e.rowNumber}`);
        return id === undefined ? [] : [id];
      }),
    }));
}

async function storeLeads(
  exec: Exec,
  rosterId: string,
  today: PlainDate,
  dueOnOf: (region: string) => PlainDate,
  decided: readonly DecidedLead[],
): Promise<LeadCounts> {
  const counts = zeroCounts();
  if (decided.length === 0) return counts;
  const leads = decided.map((d) => d.lead);
  const ids = new Map(decided.map((d) => [d.lead, d.recordIds]));
  const idsOf = (l: Lead) => ids.get(l) ?? [];
  // A discover lead for a child with an open discover lead adds its evidence to that lead.
  const discover = leads.filter((l) => l.type === 'discover');
  const open = new Map<string, string>();
  if (discover.length) {
    const { rows } = await exec(
      `select id, child_key from match_leads where lead_type = 'discover' and status = 'open'
       and child_key = any($1::text[]) and dedupe_key <> all($2::text[])`,
      [discover.map((l) => l.childKey), discover.map((l) => l.dedupeKey)],
    );
    for (const r of rows) open.set(String(r.child_key), String(r.id));
  }
  const fresh: Lead[] = [];
  for (const l of leads) {
    const target = l.type === 'discover' ? open.get(l.childKey) : undefined;
    if (target === undefined) {
      fresh.push(l);
      continue;
    }
    const { rows } = await exec(
      `insert into match_lead_aliases (dedupe_key, lead_id) values ($1, $2) on conflict do nothing returning lead_id`,
      [l.dedupeKey, target],
    );
    if (rows.length === 0) continue;
    await exec(
      `update match_leads set record_ids = record_ids || $2::jsonb,
         lead = jsonb_set(lead, '{attached}', coalesce(lead->'attached', '[]'::jsonb) || $3::jsonb)
       where id = $1`,
      [target, JSON.stringify(idsOf(l)), JSON.stringify([l])],
    );
  }
  if (fresh.length === 0) return counts;
  // One JSON document for the batch, its JSON values (file ids, the lead, record ids) inside it as
  // strings, cast in the database: taking them out as json or jsonb values made the document's
  // reading 70-100 ms per 1,000 leads of the database's CPU, as strings cast 30-35 ms (ADR 0006a,
  // ninth pass). Arrays of strings instead cost escaping each lead in this thread.
  const payload = JSON.stringify(
    fresh.map((l) => ({
      d: l.dedupeKey,
      t: l.type,
      r: l.rule,
      ti: l.title,
      ck: l.childKey,
      hr: l.hukouRegion,
      fi: JSON.stringify(l.fileIds),
      ld: JSON.stringify(l),
      ri: JSON.stringify(idsOf(l)),
      du: dueOnOf(l.hukouRegion),
      sc: l.scoreIfFuzzy ?? null,
    })),
  );
  const { rows } = await exec(
    `with ins as (
       insert into match_leads (dedupe_key, lead_type, rule, title, child_key, hukou_region, file_ids, lead,
         record_ids, roster_id, created_on, due_on, status, score)
       select d, t, r, ti, ck, hr, fi::jsonb, ld::jsonb, ri::jsonb, $1::uuid, $2::date, du, 'open', sc
       from json_to_recordset($3::json)
         as x(d text, t text, r text, ti text, ck text, hr text, fi text, ld text, ri text, du date, sc real)
       where not exists (select 1 from match_lead_aliases a where a.dedupe_key = x.d)
       on conflict (dedupe_key) do nothing
       returning lead_type)
     select lead_type, count(*)::int as n from ins group by lead_type`,
    [rosterId, today, payload],
  );
  for (const r of rows) counts[r.lead_type as LeadType] = Number(r.n);
  return counts;
}
