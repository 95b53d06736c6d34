import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../domain/access/access.ts';
import { regions } from '../modules/regions/regions.schema.ts';
import { freshDatabase } from '../test-support.ts';
import { scopeToJurisdiction } from './access.ts';
import type { Database } from './db.ts';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
});
afterAll(() => drop());

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const code = fc.oneof(digits(2), digits(4), digits(6), digits(9), digits(12));

describe('the jurisdiction scope compiled to SQL', () => {
  it('returns exactly the rows the domain predicate allows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(code, { minLength: 1, maxLength: 40 }),
        code,
        async (records, jurisdiction) => {
          await database.db.delete(regions);
          await database.db.insert(regions).values(records.map((c) => ({ code: c, name: c, level: 'x' })));
          const actor = { userId: 'u', username: 'u', roles: ['county-staff'] as const, jurisdiction };
          const rows = await database.db
            .select({ code: regions.code })
            .from(regions)
            .where(scopeToJurisdiction(regions.code, { ...actor, roles: [...actor.roles] }));
          const expected = records.filter(
            (r) => decide({ ...actor, roles: [...actor.roles] }, 'child:read', r) === 'allow',
          );
          expect(rows.map((r) => r.code).sort()).toEqual(expected.sort());
        },
      ),
      { numRuns: 40 },
    );
    await database.db.execute(sql`delete from regions`);
  });
});
