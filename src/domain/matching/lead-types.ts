import { CATEGORY_CODES, CATEGORY_LABELS, type CategoryCode } from '../eligibility/codes.ts';
import type { PolicyRef } from '../eligibility/determination.ts';
import type { Fen } from '../shared/money.ts';
import { REVIEW_RULES, type ReviewRule, type SuggestedChange } from './evidence.ts';
import type { EvidenceSource } from './records.ts';

/** Leads: what cross-matching proposes to a township (domain.md §8, interchange.md §5). */

export const LEAD_TYPES = ['discover', 'review', 'conflict', 'data-quality'] as const;
export type LeadType = (typeof LEAD_TYPES)[number];

export type DiscoverRule = `discover.${CategoryCode}`;

export const CONFLICT_RULES = {
  'conflict.duplicate-file': '同一公民身份号码存在多份儿童档案',
  'conflict.paid-in-two-counties': '同一儿童在两个县（市、区）享受保障',
  'conflict.tekun-and-allowance': '特困人员救助供养与孤儿（事实无人抚养儿童）基本生活费重复享受',
} as const;
export type ConflictRule = keyof typeof CONFLICT_RULES;

export const DATA_QUALITY_RULES = {
  'data-quality.id-check-digit': '名单中公民身份号码校验位错误，按姓名和出生日期疑似为本儿童',
  'data-quality.name-mismatch': '公民身份号码一致但姓名不一致',
  'data-quality.different-id': '姓名和出生日期一致但公民身份号码不同，疑似同一人',
} as const;
export type DataQualityRule = keyof typeof DATA_QUALITY_RULES;

export type LeadRule = DiscoverRule | ReviewRule | ConflictRule | DataQualityRule;

/** Discover rules in the order a primary category is chosen (orphan before FUC …). */
export const DISCOVER_RULES = CATEGORY_CODES.map((c) => `discover.${c}` as const);

export function leadTitle(rule: LeadRule): string {
  if (rule.startsWith('discover.')) {
    const category = rule.slice('discover.'.length) as CategoryCode;
    return `疑似${CATEGORY_LABELS[category]}，尚未纳入保障`;
  }
  return (
    (REVIEW_RULES as Record<string, string>)[rule] ??
    (CONFLICT_RULES as Record<string, string>)[rule] ??
    (DATA_QUALITY_RULES as Record<string, string>)[rule] ??
    rule
  );
}

/** The part of a determination a lead shows: categories and monthly amount. */
export interface DeterminationSummary {
  policy: PolicyRef;
  categories: CategoryCode[];
  monthlyTotalFen: Fen;
}

export interface Lead {
  type: LeadType;
  rule: LeadRule;
  title: string;
  /** Roster rows the lead rests on (household rows that linked parents included). */
  evidence: EvidenceSource[];
  /** Registered child files concerned (empty for discover). */
  fileIds: string[];
  /** ID key of the child (or key of the file when it has no ID number); never a clear number. */
  childKey: string;
  /** 户籍 code of the child: the lead goes to that township (or its county). */
  hukouRegion: string;
  suggestedChanges?: SuggestedChange[];
  /** review: now vs with the new evidence; discover: with the evidence only. */
  determination?: { before?: DeterminationSummary; after: DeterminationSummary };
  /** Name + birth-date matches: the name similarity (never applied automatically). */
  scoreIfFuzzy?: number;
  dedupeKey: string;
}
