import { PGlite } from '@electric-sql/pglite';
import { afterEach, describe, expect, it } from 'vitest';
import type { FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import { migrate } from './migrations.test-support.ts';
import { factsShapeKey } from './shape-key.ts';

const facts = (child: Record<string, unknown>, rest: Record<string, unknown> = {}) =>
  ({
    child: {
      name: '马小花',
      idNumber: '640302201503010011',
      birthDate: '2015-03-01',
      hukouRegion: '640302100001',
      ...child,
    },
    father: { conditions: [{ kind: 'deceased', since: '2024-02-01' }] },
    ...rest,
  }) as unknown as FactsDocument;

/** The shape the payroll groups by, as the trigger (and the generated column before it) hashed it. */
const SQL_KEY = `encode(sha256(decode(replace(coalesce((f - 'child')::text, '') || '|' || coalesce(case when f -> 'child' ? 'birthDate' then (f -> 'child') - 'name' - 'idNumber' else (f -> 'child') - 'name' end::text, ''), chr(92), chr(92) || chr(92)), 'escape')), 'hex')`;

describe('factsShapeKey: the payroll shape of a facts version, computed by its writer', () => {
  it('is the same for children who differ only by name and ID number (with a birth date)', () => {
    const a = factsShapeKey(facts({}));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(factsShapeKey(facts({ name: '李四', idNumber: '640302201503010038' }))).toBe(a);
  });

  it('differs when anything the entitlement reads differs, and keeps the ID number without a birth date', () => {
    const a = factsShapeKey(facts({}));
    expect(factsShapeKey(facts({ birthDate: '2015-03-02' }))).not.toBe(a);
    expect(factsShapeKey(facts({ hukouRegion: '640302100002' }))).not.toBe(a);
    expect(
      factsShapeKey(facts({}, { father: { conditions: [{ kind: 'deceased', since: '2024-03-01' }] } })),
    ).not.toBe(a);
    const noBirth = (id: string) => factsShapeKey(facts({ birthDate: undefined, idNumber: id }));
    expect(noBirth('640302201503010011')).not.toBe(noBirth('640302201503010038'));
  });
});

let client: PGlite | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

describe('child_fact_versions.shape_key after migration 0025', () => {
  const CHILD = `insert into children (id_number, name, name_pinyin, name_initials, birth_date, hukou_region,
    residence_region, status, version) values ($1, '马小花', 'maxiaohua', 'mxh', '2015-03-01', '640302100001',
    '640302100001', 'active', 1) returning id`;

  it('keeps the keys stored before, computes the same key for an insert without one, and keeps a given key', async () => {
    client = new PGlite();
    await migrate(client, 0, 24);
    const a = (await client.query<{ id: string }>(CHILD, ['640302201503010011'])).rows[0]!.id;
    const b = (await client.query<{ id: string }>(CHILD, ['640302201503010038'])).rows[0]!.id;
    const doc = JSON.stringify(facts({ name: 'a\\b' }));
    const put = `insert into child_fact_versions (child_id, version, reason, facts) values ($1, $2, 'test', $3::jsonb)`;
    await client.query(put, [a, 1, doc]);
    const before = (await client.query<{ shape_key: string }>('select shape_key from child_fact_versions'))
      .rows[0]!;

    await migrate(client, 25, 1_000);

    const expected = (
      await client.query<{ k: string }>(`select ${SQL_KEY} as k from (select $1::jsonb as f) x`, [doc])
    ).rows[0]!.k;
    expect(before.shape_key).toBe(expected);
    await client.query(put, [b, 1, doc]);
    await client.query(
      `insert into child_fact_versions (child_id, version, reason, facts, shape_key) values ($1, 2, 'test', $2::jsonb, 'given')`,
      [b, doc],
    );
    const keys = await client.query<{ child_id: string; version: number; shape_key: string }>(
      'select child_id, version, shape_key from child_fact_versions order by child_id = $1 desc, version',
      [a],
    );
    expect(keys.rows.map((r) => r.shape_key)).toEqual([expected, expected, 'given']);
    await expect(
      client.query(
        `insert into child_fact_versions (child_id, version, reason, facts, shape_key) values ($1, 3, 'x', '{}', null)`,
        [b],
      ),
    ).resolves.toBeDefined();
    const computed = await client.query<{ shape_key: string | null }>(
      'select shape_key from child_fact_versions where version = 3',
    );
    expect(computed.rows[0]!.shape_key).toMatch(/^[0-9a-f]{64}$/);
  });
});
