/**
 * The application form's values ↔ the facts document the server expects (ChildFacts of
 * interchange.md §1 without asOf/policy). Pure, so it is tested without a browser.
 */
import { parseIdNumber } from '../../../domain/shared/id-number.ts';
import { parseYuan } from '../../../domain/shared/money.ts';
import type { FactsDocument, ParentCondition } from '../children/children.api.ts';

/** Dates leave the form as YYYY-MM-DD strings (the pickers' dayjs values are formatted first). */
export interface ConditionValues {
  kind?: string;
  since?: string;
  until?: string;
  disabilityKind?: string;
  disabilityGrade?: number;
  illness?: string;
}

export interface ParentValues {
  idNumber?: string;
  conditions?: ConditionValues[];
}

export interface ChildFormValues {
  name: string;
  idNumber?: string;
  birthDate?: string;
  sex?: 'male' | 'female';
  hukouRegion: string;
  residenceRegion?: string;
  residentSince?: string;
  placement: string;
  schooling: string;
  hiv?: boolean;
  disabilityKind?: string;
  disabilityGrade?: number;
  seriousIllness?: string;
  father?: ParentValues;
  mother?: ParentValues;
  assistance: string;
  receivedYuan?: string;
}

const clean = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());

/** Birth date and sex read from a valid ID number, to fill the form. */
export function fromIdNumber(
  raw: string | undefined,
): { birthDate: string; sex: 'male' | 'female' } | undefined {
  const id = clean(raw);
  if (!id) return undefined;
  const r = parseIdNumber(id);
  return r.ok ? { birthDate: r.value.birthDate, sex: r.value.sex } : undefined;
}

function condition(c: ConditionValues): ParentCondition | undefined {
  if (!c.kind) return undefined;
  return {
    kind: c.kind,
    ...(c.since ? { since: c.since } : {}),
    ...(c.until ? { until: c.until } : {}),
    ...(c.kind === 'severe-disability' && c.disabilityKind && c.disabilityGrade
      ? { disability: { kind: c.disabilityKind, grade: c.disabilityGrade } }
      : {}),
    ...(c.kind === 'serious-illness' && clean(c.illness) ? { illness: clean(c.illness) } : {}),
  };
}

function parent(role: 'father' | 'mother', p: ParentValues | undefined) {
  const conditions = (p?.conditions ?? [])
    .map(condition)
    .filter((c): c is ParentCondition => c !== undefined);
  const idNumber = clean(p?.idNumber);
  if (!idNumber && conditions.length === 0) return [];
  return [{ role, ...(idNumber ? { idNumber } : {}), conditions }];
}

/** The parents part of the document from the form's father/mother sections. */
export function toParents(
  father: ParentValues | undefined,
  mother: ParentValues | undefined,
): FactsDocument['parents'] {
  return [...parent('father', father), ...parent('mother', mother)];
}

/** The form's father/mother sections from a stored document (to edit them). */
export function fromParents(parents: FactsDocument['parents']): {
  father: ParentValues;
  mother: ParentValues;
} {
  const values = (role: 'father' | 'mother'): ParentValues => {
    const p = parents.find((x) => x.role === role);
    return {
      ...(p?.idNumber ? { idNumber: p.idNumber } : {}),
      conditions: (p?.conditions ?? []).map((c) => ({
        kind: c.kind,
        ...(c.since ? { since: c.since } : {}),
        ...(c.until ? { until: c.until } : {}),
        ...(c.disability ? { disabilityKind: c.disability.kind, disabilityGrade: c.disability.grade } : {}),
        ...(c.illness ? { illness: c.illness } : {}),
      })),
    };
  };
  return { father: values('father'), mother: values('mother') };
}

export function toFactsDocument(v: ChildFormValues): FactsDocument {
  const idNumber = clean(v.idNumber);
  return {
    child: {
      ...(idNumber ? { idNumber } : {}),
      name: v.name.trim(),
      birthDate: (idNumber ? fromIdNumber(idNumber)?.birthDate : undefined) ?? v.birthDate ?? '',
      hukouRegion: v.hukouRegion,
      residenceRegion: v.residenceRegion || v.hukouRegion,
      ...(v.residentSince ? { residentSince: v.residentSince } : {}),
      hiv: v.hiv ?? false,
      placement: v.placement,
      schooling: v.schooling,
      ...(v.disabilityKind && v.disabilityGrade
        ? { disability: { kind: v.disabilityKind, grade: v.disabilityGrade } }
        : {}),
      ...(clean(v.seriousIllness) ? { seriousIllness: clean(v.seriousIllness) } : {}),
    },
    parents: toParents(v.father, v.mother),
    household: { assistance: v.assistance, receivedMonthlyFen: parseYuan(v.receivedYuan ?? '') ?? 0 },
  };
}

const FIELD_OF_CHILD_PATH: Record<string, string> = {
  idNumber: 'idNumber',
  name: 'name',
  birthDate: 'birthDate',
  hukouRegion: 'hukouRegion',
  residenceRegion: 'residenceRegion',
  residentSince: 'residentSince',
};

/** Where a server issue belongs in the form (`child.facts.child.idNumber` → `idNumber`). */
export function formFieldOf(path: string, doc: FactsDocument): (string | number)[] | undefined {
  const parts = path.split('.').filter((p) => p !== 'body');
  const i = parts.indexOf('facts');
  const rest = i >= 0 ? parts.slice(i + 1) : parts;
  if (rest[0] === 'child' && rest[1] && FIELD_OF_CHILD_PATH[rest[1]]) return [FIELD_OF_CHILD_PATH[rest[1]]!];
  if (rest[0] === 'parents' && rest[1] !== undefined) {
    const role = doc.parents[Number(rest[1])]?.role;
    if (!role) return undefined;
    if (rest[2] === 'idNumber') return [role, 'idNumber'];
    if (rest[2] === 'conditions' && rest[3] !== undefined && rest[4])
      return [role, 'conditions', Number(rest[3]), rest[4]];
  }
  if (parts[0] === 'sex') return ['sex'];
  return undefined;
}
