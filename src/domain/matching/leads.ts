import type { CategoryCode } from '../eligibility/codes.ts';
import type { Determination } from '../eligibility/determination.ts';
import { evaluate } from '../eligibility/evaluate.ts';
import type { ChildFacts } from '../eligibility/facts.ts';
import type { PolicyPack } from '../policy/pack.ts';
import { AppError, ErrorCode } from '../shared/errors.ts';
import type { PlainDate } from '../shared/dates.ts';
import { buildCases, type PersonCase } from './cases.ts';
import { applyEvidence, countyOf, evidenceDate, type FactChange, type Subject } from './evidence.ts';
import { dedupeKey, type KeyedHash } from './keys.ts';
import {
  DISCOVER_RULES,
  leadTitle,
  type DeterminationSummary,
  type Lead,
  type LeadRule,
  type LeadType,
} from './lead-types.ts';
import { nameSimilarity } from './names.ts';
import { toRegistryEntry, type RegisteredChild, type RegistryEntry, type RosterRecord } from './records.ts';

/** Deciding leads for one person (ADR 0006). Pure: asOf, packs and the hash are arguments. */

export interface MatchContext {
  asOf: PlainDate;
  packs: readonly PolicyPack[];
  hmac: KeyedHash;
}

/** An ID match whose names score below this raises a data-quality lead (one character off is 0.7). */
export const NAME_MISMATCH_THRESHOLD = 0.7;

const ALLOWANCES_EXCLUDED_BY_TEKUN = ['orphan-allowance', 'fuc-allowance'];

function summarize(d: Determination): DeterminationSummary {
  return { policy: d.policy, categories: d.categories, monthlyTotalFen: d.monthlyTotalFen };
}

/** The determination, or undefined when no policy pack covers the child (nothing to judge by). */
function tryEvaluate(facts: ChildFacts, ctx: MatchContext): Determination | undefined {
  try {
    return evaluate({ ...facts, asOf: ctx.asOf }, ctx.packs);
  } catch (e) {
    if (e instanceof AppError && e.code === ErrorCode.NOT_FOUND) return undefined;
    throw e;
  }
}

interface Draft {
  type: LeadType;
  rule: LeadRule;
  records: RosterRecord[];
  fileIds: string[];
  hukouRegion: string;
  suggestedChanges?: Lead['suggestedChanges'];
  determination?: Lead['determination'];
  scoreIfFuzzy?: number;
}

function finish(d: Draft, childKey: string, hmac: KeyedHash): Lead {
  const records = [...new Set(d.records)];
  // Optional members assigned, not spread in: V8's conditional-spread path costs per lead.
  const lead: Omit<Lead, 'dedupeKey'> & { dedupeKey?: string } = {
    type: d.type,
    rule: d.rule,
    title: leadTitle(d.rule),
    evidence: records.map((r) => r.source),
    fileIds: [...d.fileIds].sort(),
    childKey,
    hukouRegion: d.hukouRegion,
  };
  if (d.suggestedChanges) lead.suggestedChanges = d.suggestedChanges;
  if (d.determination) lead.determination = d.determination;
  if (d.scoreIfFuzzy !== undefined) lead.scoreIfFuzzy = d.scoreIfFuzzy;
  lead.dedupeKey = dedupeKey(
    {
      type: d.type,
      rule: d.rule,
      personKey: childKey,
      evidence: [...records.map((r) => r.contentKey), ...d.fileIds.map((f) => `file:${f}`)],
    },
    hmac,
  );
  return lead as Lead;
}

interface Step {
  record: RosterRecord;
  subject: Subject | 'household';
}

/** All evidence of a case in time order (stable: roster rows keep file order on equal dates). */
function steps(c: PersonCase): Step[] {
  const out: Step[] = [
    ...c.evidence.child.map((record) => ({ record, subject: 'child' as const })),
    ...c.evidence.household.map((record) => ({ record, subject: 'household' as const })),
    ...(['father', 'mother'] as const).flatMap((role) =>
      (c.evidence[role]?.records ?? []).map((record) => ({ record, subject: role })),
    ),
  ];
  return out.sort((a, b) => {
    const da = evidenceDate(a.record);
    const db = evidenceDate(b.record);
    return da < db ? -1 : da > db ? 1 : 0;
  });
}

/** The household rows that linked a parent, when the evidence is about that parent. */
function linksFor(c: PersonCase, subject: Step['subject']): RosterRecord[] {
  return subject === 'father' || subject === 'mother' ? c.evidence.links : [];
}

function applyAll(facts: ChildFacts, c: PersonCase, ctx: MatchContext, mode: 'review' | 'discover') {
  const changes: { change: FactChange; step: Step }[] = [];
  let died = false;
  for (const step of steps(c)) {
    const r = applyEvidence(facts, step.record, step.subject, ctx.asOf, mode);
    facts = r.facts;
    died ||= r.died === true;
    if (r.change) changes.push({ change: r.change, step });
  }
  return { facts, changes, died };
}

function reviewLeads(c: PersonCase, entry: RegistryEntry, ctx: MatchContext): Draft[] {
  const drafts: Draft[] = [];
  const base = { fileIds: [entry.fileId], hukouRegion: entry.facts.child.hukouRegion };
  const before = tryEvaluate(entry.facts, ctx);
  const { facts, changes, died } = applyAll(entry.facts, c, ctx, 'review');
  const after = died || facts === entry.facts ? undefined : tryEvaluate(facts, ctx);
  const summary = (): Lead['determination'] => {
    if (!before) return undefined;
    const now = summarize(before);
    if (died) return { before: now, after: { ...now, categories: [], monthlyTotalFen: 0 } };
    return after ? { before: now, after: summarize(after) } : undefined;
  };
  for (const { change, step } of changes) {
    // Written out rather than `{ ...base, more }`: V8's slow path for a spread then new members.
    const draft: Draft = {
      fileIds: base.fileIds,
      hukouRegion: base.hukouRegion,
      type: 'review',
      rule: change.rule,
      records: [step.record, ...linksFor(c, step.subject)],
      suggestedChanges: [change.change],
    };
    const determination = summary();
    if (determination) draft.determination = determination;
    drafts.push(draft);
  }
  const name = entry.facts.child.name;
  for (const r of c.evidence.child) {
    if (name === undefined || nameSimilarity(name, r.person.name) >= NAME_MISMATCH_THRESHOLD) continue;
    drafts.push({ ...base, type: 'data-quality', rule: 'data-quality.name-mismatch', records: [r] });
  }
  for (const { record, score } of c.fuzzy) {
    const rule = record.person.idValid ? 'data-quality.different-id' : 'data-quality.id-check-digit';
    drafts.push({ ...base, type: 'data-quality', rule, records: [record], scoreIfFuzzy: score });
  }
  const paid = before?.benefits.some((b) => ALLOWANCES_EXCLUDED_BY_TEKUN.includes(b.code)) ?? false;
  for (const r of c.evidence.child) {
    const d = r.data;
    const tekunNow = d.roster === 'assistance' && d.kind === 'tekun' && d.since <= ctx.asOf;
    if (!paid || !tekunNow || (d.until !== undefined && d.until <= ctx.asOf)) continue;
    drafts.push({ ...base, type: 'conflict', rule: 'conflict.tekun-and-allowance', records: [r] });
  }
  return drafts;
}

function duplicateFiles(c: PersonCase, ctx: MatchContext): Draft[] {
  if (c.registered.length < 2) return [];
  const paying = c.registered.filter((e) => (tryEvaluate(e.facts, ctx)?.monthlyTotalFen ?? 0) > 0);
  const counties = new Set(paying.map((e) => countyOf(e.region)));
  const first = c.registered[0] as RegistryEntry;
  return [
    {
      type: 'conflict',
      rule: counties.size > 1 ? 'conflict.paid-in-two-counties' : 'conflict.duplicate-file',
      records: [],
      fileIds: c.registered.map((e) => e.fileId),
      hukouRegion: first.facts.child.hukouRegion,
    },
  ];
}

function discoverLead(c: PersonCase, ctx: MatchContext): Draft[] {
  const person = c.person;
  if (person === undefined) return [];
  const skeleton: ChildFacts = {
    asOf: ctx.asOf,
    child: {
      name: person.name,
      birthDate: person.birthDate,
      hukouRegion: person.hukouRegion,
      residenceRegion: person.hukouRegion,
      hiv: false,
      placement: 'home',
      schooling: 'none',
      hardships: [],
      guardianshipHarm: [],
    },
    parents: [],
    household: { assistance: 'none', receivedMonthlyFen: 0 },
  };
  const { facts, changes, died } = applyAll(skeleton, c, ctx, 'discover');
  if (died || changes.length === 0) return [];
  const d = tryEvaluate(facts, ctx);
  const primary = DISCOVER_RULES.find((rule) => d?.categories.includes(rule.slice(9) as CategoryCode));
  if (d === undefined || primary === undefined) return [];
  const records = changes.flatMap(({ step }) => [step.record, ...linksFor(c, step.subject)]);
  return [
    {
      type: 'discover',
      rule: primary,
      records,
      fileIds: [],
      hukouRegion: facts.child.hukouRegion,
      suggestedChanges: changes.map(({ change }) => change.change),
      determination: { after: summarize(d) },
    },
  ];
}

/**
 * The leads for one person: discover for an unregistered child the evidence makes eligible;
 * review for each fact of a registered child the evidence changes; conflict for double files or
 * double benefits; data-quality for names and numbers that disagree. Fuzzy matches only ever
 * produce data-quality leads with a score; their rows are never applied to facts.
 */
export function decideLeads(c: PersonCase, ctx: MatchContext): Lead[] {
  const drafts =
    c.registered.length === 0
      ? discoverLead(c, ctx)
      : [...duplicateFiles(c, ctx), ...c.registered.flatMap((e) => reviewLeads(c, e, ctx))];
  const leads = drafts.map((d) => finish(d, c.childKey, ctx.hmac));
  const seen = new Set<string>();
  return leads.filter((l) => !seen.has(l.dedupeKey) && seen.add(l.dedupeKey));
}

export interface MatchInput extends MatchContext {
  registry: readonly RegisteredChild[];
  records: readonly RosterRecord[];
}

/** Cross-matches every roster record on file against the registry: all leads, in a stable order. */
export function matchRosters(input: MatchInput): Lead[] {
  const registry = input.registry.map((r) => toRegistryEntry(r, input.hmac));
  const cases = buildCases(registry, input.records, input.asOf, input.hmac);
  const leads = cases.flatMap((c) => decideLeads(c, input));
  return leads.sort((a, b) =>
    a.type !== b.type
      ? a.type < b.type
        ? -1
        : 1
      : a.dedupeKey < b.dedupeKey
        ? -1
        : a.dedupeKey > b.dedupeKey
          ? 1
          : 0,
  );
}
