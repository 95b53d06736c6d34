import type { PolicyPack } from '../policy/pack.ts';
import type { YearMonth } from '../shared/dates.ts';
import { validationError } from '../shared/errors.ts';
import { entitlementForMonth } from './entitlement.ts';
import type { PayrollLine } from './line.ts';
import type { Instant, PayrollRecord } from './record.ts';
import { totals } from './totals.ts';

/**
 * Budget forecast (domain.md §7): the regular payroll of each month of `year` for the children
 * on file, under the packs in force and, if given, under a proposed pack version treated as
 * approved. Children confirmed later or exits not yet known are, by nature, not in it; ages,
 * prison terms and other dated facts are (a child turning 18 leaves with its 渐退期).
 */

/** Forecasts use every recorded fact version unless told otherwise. */
export const LATEST: Instant = '9999-12-31T23:59:59Z';

export interface ForecastMonth {
  month: YearMonth;
  totalFen: number;
  byItem: Record<string, number>;
}

export interface ForecastScenario {
  totalFen: number;
  byItem: Record<string, number>;
  months: ForecastMonth[];
}

export interface Forecast {
  year: number;
  current: ForecastScenario;
  proposed?: ForecastScenario;
  /** proposed − current. */
  differenceFen?: number;
}

function scenario(
  children: readonly PayrollRecord[],
  year: number,
  packs: readonly PolicyPack[],
  knownAt: Instant,
): ForecastScenario {
  const months: ForecastMonth[] = [];
  const all: PayrollLine[] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    const lines = children.flatMap((c) => entitlementForMonth(c, month, packs, knownAt));
    const t = totals(lines);
    months.push({ month, totalFen: t.totalFen, byItem: t.byItem });
    all.push(...lines);
  }
  const t = totals(all);
  return { totalFen: t.totalFen, byItem: t.byItem, months };
}

/** The packs with `proposed` in force as if approved (replacing a same-version pack). */
export function withProposedPack(packs: readonly PolicyPack[], proposed: PolicyPack): PolicyPack[] {
  const approved: PolicyPack = { ...proposed, status: 'approved' };
  return [...packs.filter((p) => !(p.id === approved.id && p.version === approved.version)), approved];
}

export function forecast(
  children: readonly PayrollRecord[],
  year: number,
  packs: readonly PolicyPack[],
  proposedPack?: PolicyPack,
  knownAt: Instant = LATEST,
): Forecast {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw validationError(`年份无效：${year}`, [{ path: 'year', message: '年份应为 1–9999 的整数' }]);
  }
  const current = scenario(children, year, packs, knownAt);
  if (!proposedPack) return { year, current };
  const proposed = scenario(children, year, withProposedPack(packs, proposedPack), knownAt);
  return { year, current, proposed, differenceFen: proposed.totalFen - current.totalFen };
}
