import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../test-support.ts';
import { BinaryCopy, binaryField, pgDays, uuidBytes } from './copy-binary.ts';
import type { Database } from './db.ts';

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await freshDatabase());
  await database.exec(
    'create table copy_binary_probe (u uuid, n int, s text, v varchar(64), d date, b bigint)',
  );
});
afterAll(() => drop());

/** Loads one binary COPY input the way each database takes it (matching.repo.ts copyRecords). */
async function load(bytes: Uint8Array) {
  const statement = 'copy copy_binary_probe (u, n, s, v, d, b) from';
  const client = (database.db as unknown as { $client: unknown }).$client;
  if (database.kind === 'postgres') {
    const c = await (client as pg.Pool).connect();
    try {
      await pipeline(
        Readable.from([Buffer.from(bytes)]),
        c.query(copyFrom(`${statement} stdin (format binary)`)),
      );
    } finally {
      c.release();
    }
    return;
  }
  const lite = client as { query(sql: string, p: unknown[], o: { blob: Blob }): Promise<unknown> };
  await lite.query(`${statement} '/dev/blob' (format binary)`, [], {
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>]),
  });
}

const isoDate = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2100, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

type Row = { u: string | null; n: number; s: string | null; v: string | null; d: string | null; b: number };

describe('binary COPY input', () => {
  it('loads what was written: uuids, int4 and int8, any text (tabs, backslashes, line ends, CJK, emoji), dates and nulls', async () => {
    const row = fc.record({
      u: fc.option(fc.uuid(), { nil: null }),
      n: fc.integer(),
      s: fc.option(
        fc.oneof(
          fc.string({ unit: 'grapheme' }),
          fc.string({ unit: 'grapheme', minLength: 90, maxLength: 300 }),
        ),
        { nil: null },
      ),
      v: fc.option(fc.constantFrom('', 'a\tb\\c\nd\re', '某某', '6403**********001X', 'x'.repeat(64)), {
        nil: null,
      }),
      d: fc.option(isoDate, { nil: null }),
      b: fc.oneof(fc.maxSafeInteger(), fc.integer()),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 30 }), async (rows: Row[]) => {
        await database.exec('truncate copy_binary_probe');
        const copy = new BinaryCopy(16);
        for (const r of rows) {
          copy.row(6);
          if (r.u === null) copy.null();
          else copy.raw(binaryField(uuidBytes(r.u)));
          copy.int4(r.n).text(r.s).text(r.v).date(r.d).int8(r.b);
        }
        await load(copy.done());
        const { rows: back } = await database.exec(
          'select u::text as u, n, s, v, d::text as d, b::float8 as b from copy_binary_probe order by ctid',
        );
        expect(back).toEqual(rows);
      }),
      { numRuns: 40 },
    );
  });

  it('counts days from 2000-01-01 as the calendar does', () => {
    fc.assert(
      fc.property(isoDate, (d) => {
        expect(pgDays(d)).toBe(Date.parse(`${d}T00:00:00Z`) / 86_400_000 - 10_957);
      }),
    );
    expect(pgDays('2000-01-01')).toBe(0);
    expect(pgDays('1999-12-31')).toBe(-1);
  });

  it('refuses a number that is not an int4, or an int8 it cannot hold exactly', () => {
    for (const bad of [2 ** 31, -(2 ** 31) - 1, 1.5, Number.NaN])
      expect(() => new BinaryCopy().int4(bad), String(bad)).toThrow(/not an int4/);
    for (const bad of [2 ** 53, -(2 ** 53), 0.5, Number.POSITIVE_INFINITY])
      expect(() => new BinaryCopy().int8(bad), String(bad)).toThrow(/not an int8/);
  });

  it('refuses what is not a real date, as the database would', () => {
    for (const bad of ['2023-02-29', '2024-13-01', '2024-04-31', '2024-00-10', '2024-1-01', '20240101', ''])
      expect(() => pgDays(bad), bad).toThrow(/not a date/);
    expect(pgDays('2024-02-29')).toBe(pgDays('2024-03-01') - 1);
  });
});
