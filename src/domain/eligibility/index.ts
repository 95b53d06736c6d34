/** Eligibility: ChildFacts in, Determination out (interchange.md §1–§2), plus start and exit. */
export * from './codes.ts';
export {
  ChildFacts,
  childFactsSchema,
  parseChildFacts,
  type ChildFactsInput,
  type ParseResult,
} from './facts.ts';
export { Benefit, Determination, Explanation, PolicyRef } from './determination.ts';
export { evaluate, evaluateJson, packForFacts } from './evaluate.ts';
export { benefitStartMonth, detectExit, exitSchedule, type ExitDecision } from './exits.ts';
