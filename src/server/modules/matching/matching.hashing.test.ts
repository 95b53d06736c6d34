import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KeyedRecord } from '../../../domain/matching/records.ts';
import { storedRecordJson } from './matching.hashing.ts';

describe('the stored record', () => {
  it('is the JSON of { data, person: { name, idValid, birthDate, sex, idRegion } }, whatever is absent', () => {
    const absent = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    // Any UTF-16 code unit: quotes, backslashes, controls and lone surrogates are escaped.
    const text = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
    );
    const record = fc.record({
      data: fc.dictionary(text, fc.oneof(text, fc.jsonValue())),
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
        const { name, idValid, birthDate, sex, idRegion } = r.person;
        const expected = JSON.stringify({
          data: r.data,
          person: { name, idValid, birthDate, sex, idRegion },
        });
        expect(storedRecordJson(r as unknown as KeyedRecord)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
