import { dead, idFor, PACKS } from '../eligibility/test-support.ts';
import type { ChildFactsInput } from '../eligibility/facts.ts';
import { PolicyPack, type PolicyPackInput } from '../policy/pack.ts';
import { PayrollRecord, type FactsDocumentInput, type PayrollRecordInput } from './record.ts';

/** Test helpers: payroll records of 吴忠 (640302) children built from a few overrides. */
export { dead, idFor, PACKS };

type Conditions = NonNullable<ChildFactsInput['parents']>[number]['conditions'];

export interface DocOptions {
  birthDate?: string;
  idNumber?: string;
  hukou?: string;
  father?: Conditions;
  mother?: Conditions;
  child?: Partial<ChildFactsInput['child']>;
  household?: ChildFactsInput['household'];
}

export const prison = (since: string, until?: string) => ({
  kind: 'imprisoned' as const,
  since,
  ...(until !== undefined && { until }),
});

/** Father dead, mother imprisoned 2020–2032: 事实无人抚养儿童. */
export const FUC = { father: [dead()], mother: [prison('2020-01-01', '2032-01-01')] };
/** Both parents dead: 孤儿. */
export const ORPHAN = { father: [dead()], mother: [dead('2021-03-15')] };

/** A facts document: a kinship-placed child in compulsory school, born 2015-03-12. */
export function doc(o: DocOptions = {}): FactsDocumentInput {
  const parents: NonNullable<ChildFactsInput['parents']> = [];
  if (o.father) parents.push({ role: 'father', conditions: o.father });
  if (o.mother) parents.push({ role: 'mother', conditions: o.mother });
  return {
    child: {
      ...(o.idNumber !== undefined ? { idNumber: o.idNumber } : { birthDate: o.birthDate ?? '2015-03-12' }),
      hukouRegion: o.hukou ?? '640302100',
      placement: 'kinship',
      schooling: 'compulsory',
      ...o.child,
    },
    parents,
    ...(o.household && { household: o.household }),
  };
}

export const T2024 = '2024-12-01T00:00:00Z';

export interface RecordOptions extends DocOptions {
  childId?: string;
  confirmedOn?: string;
  /** Later versions: [recordedAt, options] applied over the base options. */
  versions?: [string, DocOptions][];
  exit?: PayrollRecordInput['exit'];
}

/** A payroll record whose first fact version was recorded at T2024. */
export function record(o: RecordOptions = {}): PayrollRecord {
  const factVersions = [
    { recordedAt: T2024, facts: doc(o) },
    ...(o.versions ?? []).map(([recordedAt, v]) => ({ recordedAt, facts: doc({ ...o, ...v }) })),
  ];
  return PayrollRecord.parse({
    childId: o.childId ?? 'c1',
    hukouRegion: o.hukou ?? '640302100',
    confirmedOn: o.confirmedOn ?? '2020-06-15',
    factVersions,
    ...(o.exit && { exit: o.exit }),
  } satisfies PayrollRecordInput);
}

/** The shipped packs plus extra (e.g. a retroactive standard raise). */
export function packsWith(...extra: PolicyPackInput[]): PolicyPack[] {
  return [...PACKS, ...extra.map((p) => PolicyPack.parse(p))];
}

/** "YYYY-MM" for every month from `from` to `to`, inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let y = Number(from.slice(0, 4)), m = Number(from.slice(5, 7)); ; m++) {
    if (m > 12) {
      y += 1;
      m = 1;
    }
    const ym = `${y}-${String(m).padStart(2, '0')}`;
    if (ym > to) return out;
    out.push(ym);
  }
}
