import { benefitStartMonth } from '../eligibility/exits.ts';
import type { PolicyPack } from '../policy/pack.ts';
import { addYearMonths, type YearMonth } from '../shared/dates.ts';
import { entitlementDetail, yuan } from './entitlement.ts';
import {
  ITEM_LABELS,
  LINE_KIND_LABELS,
  monthText,
  withId,
  type LineExplanation,
  type PaidLine,
  type PayrollItem,
  type PayrollLine,
} from './line.ts';
import type { Instant, PayrollRecord } from './record.ts';

/**
 * Corrections (ADR 0005). Paid months are never rewritten: when the entitlement of an earlier
 * month, as known now, differs from what was paid for it, the difference becomes a new line in
 * the current payroll — 补发 (back-pay, positive) or 追回 (recovery, negative) — that names the
 * month it settles (`forMonth`, `source`).
 *
 * What counts as paid for a month and item: every stored line for it except reissues. A failed
 * bank line still counts, because its money is delivered by exactly one reissue line; the
 * reissue redelivers, it adds no entitlement. So for every month and item:
 *   Σ amountFen of its regular, back-pay and recovery lines = the entitlement as known now.
 */

const BASIS_CORRECTION = '民发〔2019〕62号（按月足额发放，多退少补）';

export interface SettleOptions {
  /**
   * First month to settle. Months before it are left as they are, paid or not: pass the month
   * the system went live (history kept elsewhere is not paid again), or the earliest month a
   * change since the last payroll can affect (fact-versions, a retroactive pack) to keep each
   * run short. Default: every month from the benefit start and every month with a stored line.
   */
  from?: YearMonth;
}

type Key = string;
const keyOf = (item: PayrollItem, payingRegion: string): Key => `${item}|${payingRegion}`;

interface Side {
  fen: number;
  template: PayrollLine;
}

function sumBy(lines: readonly PayrollLine[]): Map<Key, Side> {
  const out = new Map<Key, Side>();
  for (const l of lines) {
    const k = keyOf(l.item, l.payingRegion);
    const prev = out.get(k);
    out.set(k, { fen: (prev?.fen ?? 0) + l.amountFen, template: prev?.template ?? l });
  }
  return out;
}

/** The months to settle: [start, month) plus earlier months with a stored line, from `from` on. */
function monthsToSettle(
  record: PayrollRecord,
  month: YearMonth,
  paid: readonly PaidLine[],
  from?: YearMonth,
): YearMonth[] {
  const months = new Set<YearMonth>(paid.map((l) => l.forMonth));
  const start = benefitStartMonth(record.confirmedOn);
  for (let m = from !== undefined && from > start ? from : start; m < month; m = addYearMonths(m, 1)) {
    months.add(m);
  }
  return [...months].filter((m) => m < month && (from === undefined || m >= from)).sort();
}

/**
 * Back-pay and recovery lines, in payroll `month`, for every earlier month whose entitlement as
 * known at `knownAt` differs from what `paidBefore` (stored lines of payrolls before `month`,
 * failed ones included) paid for it. Deterministic: calling it again with the same inputs gives
 * the same lines with the same ids.
 */
export function settle(
  record: PayrollRecord,
  month: YearMonth,
  paidBefore: readonly PaidLine[],
  packs: readonly PolicyPack[],
  knownAt: Instant,
  options: SettleOptions = {},
): PayrollLine[] {
  const paid = paidBefore.filter(
    (l) => l.childId === record.childId && l.month < month && l.kind !== 'reissue',
  );
  const out: PayrollLine[] = [];
  for (const m of monthsToSettle(record, month, paid, options.from)) {
    const due = entitlementDetail(record, m, packs, knownAt);
    const dueBy = sumBy(due.lines);
    const paidBy = sumBy(paid.filter((l) => l.forMonth === m));
    for (const k of [...new Set([...dueBy.keys(), ...paidBy.keys()])].sort()) {
      const d = dueBy.get(k);
      const p = paidBy.get(k);
      const diff = (d?.fen ?? 0) - (p?.fen ?? 0);
      if (diff === 0) continue;
      const template = (d ?? p)?.template;
      if (!template) continue;
      const why: LineExplanation = (d && due.reasons[d.template.id]) ?? {
        text: due.notes.map((n) => n.text).join('；') || '按现有记录不应发放',
        basis: due.notes[0]?.basis ?? BASIS_CORRECTION,
      };
      const kind = diff > 0 ? 'back-pay' : 'recovery';
      out.push(
        withId({
          childId: record.childId,
          month,
          forMonth: m,
          item: template.item,
          ...(template.placement !== undefined && { placement: template.placement }),
          category: template.category,
          amountFen: diff,
          payingRegion: template.payingRegion,
          hukouRegion: template.hukouRegion,
          kind,
          source: m,
          explanation: {
            text:
              `${monthText(m)}${ITEM_LABELS[template.item]}应发${yuan(d?.fen ?? 0)}，` +
              `已发${yuan(p?.fen ?? 0)}，${LINE_KIND_LABELS[kind]}${yuan(Math.abs(diff))}（${why.text}）`,
            basis: `${why.basis}；${BASIS_CORRECTION}`,
          },
        }),
      );
    }
  }
  return out;
}

/**
 * Reissue lines (重发) for failed bank lines: one per failed line, in the payroll after the
 * failed line's (or `month`), keyed by the failed line's id as `source` — so calling it again,
 * or with the same failed line twice, yields the same single line. Recovery lines are not bank
 * transfers and are never reissued.
 */
export function reissue(failedLines: readonly PayrollLine[], month?: YearMonth): PayrollLine[] {
  const out = new Map<string, PayrollLine>();
  for (const f of failedLines) {
    if (f.amountFen <= 0) continue;
    const inMonth = month ?? addYearMonths(f.month, 1);
    const line = withId({
      childId: f.childId,
      month: inMonth,
      forMonth: f.forMonth,
      item: f.item,
      ...(f.placement !== undefined && { placement: f.placement }),
      category: f.category,
      amountFen: f.amountFen,
      payingRegion: f.payingRegion,
      hukouRegion: f.hukouRegion,
      kind: 'reissue',
      source: f.id,
      explanation: {
        text: `${monthText(f.month)}${LINE_KIND_LABELS[f.kind]}的${ITEM_LABELS[f.item]}${yuan(f.amountFen)}银行发放失败，于${monthText(inMonth)}重发`,
        basis: '银行回盘失败记录',
      },
    });
    out.set(line.id, line);
  }
  return [...out.values()];
}
