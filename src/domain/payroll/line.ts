import { z } from 'zod';
import { BenefitCode, BenefitPlacement, CategoryCode } from '../eligibility/codes.ts';
import { YearMonth } from '../shared/dates.ts';
import { Fen } from '../shared/money.ts';

/**
 * Payroll lines (ADR 0005). One line per child, payroll month, item, paying county, kind and
 * source. Amounts are integer fen; only recovery lines are negative, so every total is a plain
 * sum and a child's net for a month is the sum of its lines.
 */

export const SCHOOL_YEAR_GRANT = 'school-year-grant' as const;
export const PayrollItem = z.union([BenefitCode, z.literal(SCHOOL_YEAR_GRANT)]);
export type PayrollItem = z.output<typeof PayrollItem>;

export const LINE_KINDS = ['regular', 'back-pay', 'recovery', 'reissue'] as const;
export const LineKind = z.enum(LINE_KINDS);
export type LineKind = z.output<typeof LineKind>;

export const LINE_KIND_LABELS: Record<LineKind, string> = {
  regular: '正常发放',
  'back-pay': '补发',
  recovery: '追回',
  reissue: '重发',
};

export const ITEM_LABELS: Record<PayrollItem, string> = {
  'orphan-allowance': '孤儿基本生活费',
  'fuc-allowance': '事实无人抚养儿童基本生活补贴',
  'hiv-allowance': '艾滋病病毒感染儿童基本生活费',
  'hardship-allowance': '困境儿童生活补贴',
  'school-year-grant': '助学金',
};

export const LineExplanation = z.object({
  /** One Chinese sentence. */
  text: z.string(),
  /** Document number and clause. */
  basis: z.string(),
});
export type LineExplanation = z.output<typeof LineExplanation>;

export const PayrollLine = z
  .object({
    /** Deterministic: the idempotency key (lineId). */
    id: z.string(),
    childId: z.string().min(1),
    /** The payroll the line is paid in. */
    month: YearMonth,
    /** The month of entitlement the line settles (= month for regular lines). */
    forMonth: YearMonth,
    item: PayrollItem,
    placement: BenefitPlacement.optional(),
    /** The category the item pays for (control totals). */
    category: CategoryCode,
    /** ≥ 0, except recovery lines (< 0). */
    amountFen: Fen,
    /** Six-digit county whose payroll carries the line (户籍 county; residence county for 补差发放). */
    payingRegion: z.string().regex(/^\d{6}$/),
    /** The record's 户籍 code (control totals by township). */
    hukouRegion: z.string(),
    kind: LineKind,
    /** '' for regular lines, the corrected month for back-pay/recovery, the failed line id for reissue. */
    source: z.string(),
    explanation: LineExplanation,
  })
  .superRefine((l, ctx) => {
    const negative = l.amountFen < 0;
    if (negative !== (l.kind === 'recovery')) {
      ctx.addIssue({ code: 'custom', path: ['amountFen'], message: '仅追回行金额为负数' });
    }
  });
export type PayrollLine = z.output<typeof PayrollLine>;

/** What was paid or approved for earlier months: stored payroll lines, failed ones included. */
export const PaidLine = PayrollLine;
export type PaidLine = PayrollLine;

/**
 * The idempotency key: (child, payroll month, item, paying county, kind, source). The server
 * makes it a unique constraint, so re-running a month or importing the same bank return twice
 * never adds a line. The paying county is part of it because a migrant child's allowance is
 * split between the 户籍 and the residence county under the same item.
 */
export function lineId(
  l: Pick<PayrollLine, 'childId' | 'month' | 'item' | 'payingRegion' | 'kind' | 'source'>,
): string {
  return [l.childId, l.month, l.item, l.payingRegion, l.kind, l.source].join('|');
}

export type LineDraft = Omit<PayrollLine, 'id'>;

export function withId(draft: LineDraft): PayrollLine {
  return { id: lineId(draft), ...draft };
}

/** "2025年3月". */
export function monthText(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}
