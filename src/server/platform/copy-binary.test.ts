import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../test-support.ts';
import {
  BinaryCopy,
  binaryField,
  copyInput,
  copyOutputRow,
  CopyOutputRowReader,
  pgDays,
  uuidBytes,
} from './copy-binary.ts';
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

/** Loads one binary COPY input the way each database takes it (matching.repo.ts openRecordCopy). */
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

  it('loads inputs built apart as one: the header, the rows of each, the trailer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer(), { maxLength: 5 }), { maxLength: 6 }),
        async (parts) => {
          await database.exec('truncate copy_binary_probe');
          const inputs = parts.map((ns) => {
            const copy = new BinaryCopy(16);
            for (const n of ns) copy.row(6).null().int4(n).text(null).text(null).date(null).int8(n);
            return copy.done();
          });
          await load(Buffer.concat([copyInput.header(), ...inputs.map(copyInput.rows), copyInput.trailer()]));
          const { rows } = await database.exec('select n from copy_binary_probe order by ctid');
          expect(rows.map((r) => r.n)).toEqual(parts.flat());
        },
      ),
      { numRuns: 20 },
    );
    const whole = new BinaryCopy().row(1).int4(7).done();
    for (const cut of [whole.subarray(1), whole.subarray(0, whole.length - 1), new Uint8Array(0)])
      expect(() => copyInput.rows(cut)).toThrow(/not a whole binary COPY input/);
  });

  it('reads the row of a COPY output of at most one: its fields, nulls among them, or no row', async () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.uint8Array({ maxLength: 40 }), { nil: null }), { maxLength: 5 }),
        (fields) => {
          const copy = new BinaryCopy().row(fields.length);
          for (const f of fields) {
            if (f === null) copy.null();
            else copy.raw(binaryField(f));
          }
          const read = copyOutputRow(copy.done());
          expect(read?.map((f) => (f === null ? null : [...f]))).toEqual(
            fields.map((f) => (f === null ? null : [...f])),
          );
        },
      ),
    );
    // Read as chunks come, cut anywhere: the same fields, each in memory from the allocator.
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.uint8Array({ maxLength: 40 }), { nil: null }), { maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 30 }),
        (fields, cuts) => {
          const copy = new BinaryCopy().row(fields.length);
          for (const f of fields) {
            if (f === null) copy.null();
            else copy.raw(binaryField(f));
          }
          const output = copy.done();
          const given: Uint8Array[] = [];
          const reader = new CopyOutputRowReader((n) => {
            const memory = new Uint8Array(new SharedArrayBuffer(n));
            given.push(memory);
            return memory;
          });
          let at = 0;
          for (let i = 0; at < output.length; i++) {
            const n = cuts[i % cuts.length]!;
            reader.push(output.subarray(at, at + n));
            at += n;
          }
          const read = reader.done();
          expect(read?.map((f) => (f === null ? null : [...f]))).toEqual(
            fields.map((f) => (f === null ? null : [...f])),
          );
          expect(read?.filter((f) => f !== null)).toEqual(given);
        },
      ),
    );
    const cutShort = new CopyOutputRowReader();
    cutShort.push(new BinaryCopy().row(1).int4(1).done().subarray(0, 25));
    expect(() => cutShort.done()).toThrow(/cut short/);
    expect(copyOutputRow(new BinaryCopy().done())).toBeNull();
    const whole = new BinaryCopy().row(2).int4(7).text('七').done();
    // Cut anywhere inside the row, with the trailer put back: refused, never a shorter field.
    for (let cut = 21; cut < whole.length - 2; cut++) {
      const cutOff = Buffer.concat([whole.subarray(0, cut), Buffer.from([0xff, 0xff])]);
      expect(() => copyOutputRow(cutOff)).toThrow(/COPY output/);
    }
    expect(() => copyOutputRow(Buffer.from('not a copy'))).toThrow(/not a binary COPY output/);
    if (database.kind !== 'postgres') return;
    const pool = (database.db as unknown as { $client: pg.Pool }).$client;
    const client = await pool.connect();
    try {
      const out = async (sql: string) => {
        const chunks: Buffer[] = [];
        for await (const c of client.query(copyTo(`copy (${sql}) to stdout (format binary)`)))
          chunks.push(c as Buffer);
        return copyOutputRow(Buffer.concat(chunks));
      };
      expect(await out('select 1 where false')).toBeNull();
      const row = await out(`select 7::int4, null::bytea, '\\x0aff'::bytea`);
      expect(row?.map((f) => (f === null ? null : [...f]))).toEqual([[0, 0, 0, 7], null, [10, 255]]);
    } finally {
      client.release();
    }
  });
});
