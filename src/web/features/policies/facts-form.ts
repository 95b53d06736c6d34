/**
 * The 政策测算 form and the ChildFacts contract (interchange.md §1): the form mirrors the JSON so
 * a server issue path (`parents[0].conditions[1].since`) names a form field, with two
 * differences — the two parents have fixed slots (father, mother) and money is typed in yuan.
 */
import type { ChildFactsInput } from '../../../domain/eligibility/facts.ts';
import type {
  DisabilityKind,
  GuardianshipHarm,
  HardshipKind,
  ParentConditionKind,
  Placement,
  Schooling,
} from '../../../domain/eligibility/codes.ts';
import { fenToYuanString, parseYuan } from '../../../domain/shared/money.ts';
import { toSixDigits } from '../../../domain/shared/region-code.ts';

export type ParentRole = 'father' | 'mother';
export const PARENT_ROLES: readonly ParentRole[] = ['father', 'mother'];
export const PARENT_ROLE_LABELS: Record<ParentRole, string> = { father: '父亲', mother: '母亲' };

type Assistance = 'dibao' | 'tekun' | 'dibao-edge' | 'none';

export interface DisabilityValues {
  kind?: DisabilityKind;
  grade?: number;
}

export interface ConditionValues {
  kind?: ParentConditionKind;
  since?: string;
  until?: string;
  illness?: string;
  disability?: DisabilityValues;
}

/** A 临时困境 event: kind, start and (optional) end. */
export interface HardshipValues {
  kind?: HardshipKind;
  since?: string;
  until?: string;
}

export interface ParentValues {
  idNumber?: string;
  conditions?: ConditionValues[];
}

export interface FactsFormValues {
  asOf?: string;
  /** Empty: the server picks the pack of the child's 户籍地. */
  policy?: string;
  child: {
    idNumber?: string;
    name?: string;
    /** Typed only when there is no ID number; otherwise derived from it. */
    birthDate?: string;
    hukouRegion?: string;
    residenceRegion?: string;
    residentSince?: string;
    placement?: Placement;
    schooling?: Schooling;
    hiv?: boolean;
    disability?: DisabilityValues;
    seriousIllness?: string;
    hardships?: HardshipValues[];
    guardianshipHarm?: GuardianshipHarm[];
  };
  /** Always two slots: [father, mother]. */
  parents: ParentValues[];
  household: { assistance?: Assistance; receivedYuan?: string };
}

export function defaultFactsValues(today: string, jurisdiction: string): FactsFormValues {
  const region = jurisdiction === '' ? undefined : jurisdiction;
  return {
    asOf: today,
    child: { hukouRegion: region, residenceRegion: region, placement: 'home', schooling: 'none', hiv: false },
    parents: [{ conditions: [] }, { conditions: [] }],
    household: { assistance: 'none', receivedYuan: '0' },
  };
}

const text = (s: string | undefined): string | undefined => {
  const t = s?.trim();
  return t ? t : undefined;
};

/** The picker returns normalised codes (6403); the contract wants 6, 9 or 12 digits (640300). */
const regionCode = (code: string | undefined) =>
  code ? (code.length < 6 ? toSixDigits(code) : code) : undefined;

const disability = (d: DisabilityValues | undefined) =>
  d?.kind ? { kind: d.kind, grade: d.grade as number } : undefined;

/**
 * Form values → ChildFacts. A parent with neither an ID number nor a condition is left out (a
 * missing entry means nothing recorded); `roles` tells which slot each sent entry came from.
 */
export function toChildFacts(v: FactsFormValues): { facts: ChildFactsInput; roles: ParentRole[] } {
  const c = v.child;
  const idNumber = text(c.idNumber);
  const roles: ParentRole[] = [];
  const parents: NonNullable<ChildFactsInput['parents']> = [];
  PARENT_ROLES.forEach((role, slot) => {
    const p = v.parents[slot];
    const pid = text(p?.idNumber);
    const conditions = (p?.conditions ?? []).map((x) => ({
      kind: x.kind as ParentConditionKind,
      ...(x.since && { since: x.since }),
      ...(x.until && { until: x.until }),
      ...(x.kind === 'serious-illness' && text(x.illness) && { illness: text(x.illness) }),
      ...(x.kind === 'severe-disability' &&
        disability(x.disability) && { disability: disability(x.disability) }),
    }));
    if (pid === undefined && conditions.length === 0) return;
    roles.push(role);
    parents.push({ role, ...(pid && { idNumber: pid }), conditions });
  });
  const hardships = (c.hardships ?? [])
    .filter((h) => h.kind && h.since)
    .map((h) => ({
      kind: h.kind as HardshipKind,
      since: h.since as string,
      ...(h.until && { until: h.until }),
    }));
  const harms = c.guardianshipHarm ?? [];
  const facts: ChildFactsInput = {
    asOf: v.asOf ?? '',
    ...(v.policy && { policy: v.policy }),
    child: {
      ...(idNumber && { idNumber }),
      ...(text(c.name) && { name: text(c.name) }),
      ...(!idNumber && c.birthDate && { birthDate: c.birthDate }),
      hukouRegion: regionCode(c.hukouRegion) ?? '',
      ...(c.residenceRegion && { residenceRegion: regionCode(c.residenceRegion) }),
      ...(c.residentSince && { residentSince: c.residentSince }),
      hiv: c.hiv ?? false,
      placement: c.placement ?? 'home',
      schooling: c.schooling ?? 'none',
      ...(disability(c.disability) && { disability: disability(c.disability) }),
      ...(text(c.seriousIllness) && { seriousIllness: text(c.seriousIllness) }),
      ...(hardships.length > 0 && { hardships }),
      ...(harms.length > 0 && { guardianshipHarm: [...harms] }),
    },
    parents,
    household: {
      assistance: v.household.assistance ?? 'none',
      receivedMonthlyFen: parseYuan(v.household.receivedYuan ?? '') ?? 0,
    },
  };
  return { facts, roles };
}

interface FactsLike {
  asOf: string;
  policy?: string;
  child: Record<string, unknown>;
  parents?: readonly { role: string; idNumber?: string; conditions?: readonly Record<string, unknown>[] }[];
  household?: { assistance?: string; receivedMonthlyFen?: number };
}

/** ChildFacts JSON → form values (载入示例, or facts pasted from elsewhere). */
export function fromChildFacts(f: FactsLike): FactsFormValues {
  const slot = (role: ParentRole): ParentValues => {
    const p = f.parents?.find((x) => x.role === role);
    return {
      ...(p?.idNumber && { idNumber: p.idNumber }),
      conditions: (p?.conditions ?? []).map((c) => ({ ...c }) as ConditionValues),
    };
  };
  const child = f.child as FactsFormValues['child'] & { idNumber?: string };
  return {
    asOf: f.asOf,
    ...(f.policy && { policy: f.policy }),
    child: {
      ...child,
      residenceRegion: child.residenceRegion ?? child.hukouRegion,
      hiv: child.hiv ?? false,
      placement: child.placement ?? 'home',
      schooling: child.schooling ?? 'none',
    },
    parents: PARENT_ROLES.map(slot),
    household: {
      assistance: (f.household?.assistance ?? 'none') as Assistance,
      receivedYuan: fenToYuanString(f.household?.receivedMonthlyFen ?? 0),
    },
  };
}

/** Yuan typed by the user: at most two decimals, not negative. */
export function isYuanAmount(s: string | undefined): boolean {
  const fen = parseYuan(s ?? '');
  return fen !== undefined && fen >= 0;
}
