/**
 * The dated fact changes a file records (登记事实变更, domain.md §2, §5): what each kind edits in
 * the facts document, its evidence and its default reason. Death and a move out of the
 * jurisdiction are not facts of ChildFacts: they are recorded as exits with their date.
 */
import { parseYuan } from '../../../domain/shared/money.ts';
import { toSixDigits } from '../../../domain/shared/region-code.ts';
import type { FactsDocument } from './children.api.ts';

export const FACT_CHANGE_KINDS = {
  disability: {
    label: '本人残疾（残疾人证）',
    tab: 'basic',
    evidence: 'disability-certificate',
    reason: '取得残疾人证',
  },
  illness: { label: '本人重病', tab: 'basic', evidence: 'medical-record', reason: '确诊重大疾病' },
  schooling: { label: '就读阶段', tab: 'basic', evidence: 'other', reason: '就读阶段变化' },
  hiv: { label: '感染艾滋病病毒', tab: 'basic', evidence: 'medical-record', reason: '确认感染艾滋病病毒' },
  residence: { label: '居住地/户籍迁移', tab: 'basic', evidence: 'id-document', reason: '居住地变化' },
  placement: { label: '安置方式', tab: 'basic', evidence: 'other', reason: '安置方式变化' },
  adoption: { label: '依法被收养', tab: 'basic', evidence: 'court-judgment', reason: '依法被收养' },
  death: { label: '死亡', tab: 'basic', evidence: 'death-certificate', reason: '儿童死亡' },
  movedAway: { label: '户籍迁出本辖区', tab: 'basic', evidence: 'id-document', reason: '户籍迁出' },
  household: {
    label: '家庭救助（低保/特困/困难残疾人补贴）',
    tab: 'family',
    evidence: 'other',
    reason: '家庭救助变化',
  },
  hardship: { label: '临时困境', tab: 'family', evidence: 'other', reason: '遭遇临时困境' },
  harm: { label: '监护缺失或不当', tab: 'family', evidence: 'other', reason: '监护缺失或不当' },
} as const;
export type FactChangeKind = keyof typeof FACT_CHANGE_KINDS;

export const kindsOfTab = (tab: 'basic' | 'family') =>
  (Object.keys(FACT_CHANGE_KINDS) as FactChangeKind[]).filter((k) => FACT_CHANGE_KINDS[k].tab === tab);

/** What the form holds besides kind, date, reason and evidence (only the fields of the kind). */
export interface ChangeValues {
  disabilityKind?: string;
  grade?: number;
  /** disability / illness / hiv: the fact no longer holds (注销、痊愈). */
  ended?: boolean;
  illness?: string;
  schooling?: string;
  hiv?: boolean;
  residenceRegion?: string;
  hukouRegion?: string;
  placement?: string;
  assistance?: string;
  receivedYuan?: string;
  hardshipKind?: string;
  hardshipUntil?: string;
  /** End this recorded hardship (its index) on the effective date instead of adding one. */
  endHardship?: number;
  harms?: string[];
}

export type ChangeRequest =
  | { type: 'facts'; facts: FactsDocument }
  | { type: 'exit'; reason: 'died' | 'moved-away'; eventDate: string };

/** The picker gives normalised codes (6403…); the facts want 6, 9 or 12 digits. */
const region = (code: string) => (code.length < 6 ? toSixDigits(code) : code);

/** The facts after the change (or the exit it is), from the file's current facts. */
export function applyChange(
  facts: FactsDocument,
  kind: FactChangeKind,
  v: ChangeValues,
  effectiveDate: string,
): ChangeRequest {
  const child = { ...facts.child };
  const household = { ...facts.household };
  switch (kind) {
    case 'death':
      return { type: 'exit', reason: 'died', eventDate: effectiveDate };
    case 'movedAway':
      return { type: 'exit', reason: 'moved-away', eventDate: effectiveDate };
    case 'disability':
      if (v.ended || !v.disabilityKind || !v.grade) delete child.disability;
      else child.disability = { kind: v.disabilityKind, grade: v.grade };
      break;
    case 'illness':
      if (v.ended || !v.illness?.trim()) delete child.seriousIllness;
      else child.seriousIllness = v.illness.trim();
      break;
    case 'schooling':
      child.schooling = v.schooling ?? child.schooling;
      break;
    case 'hiv':
      child.hiv = v.hiv ?? false;
      break;
    case 'residence':
      if (v.residenceRegion) {
        child.residenceRegion = region(v.residenceRegion);
        child.residentSince = effectiveDate;
      }
      if (v.hukouRegion) child.hukouRegion = region(v.hukouRegion);
      break;
    case 'placement':
      child.placement = v.placement ?? child.placement;
      break;
    case 'adoption':
      child.placement = 'adopted';
      break;
    case 'household':
      household.assistance = v.assistance ?? household.assistance;
      household.receivedMonthlyFen = parseYuan(v.receivedYuan ?? '') ?? household.receivedMonthlyFen;
      break;
    case 'hardship': {
      const list = [...(child.hardships ?? [])];
      if (v.endHardship !== undefined && list[v.endHardship]) {
        list[v.endHardship] = { ...list[v.endHardship]!, until: effectiveDate };
      } else if (v.hardshipKind) {
        list.push({
          kind: v.hardshipKind,
          since: effectiveDate,
          ...(v.hardshipUntil ? { until: v.hardshipUntil } : {}),
        });
      }
      child.hardships = list;
      break;
    }
    case 'harm':
      child.guardianshipHarm = v.harms ?? [];
      break;
  }
  return { type: 'facts', facts: { ...facts, child, household } };
}
