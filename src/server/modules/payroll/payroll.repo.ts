import { and, asc, desc, eq, getTableColumns, like, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../../domain/access/access.ts';
import type { LineExplanation, PayrollLine } from '../../../domain/payroll/line.ts';
import type { ControlTotals } from '../../../domain/payroll/totals.ts';
import { scopeToJurisdiction } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { children } from '../children/children.schema.ts';
import { payeeAccounts, payrollExplanations, payrollLines, payrollRuns } from './payroll.schema.ts';

export type RunRow = typeof payrollRuns.$inferSelect;
/** A stored line with its explanation (kept once per run and wording in payroll_explanations). */
export type LineRow = typeof payrollLines.$inferSelect & { explanation: LineExplanation };

/** The columns of a line with its explanation, for `db.select`. */
const explainedLine = { ...getTableColumns(payrollLines), explanation: payrollExplanations.explanation };

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;

export function toLine(r: LineRow): PayrollLine {
  return {
    id: r.id,
    childId: r.childId,
    month: r.month,
    forMonth: r.forMonth,
    item: r.item as PayrollLine['item'],
    ...(r.placement ? { placement: r.placement as NonNullable<PayrollLine['placement']> } : {}),
    category: r.category as PayrollLine['category'],
    amountFen: r.amountFen,
    payingRegion: r.payingRegion,
    hukouRegion: r.hukouRegion,
    kind: r.kind as PayrollLine['kind'],
    source: r.source,
    explanation: r.explanation,
  };
}

export interface LineFilter {
  item?: string;
  township?: string;
  kind?: string;
  bankStatus?: string;
  page: number;
  pageSize: number;
}

export const payrollRepo = {
  /** Serialises generation of one county-month across processes (released at commit). */
  async lockCountyMonth(db: Db, county: string, month: string): Promise<void> {
    await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`payroll:${county}:${month}`}))`);
  },
  async findRun(db: Db, county: string, month: string): Promise<RunRow | undefined> {
    const [row] = await db
      .select()
      .from(payrollRuns)
      .where(and(eq(payrollRuns.region, county), eq(payrollRuns.month, month)));
    return row;
  },
  async findRunById(db: Db, id: string): Promise<RunRow | undefined> {
    const [row] = await db.select().from(payrollRuns).where(eq(payrollRuns.id, id));
    return row;
  },
  async insertRun(db: Db, values: typeof payrollRuns.$inferInsert): Promise<RunRow> {
    const [row] = await db.insert(payrollRuns).values(values).returning();
    return row!;
  },
  async updateRun(db: Db, id: string, values: Partial<typeof payrollRuns.$inferInsert>): Promise<RunRow> {
    const [row] = await db.update(payrollRuns).set(values).where(eq(payrollRuns.id, id)).returning();
    return row!;
  },
  async listRuns(db: Db, actor: Actor, q: { region?: string; month?: string }) {
    const where: SQL[] = [scopeToJurisdiction(payrollRuns.region, actor)];
    if (q.region) where.push(like(payrollRuns.region, `${q.region}%`));
    if (q.month) where.push(eq(payrollRuns.month, q.month));
    return db
      .select()
      .from(payrollRuns)
      .where(and(...where))
      .orderBy(desc(payrollRuns.month), asc(payrollRuns.region))
      .limit(500);
  },
  async deleteLines(db: Db, runId: string): Promise<void> {
    await db.delete(payrollLines).where(eq(payrollLines.runId, runId));
    await db.delete(payrollExplanations).where(eq(payrollExplanations.runId, runId));
  },
  /** The first month the system holds a payroll for the county (earlier months were paid elsewhere). */
  async firstMonth(db: Db, county: string): Promise<string | undefined> {
    const [row] = await db
      .select({ m: sql<string | null>`min(${payrollRuns.month})` })
      .from(payrollRuns)
      .where(eq(payrollRuns.region, county));
    return row?.m ?? undefined;
  },
  /**
   * Stored lines of payrolls before `month` for these children (what was paid, failed included),
   * for entitlement months from `from` on (earlier months are not settled).
   */
  async linesBefore(
    db: Db,
    childIds: readonly string[],
    month: string,
    from = '0000-00',
  ): Promise<PayrollLine[]> {
    if (childIds.length === 0) return [];
    const res = await db.execute(sql`
      select l.*, e.explanation from payroll_lines l join payroll_explanations e on e.id = l.explanation_id
       where l.child_id = any(${sql.param([...childIds])}::uuid[]) and l.month < ${month} and l.for_month >= ${from}`);
    return rowsOf<Record<string, unknown>>(res).map((r) =>
      toLine({
        id: r.id,
        runId: r.run_id,
        childId: r.child_id,
        month: r.month,
        forMonth: r.for_month,
        item: r.item,
        placement: r.placement,
        category: r.category,
        amountFen: Number(r.amount_fen),
        payingRegion: r.paying_region,
        hukouRegion: r.hukou_region,
        kind: r.kind,
        source: r.source,
        explanationId: Number(r.explanation_id),
        explanation: r.explanation,
        bankStatus: r.bank_status,
        failureReason: r.failure_reason,
      } as LineRow),
    );
  },
  /** Failed bank lines of earlier payrolls of the county that no reissue redelivers yet. */
  async failedUnreissued(db: Db, county: string, month: string): Promise<PayrollLine[]> {
    const rows = await db
      .select(explainedLine)
      .from(payrollLines)
      .innerJoin(payrollExplanations, eq(payrollExplanations.id, payrollLines.explanationId))
      .where(
        and(
          eq(payrollLines.payingRegion, county),
          sql`${payrollLines.month} < ${month}`,
          eq(payrollLines.bankStatus, 'failed'),
          sql`not exists (select 1 from payroll_lines r where r.kind = 'reissue' and r.source = ${payrollLines.id})`,
        ),
      );
    return rows.map(toLine);
  },
  /**
   * Set-based: one statement over one JSON document of the lines (json_to_recordset reads the
   * domain's own field names), which costs far less to send and parse than fourteen arrays. Each
   * distinct explanation is stored once for the run and referenced by its lines.
   */
  async insertLines(db: Db, runId: string, lines: readonly PayrollLine[]): Promise<void> {
    if (lines.length === 0) return;
    await db.execute(sql`
      with u as (
        select * from json_to_recordset(${JSON.stringify(lines)}::json)
          as u(id text, "childId" uuid, month varchar, "forMonth" varchar, item varchar, placement varchar,
               category varchar, "amountFen" int, "payingRegion" varchar, "hukouRegion" varchar, kind varchar,
               source text, explanation jsonb)),
      e as (
        insert into payroll_explanations (run_id, explanation)
        select distinct ${runId}::uuid, explanation from u returning id, explanation)
      insert into payroll_lines (id, run_id, child_id, month, for_month, item, placement, category, amount_fen,
                                 paying_region, hukou_region, kind, source, explanation_id)
      select u.id, ${runId}::uuid, u."childId", u.month, u."forMonth", u.item, u.placement, u.category,
             u."amountFen", u."payingRegion", u."hukouRegion", u.kind, u.source, e.id
        from u join e on e.explanation = u.explanation
      on conflict do nothing`);
  },
  async lines(db: Db, runId: string, q: LineFilter) {
    const where: SQL[] = [eq(payrollLines.runId, runId)];
    if (q.item) where.push(eq(payrollLines.item, q.item));
    if (q.kind) where.push(eq(payrollLines.kind, q.kind));
    if (q.bankStatus) where.push(eq(payrollLines.bankStatus, q.bankStatus));
    if (q.township) where.push(like(payrollLines.hukouRegion, `${q.township}%`));
    const cond = and(...where);
    const [items, [count]] = await Promise.all([
      db
        .select({
          line: explainedLine,
          name: children.name,
          bank: payeeAccounts.bank,
          account: payeeAccounts.account,
        })
        .from(payrollLines)
        .innerJoin(payrollExplanations, eq(payrollExplanations.id, payrollLines.explanationId))
        .innerJoin(children, eq(children.id, payrollLines.childId))
        .leftJoin(payeeAccounts, eq(payeeAccounts.childId, payrollLines.childId))
        .where(cond)
        .orderBy(asc(payrollLines.hukouRegion), asc(children.name), asc(payrollLines.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db
        .select({ n: sql<number>`count(*)::int` })
        .from(payrollLines)
        .where(cond),
    ]);
    return { items, total: count?.n ?? 0 };
  },
  /** Lines a bank transfers (positive amounts), with the payee account. */
  async transferLines(db: Db, runId: string) {
    return db
      .select({
        line: payrollLines,
        name: children.name,
        bank: payeeAccounts.bank,
        account: payeeAccounts.account,
      })
      .from(payrollLines)
      .innerJoin(children, eq(children.id, payrollLines.childId))
      .leftJoin(payeeAccounts, eq(payeeAccounts.childId, payrollLines.childId))
      .where(and(eq(payrollLines.runId, runId), sql`${payrollLines.amountFen} > 0`))
      .orderBy(asc(payrollLines.hukouRegion), asc(payrollLines.id));
  },
  async bankSummary(db: Db, runId: string) {
    const res = await db.execute(sql`
      select coalesce(a.bank, '') as bank, l.bank_status as status, count(*)::int as n,
             coalesce(sum(l.amount_fen), 0)::bigint as fen
        from payroll_lines l left join payee_accounts a on a.child_id = l.child_id
       where l.run_id = ${runId}::uuid and l.amount_fen > 0
       group by 1, 2 order by 1, 2`);
    return rowsOf<{ bank: string; status: string; n: number; fen: string | number }>(res).map((r) => ({
      ...r,
      fen: Number(r.fen),
    }));
  },
  async setBankResults(
    db: Db,
    runId: string,
    results: readonly { id: string; status: 'paid' | 'failed'; reason: string | null }[],
  ): Promise<void> {
    if (results.length === 0) return;
    await db.execute(sql`
      update payroll_lines l set bank_status = u.status, failure_reason = u.reason
        from unnest(${sql.param(results.map((r) => r.id))}::text[], ${sql.param(results.map((r) => r.status))}::varchar[],
                    ${sql.param(results.map((r) => r.reason))}::text[]) as u(id, status, reason)
       where l.id = u.id and l.run_id = ${runId}::uuid`);
  },
  async hasReissue(db: Db, lineIds: readonly string[]): Promise<Set<string>> {
    if (lineIds.length === 0) return new Set();
    const res = await db.execute(sql`
      select source from payroll_lines where kind = 'reissue' and source = any(${sql.param([...lineIds])}::text[])`);
    return new Set(rowsOf<{ source: string }>(res).map((r) => r.source));
  },
  async upsertAccount(db: Db, childId: string, bank: string, account: string): Promise<void> {
    await db
      .insert(payeeAccounts)
      .values({ childId, bank, account })
      .onConflictDoUpdate({ target: payeeAccounts.childId, set: { bank, account, updatedAt: new Date() } });
  },
};

export type Totals = ControlTotals;
