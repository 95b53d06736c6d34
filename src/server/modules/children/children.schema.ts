import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import type { CategoryCode } from '../../../domain/eligibility/codes.ts';
import type { Determination } from '../../../domain/eligibility/determination.ts';
import type { FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import { bytea } from '../../platform/pg-bytea.ts';
import { users } from '../users/users.schema.ts';

/**
 * The child registry (一人一档, ADR 0004). `children` is the current projection used for lists and
 * scoping; the facts themselves are the append-only `child_fact_versions`; `determinations` keeps
 * the engine's result per child and month, recomputed (upserted) when facts change.
 */
export const children = pgTable(
  'children',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Running number; a child without an ID number gets a provisional file number from it. */
    fileNo: bigint('file_no', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    idNumber: varchar('id_number', { length: 18 }),
    provisionalNo: varchar('provisional_no', { length: 32 }),
    name: text('name').notNull(),
    /** Full pinyin without tones or spaces (maxiaohua); polyphonic surnames read as surnames. */
    namePinyin: varchar('name_pinyin', { length: 128 }).notNull(),
    /** Pinyin initials (mxh). */
    nameInitials: varchar('name_initials', { length: 32 }).notNull(),
    sex: varchar('sex', { length: 8 }),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    hukouRegion: varchar('hukou_region', { length: 12 }).notNull(),
    residenceRegion: varchar('residence_region', { length: 12 }).notNull(),
    /** registered | applying | active | exited */
    status: varchar('status', { length: 16 }).notNull(),
    confirmedAt: date('confirmed_at', { mode: 'string' }),
    exitReason: varchar('exit_reason', { length: 32 }),
    exitedAt: date('exited_at', { mode: 'string' }),
    /** The current facts version (child_fact_versions.version). */
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('children_id_number_idx').on(t.idNumber.op('varchar_pattern_ops')),
    // Only files without an ID number have one: the others cost no index entry (NULLs never clash).
    uniqueIndex('children_provisional_no_idx')
      .on(t.provisionalNo)
      .where(sql`${t.provisionalNo} is not null`),
    // "Last digits" search: a prefix search on the reversed number.
    index('children_id_number_rev_idx').using('btree', sql`reverse(${t.idNumber}) text_pattern_ops`),
    index('children_hukou_region_idx').on(t.hukouRegion.op('varchar_pattern_ops')),
    index('children_name_pinyin_idx').on(t.namePinyin.op('varchar_pattern_ops')),
    index('children_name_initials_idx').on(t.nameInitials.op('varchar_pattern_ops')),
    // Also serves `name = … and birth_date = …` (the same-name-and-birth warning): text_pattern_ops
    // has equality, and a name has few files, so a (name, birth date) index was one write too many.
    index('children_name_idx').on(t.name.op('text_pattern_ops')),
    index('children_status_idx').on(t.status),
  ],
);

/** Append-only: a correction is a new version, never an update (bitemporal by recording time). */
export const childFactVersions = pgTable(
  'child_fact_versions',
  {
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    version: integer('version').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    reason: text('reason').notNull(),
    /** The month from which this version changes determinations (for recomputation). */
    effectiveFrom: varchar('effective_from', { length: 7 }),
    /** The day the recorded change became true, as stated (e.g. the 残疾人证's issue date). */
    effectiveDate: date('effective_date', { mode: 'string' }),
    /** The evidence (证明材料) the change rests on, one of the file's attachments. */
    evidenceAttachmentId: uuid('evidence_attachment_id').references(() => childAttachments.id),
    facts: jsonb('facts').$type<FactsDocument>().notNull(),
    /**
     * Owned by the payroll (ADR 0005, "Speed"): a SHA-256 (hex) of the facts as the payroll groups
     * children — without the child's name, and without the ID number when the birth date is
     * there — computed once when the version is written instead of per child per payroll. Equal
     * keys mean equal facts (that is all the payroll relies on). A bulk import computes it in
     * its worker (`factsShapeKey`, shape-key.ts); for every other insert that leaves it out, the
     * trigger of migration 0024 computes it in SQL, as the generated column did before
     * (ADR 0007, fourth pass). Never null (the column is NOT NULL in the database).
     */
    shapeKey: text('shape_key'),
  },
  (t) => [primaryKey({ columns: [t.childId, t.version] })],
);

/**
 * The engine's determination documents (categories, benefits, explanations with their clauses),
 * each stored once: children in the same situation in the same month get the same document, so a
 * county's months share a few thousand instead of one ~1 KB copy per child per month (ADR 0007,
 * fourth pass). `key` is the SHA-256 (hex) of the document's jsonb text, computed by the
 * database on insert; documents are immutable and never deleted.
 */
export const determinationDocuments = pgTable('determination_documents', {
  key: text('key').primaryKey(),
  document: jsonb('document').$type<Determination>().notNull(),
});

export const determinations = pgTable(
  'determinations',
  {
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    /** YYYY-MM; the determination is made on the month's first day. */
    month: varchar('month', { length: 7 }).notNull(),
    /** The document's categories, kept as a column for the ledger's and lists' filters. */
    categories: text('categories').array().$type<CategoryCode[]>().notNull(),
    monthlyTotalFen: integer('monthly_total_fen').notNull(),
    /** The month's determination document (determination_documents). */
    documentKey: text('document_key')
      .notNull()
      .references(() => determinationDocuments.key),
    factsVersion: integer('facts_version').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // No index on categories: the category filter (`= any(categories)` on each child's latest
  // month) is served by the primary key; a GIN index could not serve it and cost every write.
  (t) => [primaryKey({ columns: [t.childId, t.month] })],
);

/** Evidence (证明材料): pdf/jpg/png up to 10 MB, in the database so it commits with its audit row. */
export const childAttachments = pgTable(
  'child_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    /** What the document proves, e.g. 死亡证明, 判决书, 残疾人证. */
    kind: varchar('kind', { length: 32 }).notNull(),
    fileName: text('file_name').notNull(),
    mimeType: varchar('mime_type', { length: 32 }).notNull(),
    size: integer('size').notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('child_attachments_child_idx').on(t.childId)],
);
