/** Cross-department matching (信息比对): rosters, names, keyed hashes, leads (ADR 0006). */
export * from './roster-types.ts';
export {
  ROSTER_COLUMNS,
  formatCellErrors,
  missingColumns,
  missingColumnsMessage,
  parseRosterRow,
  type RosterColumns,
} from './roster-columns.ts';
export { cleanCell, normalizeIdText, parseDateCell } from './roster-values.ts';
export { NAME_SCORES, nameSimilarity, namePinyin, normalizeName } from './names.ts';
export { canonicalJson, dedupeKey, idKey, nameBirthKey, type KeyedHash } from './keys.ts';
export {
  contentKeyOf,
  invalidIdentity,
  toKeyedRecord,
  registryEntryOf,
  toRegistryEntry,
  toRosterRecord,
  type EvidenceSource,
  type KeyedRecord,
  type RecordData,
  type RegisteredChild,
  type RegistryEntry,
  type RosterRecord,
} from './records.ts';
export { REVIEW_RULES, applyEvidence, type ReviewRule, type SuggestedChange } from './evidence.ts';
export { FUZZY_MATCH_THRESHOLD, buildCases, type PersonCase, type PersonEvidence } from './cases.ts';
export * from './lead-types.ts';
export {
  NAME_MISMATCH_THRESHOLD,
  decideLeads,
  matchRosters,
  type MatchContext,
  type MatchInput,
} from './leads.ts';
