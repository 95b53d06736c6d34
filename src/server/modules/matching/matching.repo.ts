import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  contentKeyOf,
  type KeyedHash,
  type KeyedRecord,
  type RosterRecord,
  type RosterType,
} from '../../../domain/matching/index.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import type { Database } from '../../platform/db.ts';
import { copyInput } from '../../platform/copy-binary.ts';
import type { Exec } from './matching.sql.ts';
import { COPY_STATEMENT, type HashedBatch } from './matching.hashing.ts';

/**
 * The node-postgres pool behind a PostgreSQL database (drizzle's `$client`), for what exec does
 * not do: COPY … FROM STDIN, results in binary format. Undefined on the embedded database, which
 * keeps the json_to_recordset insert and text results.
 */
export function copyPoolOf(database: Database): pg.Pool | undefined {
  if (database.kind !== 'postgres') return undefined;
  const client = (database.db as unknown as { $client?: unknown }).$client;
  return client instanceof pg.Pool ? client : undefined;
}

/** A roster's rows on their way into roster_records as one COPY (openRecordCopy). */
export interface RecordCopy {
  /**
   * Adds a batch from the hash pool (COPY format); resolves when its bytes have been written to
   * the connection (the memory they are in may then be reused).
   */
  write(batch: HashedBatch): Promise<void>;
  /** Ends the COPY: resolves once its rows are committed, rejects with the database's error. */
  finish(): Promise<void>;
  /** Stops without committing anything (cancel or failure): the connection is closed. */
  abort(): void;
}

/**
 * One `COPY … FROM STDIN` for a whole roster on one connection (PostgreSQL): batches from the
 * hash pool go in as they come, in any order (their ids are reserved ahead: matching.record-ids.ts),
 * each as its rows without its own header and trailer. One stream, not a COPY per batch on
 * pooled connections: two COPYs into roster_records at once took 7 s of the database's CPU for
 * 1M rows against 4.4 s for one, in the same wall time (they contend for the table's last page and
 * the indexes' pages), and the CPU they burn is what the hashing workers need (ADR 0006a, ninth
 * pass). One transaction: a cancelled or failed intake leaves none of its rows.
 */
export async function openRecordCopy(pool: pg.Pool): Promise<RecordCopy> {
  const client = await pool.connect();
  let failure: Error | undefined;
  const failed = (e: Error) => {
    failure ??= e;
  };
  // Kept on an aborted connection: it is closed, and whatever it reports then is expected.
  client.on('error', failed);
  const stream = client.query(copyFrom(COPY_STATEMENT));
  stream.on('error', failed);
  let ended = false;
  stream.write(copyInput.header());
  return {
    async write(batch) {
      if (failure) throw failure;
      if (ended) throw new Error('roster COPY already ended');
      if (batch.accepted === 0) return;
      if (batch.format !== 'copy' || typeof batch.payload === 'string')
        throw new Error('a roster COPY takes batches in COPY format');
      // Resolves once the bytes are with the socket's kernel buffer: the caller may then reuse
      // the memory they were built in (matching.intake.ts, slots).
      const rows = copyInput.rows(batch.payload);
      await new Promise<void>((resolve, reject) => stream.write(rows, (e) => (e ? reject(e) : resolve())));
    },
    async finish() {
      if (ended) throw new Error('roster COPY already ended');
      ended = true;
      try {
        if (failure) throw failure;
        stream.end(copyInput.trailer());
        await finished(stream);
      } catch (e) {
        client.release(true);
        throw e;
      }
      client.off('error', failed);
      client.release();
    },
    abort() {
      if (ended) return;
      ended = true;
      // Closing the connection in the middle of the COPY: the database rolls it back.
      client.release(true);
    },
  };
}

/**
 * Bulk SQL of cross-matching: array-parameter inserts (INSERT … SELECT unnest) and set-based
 * lookups by keyed hash. Row-by-row work stays in the service; these run on PGlite and PG 15.
 */

export interface ChildKeyRow {
  childId: string;
  version: number;
  idKey: string | null;
  nameBirthKey: string | null;
  fatherKey: string | null;
  motherKey: string | null;
  hukouRegion: string;
  birthDate: string | null;
}

/** The columns recordOf needs, for raw selects. */
export const RECORD_COLUMNS =
  'id, roster_id, roster_type, row_number, id_key, name_birth_key, head_id_key, content_key, birth_date::text as birth_date, record';

export interface StoredRecordRow {
  roster_id: string;
  roster_type: string;
  row_number: number;
  id_key: string | null;
  name_birth_key: string | null;
  head_id_key: string | null;
  /** Null for a row with a valid ID since intake stopped computing it (see recordOf). */
  content_key: string | null;
  /** YYYY-MM-DD: the person's birth date, no longer in the record's JSON since the eighth pass. */
  birth_date: string | null;
  record: string;
}

/**
 * A stored row back as the domain's RosterRecord: the JSON text plus what the columns hold. The
 * content key of a row with a valid ID is computed here, from the record, when not stored:
 * intake leaves it out (ADR 0006a), and rows stored before carry the same value.
 *
 * The parsed object is completed in place, not copied with `{ ...stored, source, … }`: on Node
 * 20 a spread followed by properties the source lacks takes V8's slow path (~7 µs a row for the
 * two copies this made, against ~0.2 µs; ADR 0006a sixth pass), and every row of a chunk's
 * neighbourhood comes through here.
 */
export function recordOf(row: StoredRecordRow, hmac: KeyedHash): RosterRecord {
  const record = JSON.parse(row.record) as KeyedRecord & { contentKey?: string };
  // Rows stored since the eighth pass leave out what their columns hold (storedRecordJson): put
  // back in the order the record had. Older rows carry both, equal.
  const data = record.data as Record<string, unknown>;
  if (data.roster === undefined)
    record.data = { roster: row.roster_type, ...data } as unknown as KeyedRecord['data'];
  if (!('birthDate' in record.person) && row.birth_date !== null) {
    const { name, idValid, sex, idRegion } = record.person;
    record.person = { name, idValid, birthDate: row.birth_date as PlainDate };
    if (sex !== undefined) record.person.sex = sex;
    if (idRegion !== undefined) record.person.idRegion = idRegion;
  }
  const person = record.person;
  if (row.id_key !== null) person.idKey = row.id_key;
  if (row.name_birth_key !== null) person.nameBirthKey = row.name_birth_key;
  record.source = { roster: row.roster_type as RosterType, rowNumber: row.row_number, batch: row.roster_id };
  if (row.head_id_key !== null) record.headIdKey = row.head_id_key;
  if (row.content_key === null && row.id_key === null)
    throw new Error('roster row without ID key and content key');
  record.contentKey = row.content_key ?? contentKeyOf(record, hmac);
  return record as RosterRecord;
}

/** A child_match_keys row's columns as ChildKeyRow reads them (table alias k). */
const KEY_COLUMNS =
  'k.child_id, k.version, k.id_key, k.name_birth_key, k.father_key, k.mother_key, k.hukou_region, k.birth_date::text as birth_date';
const childKeyRowOf = (r: Record<string, unknown>): ChildKeyRow => ({
  childId: String(r.child_id),
  version: Number(r.version),
  idKey: (r.id_key as string | null) ?? null,
  nameBirthKey: (r.name_birth_key as string | null) ?? null,
  fatherKey: (r.father_key as string | null) ?? null,
  motherKey: (r.mother_key as string | null) ?? null,
  hukouRegion: String(r.hukou_region),
  birthDate: r.birth_date === null ? null : String(r.birth_date),
});

const col = <T, K extends keyof T>(rows: readonly T[], k: K) => rows.map((r) => r[k]);

export const matchingRepo = {
  /** One batch from the hash pool: a JSON array of rows (see matching.hashing.ts). */
  async insertRecords(exec: Exec, rosterId: string, rosterType: string, batch: HashedBatch) {
    if (batch.accepted === 0) return;
    if (batch.format !== 'json') throw new Error('insertRecords needs a batch in JSON format');
    await exec(
      `insert into roster_records (id, roster_id, roster_type, row_number, id_key, name_birth_key, head_id_key,
         household_key, id_masked, content_key, birth_date, record)
       select x.i, $1::uuid, $2, x.r, x.k, x.n, x.h, x.hh, x.m, x.c, x.b, x.j::text
       from json_to_recordset($3::json)
         as x(i bigint, r int, k text, n text, h text, hh text, m text, c text, b date, j json)`,
      [rosterId, rosterType, batch.payload],
    );
  },

  async keyVersions(exec: Exec, ids: readonly string[]): Promise<Map<string, number>> {
    const { rows } = await exec(
      'select child_id, version from child_match_keys where child_id = any($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((r) => [String(r.child_id), Number(r.version)]));
  },

  async upsertKeys(exec: Exec, rows: readonly ChildKeyRow[]) {
    if (rows.length === 0) return;
    await exec(
      `insert into child_match_keys (child_id, version, id_key, name_birth_key, father_key, mother_key,
         hukou_region, birth_date)
       select * from unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::date[])
       on conflict (child_id) do update set version = excluded.version, id_key = excluded.id_key,
         name_birth_key = excluded.name_birth_key, father_key = excluded.father_key,
         mother_key = excluded.mother_key, hukou_region = excluded.hukou_region, birth_date = excluded.birth_date`,
      [
        col(rows, 'childId'),
        col(rows, 'version'),
        col(rows, 'idKey'),
        col(rows, 'nameBirthKey'),
        col(rows, 'fatherKey'),
        col(rows, 'motherKey'),
        col(rows, 'hukouRegion'),
        col(rows, 'birthDate'),
      ],
    );
  },

  /**
   * The people under 18 of the households a new roster's people belong to or head (as seeds:
   * their ID keys). Starts from stored household rows and probes the roster's rows by index; the
   * roster's own rows are never scanned. Rows of other rosters still being read or cancelled are
   * not evidence yet. Unregistered people born on or before adultBorn are 18 on asOf: never
   * discovered as children.
   */
  async householdSeeds(
    exec: Exec,
    rosterId: string,
    adultBorn: string,
    households: readonly string[],
  ): Promise<string[]> {
    const { rows } = await exec(
      `with hidden as (select id from rosters where status <> 'done' and id <> $1),
       hh as (
         select h.household_key from roster_records h
           where h.household_key is not null and h.id_key is not null
             and h.roster_id not in (select id from hidden)
             and exists (select 1 from roster_records n where n.id_key = h.id_key and n.roster_id = $1)
         union
         select h.household_key from roster_records h
           where h.household_key is not null and h.id_key is not null
             and h.roster_id not in (select id from hidden)
             and exists (select 1 from roster_records n where n.head_id_key = h.id_key and n.roster_id = $1)
         union
         select unnest($3::text[]))
       select distinct c.id_key from roster_records c join hh on c.household_key = hh.household_key
         where c.household_key is not null and c.id_key is not null and c.birth_date > $2::date
           and c.roster_id not in (select id from hidden)`,
      [rosterId, adultBorn, households],
    );
    return rows.map((r) => String(r.id_key));
  },

  /**
   * Registry keys of files by child ID key, parent's ID key (father or mother) or name + birth
   * key: a union of index lookups (rows are unique by child_id, so union drops exactly what OR
   * would not repeat; with them OR-ed the planner scanned the whole table whenever more than
   * one was given).
   */
  async childKeysOf(
    exec: Exec,
    where: { idKeys?: readonly string[]; parentKeys?: readonly string[]; nb?: readonly string[] },
  ) {
    const { rows } = await exec(
      `select ${KEY_COLUMNS} from child_match_keys k where k.id_key = any($1::text[])
       union select ${KEY_COLUMNS} from child_match_keys k where k.father_key = any($2::text[])
       union select ${KEY_COLUMNS} from child_match_keys k where k.mother_key = any($2::text[])
       union select ${KEY_COLUMNS} from child_match_keys k where k.name_birth_key = any($3::text[])`,
      [where.idKeys ?? [], where.parentKeys ?? [], where.nb ?? []],
    );
    return rows.map(childKeyRowOf);
  },

  /**
   * Every stored row about a set of people: their own rows (by ID key or name + birth key), the
   * household rows of their households and the assistance rows of those households' heads. One
   * union of index lookups, not one scan with OR-ed conditions: with subqueries among them the
   * ORs cannot use the indexes and every chunk read the whole table (0.8 s a chunk at 1M rows).
   * Each arm returns its rows whole, not their ids to fetch again by primary key (a second
   * lookup of every row; ADR 0006a, ninth pass).
   */
  async neighbourhood(
    exec: Exec,
    hmac: KeyedHash,
    rosterId: string,
    idKeys: readonly string[],
    nbKeys: readonly string[],
  ) {
    // Each arm reads its rows whole (a row can be in more than one: kept once, by id).
    const visible = 'roster_id not in (select id from hidden)';
    const { rows } = await exec(
      `with hidden as (select id from rosters where status <> 'done' and id <> $3),
       hh as (select distinct household_key from roster_records
              where household_key is not null and id_key = any($1::text[]) and ${visible}),
       members as (select id_key from roster_records r join hh using (household_key)
                   where r.household_key is not null and r.id_key is not null)
       select ${RECORD_COLUMNS} from roster_records where id_key = any($1::text[]) and ${visible}
       union all select ${RECORD_COLUMNS} from roster_records
         where name_birth_key = any($2::text[]) and ${visible}
       union all select ${RECORD_COLUMNS} from roster_records
         where household_key is not null and household_key in (select household_key from hh) and ${visible}
       union all select ${RECORD_COLUMNS} from roster_records
         where id_key is not null and id_key in (select id_key from members) and ${visible}
       union all select ${RECORD_COLUMNS} from roster_records
         where head_id_key is not null and head_id_key in (select id_key from members) and ${visible}
       union all select ${RECORD_COLUMNS} from roster_records
         where head_id_key = any($1::text[]) and ${visible}`,
      [idKeys, nbKeys, rosterId],
    );
    const seen = new Set<number>();
    const unique = rows.filter((r) => !seen.has(Number(r.id)) && seen.add(Number(r.id)));
    return unique.map((r) => ({ id: Number(r.id), record: recordOf(r as unknown as StoredRecordRow, hmac) }));
  },
};
