import {
  entitlementDetail,
  lineId,
  mergeTotals,
  repeatTotals,
  settle,
  shapeRecord,
  totals,
  type ControlTotals,
  type PayrollLine,
  type Shape,
} from '../../../domain/payroll/index.ts';
import { conflict } from '../../../domain/shared/errors.ts';
import type { PolicyPack } from '../../../domain/policy/pack.ts';
import { addYearMonths } from '../../../domain/shared/dates.ts';
import type { Db } from '../../platform/db.ts';
import { payrollRepo } from './payroll.repo.ts';
import { shapesRepo } from './payroll.shapes.ts';

/**
 * The lines of one county-month, written inside the caller's transaction (ADR 0005, "Speed").
 *
 * The entitlement is a pure function of a child's shape (domain/payroll/memo.ts): the 户籍
 * code, confirmation date, exit and anonymous facts document as known at the payroll's instant,
 * the month and the packs. So the database groups the county's children by shape; the rules
 * engine evaluates each distinct shape once, page by page (never the whole roster in memory);
 * and one INSERT … SELECT gives every child its shape's lines, each with its own line id and the
 * engine's explanation. Earlier months are settled per child with the domain's `settle`, only
 * for the children whose stored lines differ from what their shape is owed now.
 */
export const BATCH = 2000;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export interface CountyMonth {
  runId: string;
  county: string;
  month: string;
  /** First month to settle (the county's first payroll in the system, or this month). */
  from: string;
  knownAt: string;
  /** Lines written before the children's (reissues). */
  before: readonly PayrollLine[];
}

export interface Generated {
  totals: ControlTotals;
  childCount: number;
  shapes: number;
  unsettled: number;
}

/** Earlier months [from, month). */
function monthsBetween(from: string, month: string): string[] {
  const out: string[] = [];
  for (let m = from; m < month; m = addYearMonths(m, 1)) out.push(m);
  return out;
}

/** Shapes of the unsettled children, kept while they repeat (bounded: never the whole roster). */
const KEEP_SHAPES = 10_000;

export async function generateLines(
  tx: Db,
  packs: readonly PolicyPack[],
  job: CountyMonth,
  progress: (n: number) => void,
): Promise<Generated> {
  const { county, month, from, knownAt, runId } = job;
  /**
   * The county's payroll carries the lines it pays: its 户籍 children's allowances, and the
   * top-ups (补差发放, domain.md §4) of children who live here with a lower standard at home —
   * whose 户籍 county pays only its own standard. Corrections follow the same split (settle
   * compares per paying county).
   */
  const paidHere = (lines: PayrollLine[]) => lines.filter((l) => l.payingRegion === county);
  const earlier = monthsBetween(from, month);
  await payrollRepo.insertLines(tx, runId, job.before);
  const parts: ControlTotals[] = [totals(job.before)];
  let regularChildren = 0;
  let children = 0;

  /** Shapes by id, read back as the database built them; refused if a file changed meanwhile. */
  async function shapesOf(page: Awaited<ReturnType<typeof shapesRepo.page>>) {
    if (page.some((p) => p.same !== true)) {
      throw conflict('生成期间有儿童档案被修改，请重新生成本月发放表');
    }
    return page;
  }

  const shapes = await shapesRepo.group(tx, county, knownAt);
  if (earlier.length > 0) await shapesRepo.createDue(tx);
  for (let after = 0; ;) {
    const page = await shapesOf(await shapesRepo.page(tx, county, knownAt, { after, limit: BATCH }));
    if (page.length === 0) break;
    const templates: { shapeId: number; line: PayrollLine; suffix: string }[] = [];
    const due: { shapeId: number; forMonth: string; item: string; payingRegion: string; fen: number }[] = [];
    for (const { shape_id: shapeId, shape, n } of page) {
      const record = shapeRecord(shape);
      const lines = paidHere(entitlementDetail(record, month, packs, knownAt).lines);
      for (const line of lines) templates.push({ shapeId, line, suffix: lineId({ ...line, childId: '' }) });
      if (lines.length > 0) regularChildren += n;
      parts.push(repeatTotals(totals(lines), n));
      for (const m of earlier) {
        const sums = new Map<string, (typeof due)[number]>();
        for (const l of paidHere(entitlementDetail(record, m, packs, knownAt).lines)) {
          const key = `${l.item}|${l.payingRegion}`;
          const s = sums.get(key) ?? {
            shapeId,
            forMonth: m,
            item: l.item,
            payingRegion: l.payingRegion,
            fen: 0,
          };
          sums.set(key, { ...s, fen: s.fen + l.amountFen });
        }
        due.push(...sums.values());
      }
      children += n;
    }
    await shapesRepo.addTemplates(tx, runId, templates);
    await shapesRepo.addDue(tx, due);
    after = page.at(-1)!.shape_id;
    progress(Math.round(children / 2));
  }
  await shapesRepo.expand(tx, runId);

  let unsettled = 0;
  if (earlier.length > 0 && (await shapesRepo.markUnsettled(tx, county, month, from)) > 0) {
    const known = new Map<number, Shape>();
    for (let after = FIRST_ID; ;) {
      const batch = await shapesRepo.unsettled(tx, after, BATCH);
      if (batch.length === 0) break;
      const missing = [...new Set(batch.map((b) => b.shape_id))].filter((id) => !known.has(id));
      if (known.size + missing.length > KEEP_SHAPES) known.clear();
      for (const p of await shapesOf(await shapesRepo.page(tx, county, knownAt, { ids: missing }))) {
        known.set(p.shape_id, p.shape);
      }
      const paid = new Map<string, PayrollLine[]>();
      const ids = batch.map((b) => b.child_id);
      for (const l of await payrollRepo.linesBefore(tx, ids, month, from)) {
        paid.set(l.childId, [...(paid.get(l.childId) ?? []), l]);
      }
      const lines = batch.flatMap((b) => {
        const record = shapeRecord(known.get(b.shape_id)!, b.child_id);
        return paidHere(settle(record, month, paid.get(b.child_id) ?? [], packs, knownAt, { from }));
      });
      await payrollRepo.insertLines(tx, runId, lines);
      parts.push(totals(lines));
      unsettled += batch.length;
      after = batch.at(-1)!.child_id;
    }
  }
  progress(children);
  const childCount = regularChildren + (await shapesRepo.childrenWithoutRegular(tx, runId, month));
  return { totals: { ...mergeTotals(parts), childCount }, childCount, shapes, unsettled };
}
