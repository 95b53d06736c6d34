import type { ExitReason } from '../eligibility/codes.ts';
import type { ChildFacts, ParentCondition, ParentFacts, ParentRole } from '../eligibility/facts.ts';
import type { PlainDate } from '../shared/dates.ts';
import type { RosterRecord } from './records.ts';

/**
 * Applying one piece of roster evidence to a child's facts, as of a date (ADR 0006). Each
 * application says what changed, so a registered child's changes become review leads and an
 * unregistered child's assembled facts can be evaluated. Evidence dated after `asOf` is ignored.
 */

export const REVIEW_RULES = {
  'review.parent-released': '父（母）已释放',
  'review.parent-died': '父（母）死亡',
  'review.parent-custody': '父（母）服刑在押、强制隔离戒毒或被限制人身自由',
  'review.parent-disability': '父（母）持有残疾人证',
  'review.parent-disability-cancelled': '父（母）残疾人证已注销',
  'review.child-died': '儿童死亡',
  'review.child-adopted': '儿童已被依法收养',
  'review.moved-county': '儿童居住地跨县（市、区）变动',
  'review.hukou-moved': '儿童户籍迁至其他县（市、区）',
  'review.left-school': '儿童辍学或毕业',
  'review.disability-changed': '儿童持有（变更）残疾人证',
  'review.disability-cancelled': '儿童残疾人证已注销',
  'review.assistance-started': '家庭享受低保、特困或低保边缘救助',
  'review.assistance-ended': '家庭低保、特困或低保边缘救助已终止',
} as const;
export type ReviewRule = keyof typeof REVIEW_RULES;

/** What a lead proposes to record; never applied by matching itself. */
export type SuggestedChange =
  | { op: 'set'; path: string; from?: unknown; to: unknown }
  | { op: 'add-condition'; parent: ParentRole; condition: ParentCondition }
  | {
      op: 'end-condition';
      parent: ParentRole;
      kind: ParentCondition['kind'];
      since?: PlainDate;
      until: PlainDate;
    }
  | { op: 'exit'; reason: ExitReason; date: PlainDate };

export interface FactChange {
  rule: ReviewRule;
  change: SuggestedChange;
}

export type Subject = 'child' | ParentRole;

/** How evidence is read: `discover` also fills in facts a review would not report (在读 stage). */
export type ApplyMode = 'review' | 'discover';

export interface Applied {
  facts: ChildFacts;
  change?: FactChange;
  died?: boolean;
}

const inForceOn = (c: ParentCondition, date: PlainDate) =>
  (c.since === undefined || c.since <= date) && (c.until === undefined || date < c.until);

/** County part of a normalised division code (a city-level code is its own "county"). */
export const countyOf = (code: string) => code.slice(0, 6);

function parentOf(facts: ChildFacts, role: ParentRole): ParentFacts {
  return facts.parents.find((p) => p.role === role) ?? { role, conditions: [] };
}

function withParent(facts: ChildFacts, parent: ParentFacts): ChildFacts {
  const others = facts.parents.filter((p) => p.role !== parent.role);
  const parents = [...others, parent].sort((a, b) => (a.role < b.role ? -1 : 1));
  return { ...facts, parents };
}

function addCondition(
  facts: ChildFacts,
  role: ParentRole,
  condition: ParentCondition,
  rule: ReviewRule,
): Applied {
  const p = parentOf(facts, role);
  return {
    facts: withParent(facts, { ...p, conditions: [...p.conditions, condition] }),
    change: { rule, change: { op: 'add-condition', parent: role, condition } },
  };
}

function endCondition(
  facts: ChildFacts,
  role: ParentRole,
  match: (c: ParentCondition) => boolean,
  until: PlainDate,
  rule: ReviewRule,
): Applied {
  const p = parentOf(facts, role);
  const i = p.conditions.findIndex(
    (c) =>
      match(c) && (c.since === undefined || c.since < until) && (c.until === undefined || until < c.until),
  );
  const old = p.conditions[i];
  if (old === undefined) return { facts };
  const conditions = p.conditions.map((c, j) => (j === i ? { ...c, until } : c));
  return {
    facts: withParent(facts, { ...p, conditions }),
    change: {
      rule,
      change: {
        op: 'end-condition',
        parent: role,
        kind: old.kind,
        ...(old.since && { since: old.since }),
        until,
      },
    },
  };
}

function applyToParent(facts: ChildFacts, role: ParentRole, r: RosterRecord, asOf: PlainDate): Applied {
  const d = r.data;
  const p = parentOf(facts, role);
  switch (d.roster) {
    case 'death': {
      if (d.deathDate > asOf) return { facts };
      if (p.conditions.some((c) => c.kind === 'deceased' || c.kind === 'declared-dead')) return { facts };
      return addCondition(facts, role, { kind: 'deceased', since: d.deathDate }, 'review.parent-died');
    }
    case 'custody': {
      if (d.since > asOf) return { facts };
      const sameKind = (c: ParentCondition) => c.kind === d.kind;
      if (d.actualRelease !== undefined && d.actualRelease <= asOf) {
        return endCondition(facts, role, sameKind, d.actualRelease, 'review.parent-released');
      }
      if (p.conditions.some((c) => sameKind(c) && inForceOn(c, asOf))) return { facts };
      const until = d.actualRelease ?? d.expectedRelease;
      const condition: ParentCondition = {
        kind: d.kind,
        since: d.since,
        ...(until && until > d.since && { until }),
      };
      return addCondition(facts, role, condition, 'review.parent-custody');
    }
    case 'disability': {
      const severe = (c: ParentCondition) => c.kind === 'severe-disability';
      if (d.cancelledDate !== undefined && d.cancelledDate <= asOf) {
        return endCondition(facts, role, severe, d.cancelledDate, 'review.parent-disability-cancelled');
      }
      if (d.issuedDate > asOf || p.conditions.some((c) => severe(c) && inForceOn(c, asOf))) return { facts };
      const condition: ParentCondition = {
        kind: 'severe-disability',
        since: d.issuedDate,
        disability: d.disability,
        ...(d.cancelledDate && { until: d.cancelledDate }),
      };
      return addCondition(facts, role, condition, 'review.parent-disability');
    }
    default:
      return { facts };
  }
}

const set = (path: string, from: unknown, to: unknown): SuggestedChange => ({
  op: 'set',
  path,
  ...(from !== undefined && { from }),
  to,
});

/** Assistance evidence: `own` when the row is the child's, else the household's. */
function applyAssistance(facts: ChildFacts, r: RosterRecord, asOf: PlainDate, own: boolean): Applied {
  const d = r.data;
  if (d.roster !== 'assistance' || d.since > asOf) return { facts };
  const h = facts.household;
  if (d.until !== undefined && d.until <= asOf) {
    if (h.assistance !== d.kind) return { facts };
    return {
      facts: { ...facts, household: { assistance: 'none', receivedMonthlyFen: 0 } },
      change: { rule: 'review.assistance-ended', change: set('household.assistance', h.assistance, 'none') },
    };
  }
  if (h.assistance === d.kind) return { facts };
  const received = own ? d.monthlyFen : h.receivedMonthlyFen;
  return {
    facts: { ...facts, household: { assistance: d.kind, receivedMonthlyFen: received } },
    change: { rule: 'review.assistance-started', change: set('household.assistance', h.assistance, d.kind) },
  };
}

function applyToChild(facts: ChildFacts, r: RosterRecord, asOf: PlainDate, mode: ApplyMode): Applied {
  const d = r.data;
  const c = facts.child;
  const child = (patch: Partial<ChildFacts['child']>) => ({ ...facts, child: { ...c, ...patch } });
  switch (d.roster) {
    case 'death':
      if (d.deathDate > asOf) return { facts };
      return {
        facts,
        died: true,
        change: { rule: 'review.child-died', change: { op: 'exit', reason: 'died', date: d.deathDate } },
      };
    case 'adoption':
      if (d.adoptionDate > asOf || c.placement === 'adopted') return { facts };
      return {
        facts: child({ placement: 'adopted' }),
        change: { rule: 'review.child-adopted', change: set('child.placement', c.placement, 'adopted') },
      };
    case 'disability': {
      if (d.cancelledDate !== undefined && d.cancelledDate <= asOf) {
        if (c.disability === undefined) return { facts };
        const { disability: _gone, ...rest } = c;
        return {
          facts: { ...facts, child: rest },
          change: {
            rule: 'review.disability-cancelled',
            change: set('child.disability', c.disability, null),
          },
        };
      }
      const same = c.disability?.kind === d.disability.kind && c.disability.grade === d.disability.grade;
      if (d.issuedDate > asOf || same) return { facts };
      return {
        facts: child({ disability: d.disability }),
        change: {
          rule: 'review.disability-changed',
          change: set('child.disability', c.disability, d.disability),
        },
      };
    }
    case 'assistance':
      return applyAssistance(facts, r, asOf, true);
    case 'residence':
      if (d.since > asOf || countyOf(d.residenceRegion) === countyOf(c.residenceRegion)) return { facts };
      return {
        facts: child({ residenceRegion: d.residenceRegion, residentSince: d.since }),
        change: {
          rule: 'review.moved-county',
          change: set('child.residenceRegion', c.residenceRegion, d.residenceRegion),
        },
      };
    case 'household':
      if (countyOf(d.hukouRegion) === countyOf(c.hukouRegion)) return { facts };
      return {
        facts: child({ hukouRegion: d.hukouRegion }),
        change: {
          rule: 'review.hukou-moved',
          change: set('child.hukouRegion', c.hukouRegion, d.hukouRegion),
        },
      };
    case 'school': {
      if (d.statusDate > asOf) return { facts };
      const left = d.status === 'dropped-out' || d.status === 'graduated';
      if (left && c.schooling !== 'none') {
        return {
          facts: child({ schooling: 'none' }),
          change: { rule: 'review.left-school', change: set('child.schooling', c.schooling, 'none') },
        };
      }
      const enrolled = d.status === 'enrolled' || d.status === 'suspended';
      return mode === 'discover' && enrolled ? { facts: child({ schooling: d.schooling }) } : { facts };
    }
    default:
      return { facts };
  }
}

/** Applies one record about the child, a parent, or (assistance) the child's household. */
export function applyEvidence(
  facts: ChildFacts,
  record: RosterRecord,
  subject: Subject | 'household',
  asOf: PlainDate,
  mode: ApplyMode = 'review',
): Applied {
  if (subject === 'child') return applyToChild(facts, record, asOf, mode);
  if (subject === 'household') return applyAssistance(facts, record, asOf, false);
  return applyToParent(facts, subject, record, asOf);
}

/** The date a record speaks of, to apply a person's evidence in time order. */
export function evidenceDate(r: RosterRecord): PlainDate {
  const d = r.data;
  switch (d.roster) {
    case 'death':
      return d.deathDate;
    case 'custody':
      return d.actualRelease ?? d.since;
    case 'disability':
      return d.cancelledDate ?? d.issuedDate;
    case 'assistance':
      return d.until ?? d.since;
    case 'school':
      return d.statusDate;
    case 'adoption':
      return d.adoptionDate;
    case 'residence':
      return d.since;
    case 'household':
      return '0000-01-01';
  }
}
