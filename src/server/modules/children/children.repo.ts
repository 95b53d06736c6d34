import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, like, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/access.ts';
import type { Determination } from '../../../domain/eligibility/determination.ts';
import { scopeToJurisdiction } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { users } from '../users/users.schema.ts';
import { childExits } from './children.exits.schema.ts';
import {
  childAttachments,
  childFactVersions,
  children,
  determinationDocuments,
  determinations,
} from './children.schema.ts';
import type { SearchText } from './name-search.ts';

export type ChildRow = typeof children.$inferSelect;
export type FactVersionRow = typeof childFactVersions.$inferSelect;
export type DeterminationRow = typeof determinations.$inferSelect;

/** One month's determination to store: the engine's document as JSON text. */
export interface DeterminationWrite {
  childId: string;
  month: string;
  factsVersion: number;
  documentJson: string;
}

export interface StoredDetermination {
  month: string;
  monthlyTotalFen: number;
  factsVersion: number;
  determination: Determination;
}

export interface InForceChild {
  id: string;
  confirmedAt: string;
  version: number;
  facts: FactVersionRow['facts'];
  lastMonth: string | null;
  switched: boolean;
}

export interface ChildSearch {
  text?: SearchText;
  region?: string;
  status?: string;
  category?: string;
  page: number;
  pageSize: number;
}

const escapeLike = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);

function searchCondition(text: SearchText): SQL {
  switch (text.kind) {
    case 'id-exact':
      return eq(children.idNumber, text.value);
    case 'id-tail':
      // Served by the reverse(id_number) text_pattern_ops index.
      return sql`reverse(${children.idNumber}) like ${`${escapeLike([...text.value].reverse().join(''))}%`}`;
    case 'provisional':
      return eq(children.provisionalNo, text.value);
    case 'pinyin':
      return or(
        like(children.namePinyin, `${escapeLike(text.value)}%`),
        like(children.nameInitials, `${escapeLike(text.value)}%`),
      )!;
    case 'name':
      return like(children.name, `%${escapeLike(text.value)}%`);
  }
}

/** The category filter reads each child's latest determination. */
const latestHasCategory = (category: string) => sql`exists (
  select 1 from ${determinations} d
  where d.child_id = ${children.id}
    and d.month = (select max(d2.month) from ${determinations} d2 where d2.child_id = ${children.id})
    and ${category} = any(d.categories))`;

export const childrenRepo = {
  async findById(db: Db, id: string): Promise<ChildRow | undefined> {
    const [row] = await db.select().from(children).where(eq(children.id, id));
    return row;
  },
  /** Locks the row for the rest of the transaction (serialises changes to one child). */
  async lockById(db: Db, id: string): Promise<ChildRow | undefined> {
    const [row] = await db.select().from(children).where(eq(children.id, id)).for('update');
    return row;
  },
  async findByIdNumber(db: Db, idNumber: string): Promise<ChildRow | undefined> {
    const [row] = await db.select().from(children).where(eq(children.idNumber, idNumber));
    return row;
  },
  /** As findByIdNumber, locking the row for the rest of the transaction. */
  async lockByIdNumber(db: Db, idNumber: string): Promise<ChildRow | undefined> {
    const [row] = await db.select().from(children).where(eq(children.idNumber, idNumber)).for('update');
    return row;
  },
  /** Same name and birth date, inside the actor's jurisdiction (a possible duplicate without ID). */
  async sameNameAndBirth(db: Db, actor: Actor, name: string, birthDate: string, exceptId?: string) {
    const where = [
      scopeToJurisdiction(children.hukouRegion, actor),
      eq(children.name, name),
      eq(children.birthDate, birthDate),
    ];
    if (exceptId) where.push(ne(children.id, exceptId));
    return db
      .select()
      .from(children)
      .where(and(...where))
      .limit(5);
  },
  async search(db: Db, actor: Actor, q: ChildSearch) {
    const where: SQL[] = [scopeToJurisdiction(children.hukouRegion, actor)];
    if (q.text) where.push(searchCondition(q.text));
    if (q.region) where.push(like(children.hukouRegion, `${q.region}%`));
    if (q.status) where.push(eq(children.status, q.status));
    if (q.category) where.push(latestHasCategory(q.category));
    const cond = and(...where);
    const [items, [count]] = await Promise.all([
      db
        .select()
        .from(children)
        .where(cond)
        .orderBy(desc(children.createdAt), asc(children.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(children)
        .where(cond),
    ]);
    return { items, total: count?.n ?? 0 };
  },
  async insert(db: Db, values: typeof children.$inferInsert): Promise<ChildRow> {
    const [row] = await db.insert(children).values(values).returning();
    return row!;
  },
  async update(db: Db, id: string, values: Partial<typeof children.$inferInsert>): Promise<ChildRow> {
    const [row] = await db
      .update(children)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(children.id, id))
      .returning();
    return row!;
  },
  async insertVersion(db: Db, values: typeof childFactVersions.$inferInsert): Promise<FactVersionRow> {
    const [row] = await db.insert(childFactVersions).values(values).returning();
    return row!;
  },
  async versions(db: Db, childId: string): Promise<FactVersionRow[]> {
    return db
      .select()
      .from(childFactVersions)
      .where(eq(childFactVersions.childId, childId))
      .orderBy(asc(childFactVersions.version));
  },
  /** Every version, oldest first, with the recording user's display name. */
  async versionsWithAuthors(db: Db, childId: string) {
    return db
      .select({
        version: childFactVersions.version,
        recordedAt: childFactVersions.recordedAt,
        reason: childFactVersions.reason,
        effectiveFrom: childFactVersions.effectiveFrom,
        effectiveDate: childFactVersions.effectiveDate,
        evidenceId: childAttachments.id,
        evidenceKind: childAttachments.kind,
        evidenceFileName: childAttachments.fileName,
        facts: childFactVersions.facts,
        recordedByName: users.displayName,
      })
      .from(childFactVersions)
      .leftJoin(users, eq(users.id, childFactVersions.recordedBy))
      .leftJoin(childAttachments, eq(childAttachments.id, childFactVersions.evidenceAttachmentId))
      .where(eq(childFactVersions.childId, childId))
      .orderBy(asc(childFactVersions.version));
  },
  async currentVersion(db: Db, child: ChildRow): Promise<FactVersionRow> {
    const [row] = await db
      .select()
      .from(childFactVersions)
      .where(and(eq(childFactVersions.childId, child.id), eq(childFactVersions.version, child.version)));
    if (!row) throw new Error(`child ${child.id} has no facts version ${child.version}`);
    return row;
  },
  /**
   * Writes month determinations (upserts by child and month). Each distinct document is sent
   * and parsed once and stored once in `determination_documents` (keyed by the SHA-256 of its
   * jsonb text, computed here, so every writer agrees); the rows reference it, and their
   * categories and total are read off the document.
   */
  async upsertDeterminations(
    db: Db,
    rows: readonly DeterminationWrite[],
    /** `new`: the children's months cannot be stored yet (new files): a plain insert, cheaper. */
    months: 'existing' | 'new' = 'existing',
  ): Promise<void> {
    if (rows.length === 0) return;
    const docs = new Map<string, number>();
    const docOf = rows.map((r) => {
      let k = docs.get(r.documentJson);
      if (k === undefined) docs.set(r.documentJson, (k = docs.size + 1));
      return k;
    });
    const col = <K extends keyof DeterminationWrite>(k: K) => sql.param(rows.map((r) => r[k]));
    await db.execute(sql`
      with d as (
        select k, doc, encode(sha256(convert_to(doc::text, 'UTF8')), 'hex') as key,
          array(select jsonb_array_elements_text(doc->'categories')) as categories,
          (doc->>'monthlyTotalFen')::int as total
        from jsonb_array_elements(${`[${[...docs.keys()].join(',')}]`}::jsonb) with ordinality as x(doc, k)),
      stored as (
        insert into ${determinationDocuments} (key, document)
        select distinct on (key) key, doc from d order by key
        on conflict do nothing)
      insert into ${determinations} (child_id, month, categories, monthly_total_fen, document_key, facts_version)
      select t.child_id, t.month, d.categories, d.total, d.key, t.facts_version
      from unnest(${col('childId')}::uuid[], ${col('month')}::text[], ${sql.param(docOf)}::int[],
        ${col('factsVersion')}::int[]) as t(child_id, month, k, facts_version)
      join d on d.k = t.k
      ${
        months === 'new'
          ? sql``
          : sql`on conflict (child_id, month) do update set categories = excluded.categories,
        monthly_total_fen = excluded.monthly_total_fen, document_key = excluded.document_key,
        facts_version = excluded.facts_version, computed_at = now()`
      }`);
  },
  /** A child's stored month determinations with their documents, latest month first. */
  async determinations(db: Db, childId: string): Promise<StoredDetermination[]> {
    return db
      .select({
        month: determinations.month,
        monthlyTotalFen: determinations.monthlyTotalFen,
        factsVersion: determinations.factsVersion,
        determination: determinationDocuments.document,
      })
      .from(determinations)
      .innerJoin(determinationDocuments, eq(determinationDocuments.key, determinations.documentKey))
      .where(eq(determinations.childId, childId))
      .orderBy(desc(determinations.month));
  },
  /** Latest determination of each child (for list columns). */
  async latestDeterminations(db: Db, childIds: string[]) {
    if (childIds.length === 0) return new Map<string, DeterminationRow>();
    const rows = await db
      .selectDistinctOn([determinations.childId])
      .from(determinations)
      .where(inArray(determinations.childId, childIds))
      .orderBy(determinations.childId, desc(determinations.month));
    return new Map(rows.map((r) => [r.childId, r]));
  },
  /**
   * Children in the payroll with no exit recorded (the daily job's set), keyset-paged by id, with
   * their current facts, their latest stored month and whether a switch to the orphan allowance
   * was recorded in the current period.
   */
  async inForcePage(db: Db, afterId: string | null, limit: number): Promise<InForceChild[]> {
    const rows = await db
      .select({
        id: children.id,
        confirmedAt: children.confirmedAt,
        version: children.version,
        facts: childFactVersions.facts,
        lastMonth: sql<
          string | null
        >`(select max(d.month) from ${determinations} d where d.child_id = ${children.id})`,
        switched: sql<boolean>`exists (select 1 from ${childExits} e where e.child_id = ${children.id}
          and e.reason = 'recognized-orphan' and e.event_date >= ${children.confirmedAt})`,
      })
      .from(children)
      .innerJoin(
        childFactVersions,
        and(eq(childFactVersions.childId, children.id), eq(childFactVersions.version, children.version)),
      )
      .where(
        and(
          eq(children.status, 'active'),
          isNull(children.exitReason),
          isNotNull(children.confirmedAt),
          afterId ? gt(children.id, afterId) : undefined,
        ),
      )
      .orderBy(asc(children.id))
      .limit(limit);
    return rows.map((r) => ({ ...r, confirmedAt: r.confirmedAt as string }));
  },
  /** Whether an attachment belongs to this child's file (evidence must be the file's own). */
  async hasAttachment(db: Db, childId: string, attachmentId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: childAttachments.id })
      .from(childAttachments)
      .where(and(eq(childAttachments.id, attachmentId), eq(childAttachments.childId, childId)));
    return row !== undefined;
  },
  async findMany(db: Db, ids: string[]): Promise<ChildRow[]> {
    if (ids.length === 0) return [];
    return db.select().from(children).where(inArray(children.id, ids));
  },
};
