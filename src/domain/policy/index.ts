/** Policy packs: schema, ids, selection with inheritance, validation, parameters, adjustment. */
export { PolicyPack, PACK_DEFAULTS, Standards, type EffectivePack, type PolicyPackInput } from './pack.ts';
export { canonicalPackId, jurisdictionOfPackId, NATIONAL_PACK_ID, packIdForJurisdiction } from './pack-id.ts';
export { findPackVersion, getPack, packChain, resolvePack, selectPack } from './resolve.ts';
export { loadPolicyPacks, validatePack } from './validate.ts';
export { deadlineFor, schoolYearGrantFen, visitIntervalMonths, type DeadlineStep } from './parameters.ts';
export {
  ADJUSTMENT_PERCENTS,
  monthlyIncrementFen,
  proposeAdjustment,
  type AdjustmentProposal,
} from './adjustment.ts';
export { standardLabel } from './labels.ts';
