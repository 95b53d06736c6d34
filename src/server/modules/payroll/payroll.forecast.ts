import type { Actor } from '../../../domain/access/access.ts';
import { Permission } from '../../../domain/access/roles.ts';
import { forecast, type ForecastScenario } from '../../../domain/payroll/index.ts';
import { PolicyPack } from '../../../domain/policy/pack.ts';
import { validationError } from '../../../domain/shared/errors.ts';
import { normalizeRegionCode } from '../../../domain/shared/region-code.ts';
import { assertAccess } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import type { ChildrenService } from '../children/children.service.ts';
import { BATCH } from './payroll.service.ts';

/**
 * Next year's cost (domain.md §7) for a jurisdiction: the domain forecast per streamed batch of
 * children, added up by month and item, under the packs in force and a proposed pack version.
 */
function addInto(into: ForecastScenario | undefined, part: ForecastScenario): ForecastScenario {
  if (!into) return part;
  const add = (a: Record<string, number>, b: Record<string, number>) => {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
    return Object.fromEntries(Object.entries(out).sort(([x], [y]) => x.localeCompare(y)));
  };
  return {
    totalFen: into.totalFen + part.totalFen,
    byItem: add(into.byItem, part.byItem),
    months: into.months.map((m, i) => {
      const p = part.months[i]!;
      return { month: m.month, totalFen: m.totalFen + p.totalFen, byItem: add(m.byItem, p.byItem) };
    }),
  };
}

function proposedPackOf(raw: unknown): PolicyPack | undefined {
  if (raw === undefined || raw === null) return undefined;
  const candidate = (raw as { proposal?: unknown }).proposal ?? raw;
  const r = PolicyPack.safeParse(candidate);
  if (!r.success) {
    throw validationError('拟调整政策包格式有误', [
      { path: 'proposal', message: r.error.issues[0]?.message ?? '格式错误' },
    ]);
  }
  return r.data;
}

export function makePayrollForecast(deps: {
  db: Db;
  children: ChildrenService;
  packs: () => readonly PolicyPack[];
}) {
  return {
    async forecast(actor: Actor, input: { region: string; year: number; proposal?: unknown }) {
      assertAccess(actor, Permission.payrollRead, undefined, '辖区');
      const region = normalizeRegionCode(input.region);
      if (!region) throw validationError('区划代码无效', [{ path: 'region', message: '区划代码无效' }]);
      assertAccess(actor, Permission.payrollRead, region, '辖区');
      const proposed = proposedPackOf(input.proposal);
      let current: ForecastScenario | undefined;
      let next: ForecastScenario | undefined;
      let children = 0;
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const batch = await deps.children.payrollRecords(deps.db, region, after, BATCH);
        if (batch.length === 0) break;
        const f = forecast(batch, input.year, deps.packs(), proposed);
        current = addInto(current, f.current);
        if (f.proposed) next = addInto(next, f.proposed);
        children += batch.length;
        after = batch.at(-1)!.childId;
      }
      const empty = forecast([], input.year, deps.packs(), proposed);
      const cur = current ?? empty.current;
      const prop = proposed ? (next ?? empty.proposed) : undefined;
      return {
        year: input.year,
        region,
        children,
        current: cur,
        ...(prop ? { proposed: prop, differenceFen: prop.totalFen - cur.totalFen } : {}),
      };
    },
  };
}
