import { z } from 'zod';
import { PlainDate } from '../shared/dates.ts';
import { NonNegativeFen } from '../shared/money.ts';
import { BenefitCode, BenefitPlacement, CategoryCode } from './codes.ts';

/** The Determination, exactly as interchange.md §2 (extended only by optional fields). */

export const PolicyRef = z.object({ id: z.string(), version: PlainDate });
export type PolicyRef = z.output<typeof PolicyRef>;

export const Explanation = z.object({
  /** Which rule fired: a category code or a benefit rule name. */
  rule: z.string(),
  /** One Chinese sentence. */
  text: z.string(),
  /** Document number and clause. */
  basis: z.string(),
});
export type Explanation = z.output<typeof Explanation>;

export const Benefit = z.object({
  code: BenefitCode,
  placement: BenefitPlacement,
  standardFen: NonNegativeFen,
  /** After 补差. */
  monthlyFen: NonNegativeFen,
  /**
   * Extension: a migrant child's 补差发放 where they live (ADR 0003). Paid by the residence
   * jurisdiction under `policy`; monthlyFen is only the difference, never a second allowance.
   */
  topUp: z.boolean().optional(),
  policy: PolicyRef.optional(),
});
export type Benefit = z.output<typeof Benefit>;

export const Determination = z.object({
  asOf: PlainDate,
  policy: PolicyRef,
  age: z.number().int().min(0),
  categories: z.array(CategoryCode),
  benefits: z.array(Benefit),
  monthlyTotalFen: NonNegativeFen,
  explanations: z.array(Explanation),
  warnings: z.array(z.string()),
});
export type Determination = z.output<typeof Determination>;
