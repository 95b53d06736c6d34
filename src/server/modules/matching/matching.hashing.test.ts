import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeyedRecord } from '../../../domain/matching/records.ts';
import { storedRecordJson } from './matching.hashing.ts';
import { keyedHash } from './matching.keys.ts';
import { recordOf } from './matching.repo.ts';

const absent = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

describe('the stored record', () => {
  it('is the JSON of { data without roster, person: { name, idValid, sex, idRegion } }, whatever is absent', () => {
    // Any UTF-16 code unit: quotes, backslashes, controls and lone surrogates are escaped.
    const text = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
    );
    const record = fc.record({
      // With the roster type first, as the domain builds it, or anywhere, or not at all.
      data: fc
        .tuple(
          fc.dictionary(text, fc.oneof(text, fc.jsonValue())),
          absent(fc.constantFrom('death', 'household')),
        )
        .map(([d, roster]) => (roster === undefined ? d : { roster, ...d })),
      person: fc.record({
        name: text,
        idValid: fc.boolean(),
        birthDate: absent(text),
        sex: absent(fc.constantFrom('male', 'female')),
        idRegion: absent(text),
        // Kept in columns, never in the stored record.
        idKey: absent(fc.string()),
        nameBirthKey: absent(fc.string()),
      }),
    });
    fc.assert(
      fc.property(record, (r) => {
        const { name, idValid, sex, idRegion } = r.person;
        const { roster: _inColumn, ...data } = r.data;
        const expected = JSON.stringify({ data, person: { name, idValid, sex, idRegion } });
        expect(storedRecordJson(r as unknown as KeyedRecord)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('comes back whole through recordOf, with the roster type and birth date from their columns', () => {
    const date = fc
      .tuple(
        fc.integer({ min: 1900, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
      )
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    const record = fc.record({
      data: fc.record({ roster: fc.constantFrom('death', 'custody'), deathDate: date, note: fc.string() }),
      person: fc.record({
        name: fc.string(),
        idValid: fc.boolean(),
        birthDate: absent(date),
        sex: absent(fc.constantFrom('male', 'female')),
        idRegion: absent(fc.string()),
      }),
    });
    fc.assert(
      fc.property(record, fc.option(fc.stringMatching(/^[0-9a-f]{64}$/), { nil: null }), (r, idKey) => {
        const stored = storedRecordJson(r as unknown as KeyedRecord);
        const back = recordOf(
          {
            roster_id: 'b1',
            roster_type: r.data.roster,
            row_number: 7,
            id_key: idKey,
            name_birth_key: null,
            head_id_key: null,
            content_key: 'c'.repeat(64),
            birth_date: r.person.birthDate ?? null,
            record: stored,
          },
          keyedHash('unused: the content key is given'),
        );
        const person = JSON.parse(JSON.stringify(r.person)) as Record<string, unknown>;
        if (idKey !== null) person.idKey = idKey;
        expect(back).toEqual({
          data: r.data,
          person,
          source: { roster: r.data.roster, rowNumber: 7, batch: 'b1' },
          contentKey: 'c'.repeat(64),
        });
        // In the order the record had: roster first, birth date after idValid.
        expect(Object.keys(back.data)[0]).toBe('roster');
        expect(JSON.stringify(back.person)).toBe(JSON.stringify(person));
      }),
      { numRuns: 300 },
    );
  });
});
