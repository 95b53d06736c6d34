import { describe, expect, it } from 'vitest';
import { ChildFacts } from '../eligibility/facts.ts';
import {
  changedPaths,
  effectiveMonthOfChange,
  monthRange,
  versionKnownAt,
  type FactsDocument,
} from './fact-versions.ts';

const doc = (mother: object[]): FactsDocument => {
  const {
    asOf: _a,
    policy: _p,
    ...rest
  } = ChildFacts.parse({
    asOf: '2026-01-01',
    child: {
      idNumber: '640302201503120020',
      name: '马小花',
      hukouRegion: '640302106001',
      placement: 'kinship',
    },
    parents: [
      { role: 'father', conditions: [{ kind: 'deceased', since: '2019-05-01' }] },
      { role: 'mother', conditions: mother },
    ],
  });
  return rest;
};

describe('fact versions', () => {
  it('the version known at a time is the last one recorded at or before it', () => {
    const versions = [
      { version: 1, recordedAt: '2026-01-05T02:00:00.000Z' },
      { version: 2, recordedAt: '2026-03-01T02:00:00.000Z' },
    ];
    expect(versionKnownAt(versions, '2026-02-01T00:00:00Z')?.version).toBe(1);
    expect(versionKnownAt(versions, '2026-03-01T02:00:00Z')?.version).toBe(2);
    expect(versionKnownAt(versions, '2025-12-31T00:00:00Z')).toBeUndefined();
  });

  it('names the changed fields by role, never their values', () => {
    const a = doc([]);
    const b = doc([{ kind: 'imprisoned', since: '2024-03-01', until: '2031-03-01' }]);
    expect(changedPaths(a, b)).toEqual(['parents.mother.conditions']);
    expect(changedPaths(a, { ...a, child: { ...a.child, placement: 'institution' } })).toEqual([
      'child.placement',
    ]);
  });

  it('a correction takes effect from the month of the earliest date it touches', () => {
    const a = doc([{ kind: 'imprisoned', since: '2024-03-01', until: '2031-03-01' }]);
    const b = doc([{ kind: 'imprisoned', since: '2024-03-01', until: '2026-06-15' }]);
    expect(effectiveMonthOfChange(a, b)).toBe('2026-06');
    expect(effectiveMonthOfChange(doc([]), b)).toBe('2024-03');
    expect(effectiveMonthOfChange(a, { ...a, child: { ...a.child, placement: 'foster' } })).toBeUndefined();
  });

  it('month ranges are inclusive', () => {
    expect(monthRange('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthRange('2026-03', '2026-02')).toEqual([]);
  });
});
