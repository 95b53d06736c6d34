import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../shared/dates.ts';
import { AS_OF, REGISTRY, allRecords } from './leads.fixture.ts';
import { matchRosters } from './leads.ts';
import { toRosterRecord, type RosterRecord } from './records.ts';
import { parseRosterRow } from './roster-columns.ts';
import { PACKS, badId, hmac, idFor } from './test-support.ts';

const death = (name: string, idNumber: string) => {
  const r = parseRosterRow('death', { 姓名: name, 公民身份号码: idNumber, 死亡日期: '2025-05-01' });
  if (!r.ok) throw new Error('bad row');
  return r.row;
};
const source = { roster: 'death', rowNumber: 2, batch: 'b' } as const;

describe('name + birth keys only where a registered child can be met (RecordOptions.nameKeyFrom)', () => {
  it('a row with a valid ID born before the bound gets no name key; on or after it, it does', () => {
    const old = toRosterRecord(death('马大海', idFor('640302', '1960-03-01')), source, hmac, {
      nameKeyFrom: '2007-07-02',
    });
    expect(old.person.idKey).toBeDefined();
    expect(old.person.nameBirthKey).toBeUndefined();
    const young = toRosterRecord(death('马小花', idFor('640302', '2007-07-02')), source, hmac, {
      nameKeyFrom: '2007-07-02',
    });
    expect(young.person.nameBirthKey).toBeDefined();
  });

  it('a row whose ID fails its check always gets its name key: it is the only way to find it', () => {
    const r = toRosterRecord(death('马大海', badId('640302', '1960-03-01')), source, hmac, {
      nameKeyFrom: '2007-07-02',
    });
    expect(r.person.idValid).toBe(false);
    expect(r.person.nameBirthKey).toBeDefined();
  });

  it('no lead changes for any bound on or before the earliest registered birth date', () => {
    const earliest = REGISTRY.map((c) => c.facts.child.birthDate).sort()[0]!;
    const all = allRecords();
    const expected = matchRosters({ registry: REGISTRY, records: all, asOf: AS_OF, packs: PACKS, hmac })
      .map((l) => l.dedupeKey)
      .sort();
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 * 365 }), (daysBefore) => {
        const bound = addDays(earliest, -daysBefore);
        // What intake stores under the bound: keys dropped exactly where toRosterRecord drops them.
        const stored = all.map((r): RosterRecord => {
          const skip = r.person.idValid && (r.person.birthDate ?? '') < bound;
          if (!skip) return r;
          const { nameBirthKey: _n, ...person } = r.person;
          return { ...r, person };
        });
        const leads = matchRosters({ registry: REGISTRY, records: stored, asOf: AS_OF, packs: PACKS, hmac });
        expect(leads.map((l) => l.dedupeKey).sort()).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});
