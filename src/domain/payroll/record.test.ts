import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.ts';
import { factsKnownAt, PayrollRecord } from './record.ts';
import { doc, FUC, prison, record } from './test-support.ts';

describe('payroll record: facts as known at a time', () => {
  const r = record({
    ...FUC,
    versions: [
      ['2025-04-10T00:00:00Z', { mother: [prison('2020-01-01', '2025-02-01')] }],
      ['2025-06-01T00:00:00+08:00', { mother: [prison('2020-01-01', '2025-03-01')] }],
    ],
  });
  const until = (knownAt: string) => factsKnownAt(r, knownAt)?.parents[1]?.conditions[0]?.until;

  it('the latest version recorded at or before the instant is the one known', () => {
    expect(until('2025-04-09T23:59:59Z')).toBe('2032-01-01');
    expect(until('2025-04-10T00:00:00Z')).toBe('2025-02-01');
    expect(until('2025-05-31T15:59:59Z')).toBe('2025-02-01');
    // 2025-06-01T00:00+08:00 is 2025-05-31T16:00Z: instants compare across offsets.
    expect(until('2025-05-31T16:00:00Z')).toBe('2025-03-01');
  });

  it('nothing is known before the first version', () => {
    expect(factsKnownAt(r, '2024-01-01T00:00:00Z')).toBeUndefined();
  });

  it('a malformed instant is a validation error, not a silent miss', () => {
    expect(() => factsKnownAt(r, '2025-04-10')).toThrow(AppError);
  });

  it('facts are checked with the ChildFacts schema, with the path of the bad field', () => {
    const bad = PayrollRecord.safeParse({
      childId: 'c1',
      hukouRegion: '640302',
      confirmedOn: '2020-01-01',
      factVersions: [{ recordedAt: '2025-01-01T00:00:00Z', facts: doc({ idNumber: '640302201503120021' }) }],
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['factVersions', 0, 'facts', 'child', 'idNumber']);
  });
});
