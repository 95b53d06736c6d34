import { POLICY_PACKS } from '../../../policies/index.ts';
import { idCheckChar } from '../shared/id-number.ts';
import { loadPolicyPacks } from '../policy/validate.ts';
import { ChildFacts, type ChildFactsInput } from './facts.ts';

/** Test helpers: the shipped packs, and ChildFacts built from a few overrides. */
export const PACKS = loadPolicyPacks(POLICY_PACKS);

/** A valid ID number for a region and birth date (sequence 002: female). */
export function idFor(region: string, birthDate: string, sequence = '002'): string {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${sequence}`;
  return first17 + idCheckChar(first17);
}

type Condition = NonNullable<ChildFactsInput['parents']>[number]['conditions'];

export interface FactsOptions {
  asOf?: string;
  birthDate?: string;
  hukou?: string;
  father?: Condition;
  mother?: Condition;
  child?: Partial<ChildFactsInput['child']>;
  household?: ChildFactsInput['household'];
  policy?: string;
}

/** A Wuzhong (640302) child born 2015-03-12, evaluated on 2025-07-01, unless overridden. */
export function facts(o: FactsOptions = {}): ChildFacts {
  const parents: ChildFactsInput['parents'] = [];
  if (o.father) parents.push({ role: 'father', conditions: o.father });
  if (o.mother) parents.push({ role: 'mother', conditions: o.mother });
  return ChildFacts.parse({
    asOf: o.asOf ?? '2025-07-01',
    ...(o.policy !== undefined && { policy: o.policy }),
    child: {
      birthDate: o.birthDate ?? '2015-03-12',
      hukouRegion: o.hukou ?? '640302',
      placement: 'kinship',
      schooling: 'compulsory',
      ...o.child,
    },
    parents,
    ...(o.household && { household: o.household }),
  });
}

export const dead = (since = '2019-05-01') => ({ kind: 'deceased' as const, since });
