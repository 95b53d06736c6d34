import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../platform/pg-bytea.ts';
import { users } from '../users/users.schema.ts';
import { RECORD_ID_BLOCK } from './matching.record-ids.ts';

/**
 * Cross-department matching (ADR 0006, 0006a). Rosters and their rows are stored with keyed
 * hashes (HMAC-SHA256) instead of ID numbers; `child_match_keys` holds the same keys for the
 * registry, refreshed from the children service before each match.
 */

/** Settings of the module: the generated HMAC secret when TONGBAO_MATCH_KEY is not set. */
export const matchSettings = pgTable('match_settings', {
  name: varchar('name', { length: 64 }).primaryKey(),
  value: text('value').notNull(),
});

/** One uploaded roster (名单批次): who sent it, when, what it held, what it produced. */
export const rosters = pgTable(
  'rosters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    rosterType: varchar('roster_type', { length: 16 }).notNull(),
    /** Sending department (e.g. 公安局); free text from the uploader. */
    sourceDepartment: text('source_department').notNull(),
    /** The area the roster covers: the uploader's jurisdiction or a part of it. */
    region: varchar('region', { length: 12 }).notNull(),
    fileName: text('file_name').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    /** running | done | failed | cancelled */
    status: varchar('status', { length: 16 }).notNull(),
    rows: integer('rows').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    newLeads: jsonb('new_leads').$type<Record<string, number>>(),
    errorsFile: text('errors_file'),
    message: text('message'),
    /**
     * The identity sequence's last value when the roster was created (0 when none): its rows,
     * written later from blocks reserved later, all have larger ids, so deleting them is a range
     * of roster_records' id index (`id > records_after and roster_id = …`) instead of a roster_id
     * index every row pays for at intake. Null for rosters created before the column (deleted by
     * roster_id alone). Before the twelfth pass it was the largest id then stored: smaller or
     * equal, so the same rows follow it.
     */
    recordsAfter: bigint('records_after', { mode: 'number' }),
  },
  (t) => [
    index('rosters_region_idx').on(t.region.op('varchar_pattern_ops')),
    index('rosters_uploaded_by_idx').on(t.uploadedBy),
  ],
);

/** One accepted roster row: keys, a masked number and the typed row without the clear number. */
export const rosterRecords = pgTable(
  'roster_records',
  {
    /**
     * Reserved by intake in blocks of RECORD_ID_BLOCK (matching.record-ids.ts), so unique by
     * construction: every id comes from its own block of the identity sequence. Not a primary
     * key since the twelfth pass (ADR 0006a): its B-tree was a quarter of the COPY's work at
     * intake, while ids are only ever looked up a few at a time (a lead's evidence) or as a range
     * (a roster's rows, after rosters.records_after), which a BRIN index serves (below).
     */
    id: bigint('id', { mode: 'number' })
      .notNull()
      .generatedByDefaultAsIdentity({ increment: RECORD_ID_BLOCK }),
    /**
     * The roster (no foreign key: its per-row check was a third of the insert cost at 1M rows;
     * rows are written only after their roster and deleted with it by the matching service). No
     * index either (1.8 s of the database's CPU per 1M rows at intake): the only lookup by roster
     * is deleting a cancelled or failed upload's rows, found by id range (rosters.records_after).
     */
    rosterId: uuid('roster_id').notNull(),
    rosterType: varchar('roster_type', { length: 16 }).notNull(),
    rowNumber: integer('row_number').notNull(),
    idKey: varchar('id_key', { length: 64 }),
    nameBirthKey: varchar('name_birth_key', { length: 64 }),
    headIdKey: varchar('head_id_key', { length: 64 }),
    /** household rows: 户籍地区划代码|户号 */
    householdKey: text('household_key'),
    idMasked: varchar('id_masked', { length: 18 }).notNull(),
    /**
     * Hash of the row's content (RosterRecord.contentKey): stored only for rows whose ID number
     * is invalid (its text is part of it); for the others matching.repo.ts recordOf computes it
     * from the stored record when the row is used, with the same value.
     */
    contentKey: varchar('content_key', { length: 64 }),
    /** The person's birth date (from the ID number or the row): who is a child on the as-of date. */
    birthDate: date('birth_date', { mode: 'string' }),
    /**
     * The RosterRecord as JSON text without what the columns hold (source, keys, and since the
     * eighth pass birth date and roster type: see matching.repo.ts recordOf); never the clear ID
     * number. Text, not jsonb: it is never queried inside, and building jsonb was most of the
     * insert cost at 1M rows.
     */
    record: text('record').notNull(),
  },
  // Partial indexes: most rows of a roster have no name key, head or household (ADR 0006a).
  // Hash indexes on the keys: they are only ever compared for equality, and an HMAC is random,
  // so a B-tree insert touches a random leaf of a large index (most of COPY's cost at 1M rows);
  // a hash index stores 4-byte hash codes and stays small.
  (t) => [
    // Ids grow with the table (blocks from one sequence, rows appended), so a block range's
    // min and max find them; the new ranges are summarised after each upload (matching.service.ts).
    index('roster_records_id_brin').using('brin', t.id),
    index('roster_records_id_key_idx')
      .using('hash', t.idKey)
      .where(sql`${t.idKey} is not null`),
    index('roster_records_name_birth_idx')
      .using('hash', t.nameBirthKey)
      .where(sql`${t.nameBirthKey} is not null`),
    index('roster_records_head_idx')
      .using('hash', t.headIdKey)
      .where(sql`${t.headIdKey} is not null`),
    index('roster_records_household_idx')
      .using('hash', t.householdKey)
      .where(sql`${t.householdKey} is not null`),
    // The people of household rows, for the affected-people statement (matching.repo.ts
    // householdSeeds): read whole instead of scanning every stored row for the few household ones.
    // A B-tree, and partial: only household rows pay for it at intake.
    index('roster_records_household_members_idx')
      .on(t.idKey)
      .where(sql`${t.householdKey} is not null`),
  ],
);

/** Keyed hashes of registered children (refreshed from the children service before matching). */
export const childMatchKeys = pgTable(
  'child_match_keys',
  {
    childId: uuid('child_id').primaryKey(),
    version: integer('version').notNull(),
    idKey: varchar('id_key', { length: 64 }),
    nameBirthKey: varchar('name_birth_key', { length: 64 }),
    fatherKey: varchar('father_key', { length: 64 }),
    motherKey: varchar('mother_key', { length: 64 }),
    hukouRegion: varchar('hukou_region', { length: 12 }).notNull(),
    /** The child's birth date: roster rows born before every registered child need no name key. */
    birthDate: date('birth_date', { mode: 'string' }),
    /**
     * The first 4 bytes of each key the row has (id, name + birth, father, mother), kept by the
     * database: intake reads every file's prefixes as one value (matching.seeds.ts). Computing
     * them from the hex keys at each upload took 1.4 s of the database's CPU at 1M files idle,
     * ~3 s beside the upload's COPY; aggregating this column takes 0.2–0.35 s.
     */
    keyPrefixes: bytea('key_prefixes').generatedAlwaysAs(
      sql.raw(
        ['id_key', 'name_birth_key', 'father_key', 'mother_key']
          .map((key) => `coalesce(decode(left(${key}, 8), 'hex'), ''::bytea)`)
          .join(' || '),
      ),
    ),
  },
  (t) => [
    index('child_match_keys_id_idx').on(t.idKey),
    index('child_match_keys_nb_idx').on(t.nameBirthKey),
    index('child_match_keys_father_idx').on(t.fatherKey),
    index('child_match_keys_mother_idx').on(t.motherKey),
  ],
);

/**
 * Counts the statements that changed child_match_keys (one row; a statement-level trigger of
 * migration 0029 adds one in the changing transaction): the prefix set below is current while
 * its `changes` equals this count.
 */
export const matchKeyChanges = pgTable('match_key_changes', {
  id: smallint('id').primaryKey(),
  n: bigint('n', { mode: 'number' }).notNull(),
});

/**
 * The registry's key prefixes as intake probes them (matching.seeds.ts KeyPrefixSet: its slots'
 * bytes), built by the key refresh when the keys changed and read whole by each upload instead
 * of aggregating 1M rows' prefixes and inserting 4M of them into a set (ADR 0006a, tenth pass).
 * One row; used only while `changes` equals match_key_changes.n and `format` this program's.
 */
export const matchPrefixSets = pgTable('match_prefix_sets', {
  id: smallint('id').primaryKey(),
  changes: bigint('changes', { mode: 'number' }).notNull(),
  /** The set's layout: version, slot hashing and byte order (matching.seeds.ts PREFIX_SET_FORMAT). */
  format: text('format').notNull(),
  size: integer('size').notNull(),
  slots: bytea('slots').notNull(),
});

/** A lead (线索) for a township: unique on its dedupe key. */
export const matchLeads = pgTable(
  'match_leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dedupeKey: varchar('dedupe_key', { length: 64 }).notNull(),
    leadType: varchar('lead_type', { length: 16 }).notNull(),
    rule: varchar('rule', { length: 64 }).notNull(),
    title: text('title').notNull(),
    childKey: varchar('child_key', { length: 64 }).notNull(),
    hukouRegion: varchar('hukou_region', { length: 12 }).notNull(),
    fileIds: jsonb('file_ids').$type<string[]>().notNull(),
    /** The Lead as decided (keys only) plus attached evidence of later rosters. */
    lead: jsonb('lead').notNull(),
    /** roster_records ids the lead rests on. */
    recordIds: jsonb('record_ids').$type<number[]>().notNull(),
    rosterId: uuid('roster_id').references(() => rosters.id),
    createdOn: date('created_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** open | application-started | facts-updated | dismissed */
    status: varchar('status', { length: 24 }).notNull(),
    outcomeReason: text('outcome_reason'),
    outcomeRef: varchar('outcome_ref', { length: 64 }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    score: real('score'),
  },
  (t) => [
    uniqueIndex('match_leads_dedupe_idx').on(t.dedupeKey),
    index('match_leads_region_idx').on(t.hukouRegion.op('varchar_pattern_ops')),
    index('match_leads_child_key_idx').on(t.childKey, t.leadType, t.status),
    index('match_leads_roster_idx').on(t.rosterId),
  ],
);

/** Dedupe keys that were attached to an open discover lead instead of becoming their own. */
export const matchLeadAliases = pgTable('match_lead_aliases', {
  dedupeKey: varchar('dedupe_key', { length: 64 }).primaryKey(),
  leadId: uuid('lead_id')
    .notNull()
    .references(() => matchLeads.id),
});
