import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './keys.ts';

/** The definition canonicalJson is held to: entries without undefined values, sorted, joined. */
function canonicalJsonByDefinition(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJsonByDefinition).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJsonByDefinition(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

describe('canonicalJson', () => {
  it('gives the text of its definition for any JSON value, undefined members and holes included', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(
        fc.string({ unit: 'binary' }),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
      ),
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), tie('array'), tie('object')),
      array: fc.sparseArray(tie('node'), { maxLength: 5 }),
      object: fc.dictionary(fc.string({ unit: 'binary' }), tie('node'), { maxKeys: 5 }),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(canonicalJsonByDefinition(v));
      }),
    );
  });

  it('sorts keys at every level and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: undefined } })).toBe('{"a":{"d":[1,"x"]},"b":1}');
  });
});
