import type { BenefitPlacement } from '../../../domain/eligibility/codes.ts';
import type { StandardCode, Standards } from '../../../domain/policy/pack.ts';

export interface ComparisonRow {
  code: StandardCode;
  placement: BenefitPlacement;
  current?: number;
  proposed?: number;
  /** proposed − current, fen; undefined when either is unset. */
  increment?: number;
}

const CODES: StandardCode[] = ['orphan-allowance', 'fuc-allowance', 'hiv-allowance'];
const PLACEMENTS: BenefitPlacement[] = ['institution', 'scattered'];

/**
 * Current (resolved) standards beside the proposal's. The proposal carries only the pack's own
 * standards; anything it leaves out stays as inherited, as when the pack is resolved.
 */
export function compareStandards(current: Standards, proposed: Standards): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const code of CODES) {
    for (const placement of PLACEMENTS) {
      const now = current[code]?.[placement];
      const next = proposed[code]?.[placement] ?? now;
      if (now === undefined && next === undefined) continue;
      rows.push({
        code,
        placement,
        current: now,
        proposed: next,
        increment: now !== undefined && next !== undefined ? next - now : undefined,
      });
    }
  }
  return rows;
}
