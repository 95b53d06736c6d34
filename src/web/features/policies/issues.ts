/**
 * Server issues of POST /evaluate (paths like `parents[0].conditions[1].since`, domain/shared/
 * zod-issues.ts) → the 政策测算 form's field names, and Chinese labels for the summary.
 */
import type { FieldIssue } from '../../../domain/shared/errors.ts';
import { PARENT_ROLE_LABELS, PARENT_ROLES, type ParentRole } from './facts-form.ts';

export type FieldName = (string | number)[];

/** `parents[0].conditions[1].since` → ['parents', 0, 'conditions', 1, 'since']. */
export function pathSegments(path: string): FieldName {
  const out: FieldName = [];
  for (const m of path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(m[2]);
  }
  return out;
}

const TOP = new Set(['asOf', 'policy']);
const CHILD = new Set([
  'idNumber',
  'name',
  'birthDate',
  'hukouRegion',
  'residenceRegion',
  'residentSince',
  'placement',
  'schooling',
  'hiv',
  'seriousIllness',
]);
const CONDITION = new Set(['kind', 'since', 'until', 'illness']);
const DISABILITY = new Set(['kind', 'grade']);

/** `disability` or `disability.kind|grade` → the select it belongs to (a whole-object issue goes on kind). */
function disabilityField(prefix: FieldName, rest: FieldName): FieldName | undefined {
  const [field] = rest;
  if (field === undefined) return [...prefix, 'disability', 'kind'];
  return typeof field === 'string' && DISABILITY.has(field) ? [...prefix, 'disability', field] : undefined;
}

/**
 * The form field an issue is about, or undefined when the form has no such input (the issue
 * then goes to the summary only). `roles[i]` is the parent slot of the i-th parent sent.
 */
export function issueField(path: string, roles: readonly ParentRole[]): FieldName | undefined {
  const [head, a, b, c, ...rest] = pathSegments(path);
  if (typeof head === 'string' && TOP.has(head) && a === undefined) return [head];
  if (head === 'child') {
    if (typeof a === 'string' && CHILD.has(a) && b === undefined) return ['child', a];
    if (a === 'disability')
      return disabilityField(
        ['child'],
        [b, c, ...rest].filter((x) => x !== undefined),
      );
    return undefined;
  }
  if (head === 'household') {
    if (a === 'assistance' && b === undefined) return ['household', 'assistance'];
    if (a === 'receivedMonthlyFen' && b === undefined) return ['household', 'receivedYuan'];
    return undefined;
  }
  if (head === 'parents' && typeof a === 'number') {
    const role = roles[a];
    if (role === undefined) return undefined;
    const slot = PARENT_ROLES.indexOf(role);
    if (b === 'idNumber' && c === undefined) return ['parents', slot, 'idNumber'];
    if (b !== 'conditions' || typeof c !== 'number') return undefined;
    const [field, ...more] = rest;
    const prefix: FieldName = ['parents', slot, 'conditions', c];
    if (field === undefined) return [...prefix, 'kind'];
    if (typeof field === 'string' && CONDITION.has(field) && more.length === 0) return [...prefix, field];
    if (field === 'disability') return disabilityField(prefix, more);
  }
  return undefined;
}

const LABELS: Record<string, string> = {
  asOf: '测算日期',
  policy: '适用政策包',
  idNumber: '公民身份号码',
  name: '姓名',
  birthDate: '出生日期',
  hukouRegion: '户籍地',
  residenceRegion: '居住地',
  residentSince: '居住起始日期',
  placement: '安置方式',
  schooling: '就读阶段',
  hiv: '感染艾滋病病毒',
  seriousIllness: '重病名称',
  disability: '残疾',
  grade: '等级',
  kind: '情形',
  since: '起始日期',
  until: '截止日期',
  illness: '重病名称',
  conditions: '状况',
  household: '家庭救助',
  assistance: '家庭救助类型',
  receivedMonthlyFen: '已享受救助金额',
  hardships: '临时困境',
  guardianshipHarm: '监护侵害',
  parents: '父母',
  role: '身份',
};

/** `parents[0].conditions[1].since` → "父亲 · 第2项状况 · 起始日期", for the summary. */
export function issueLabel(path: string, roles: readonly ParentRole[]): string {
  const segs = pathSegments(path);
  const parts: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    const prev = segs[i - 1];
    if (s === 'child') parts.push('儿童');
    else if (typeof s === 'number' && prev === 'parents') {
      const role = roles[s];
      parts.pop();
      parts.push(role ? PARENT_ROLE_LABELS[role] : `第${s + 1}位父母`);
    } else if (typeof s === 'number' && prev === 'conditions') {
      parts.pop();
      parts.push(`第${s + 1}项状况`);
    } else if (typeof s === 'number') parts.push(`第${s + 1}项`);
    else if (s === 'kind' && prev === 'disability') parts.push('类别');
    else if (s !== undefined) parts.push(LABELS[s] ?? s);
  }
  return parts.length > 0 ? parts.join(' · ') : '输入';
}

export interface PlacedIssues {
  fields: { name: FieldName; errors: string[] }[];
  /** Every issue, labelled, for the summary above the form. */
  summary: { label: string; message: string; placed: boolean }[];
}

export function placeFactsIssues(issues: readonly FieldIssue[], roles: readonly ParentRole[]): PlacedIssues {
  const byField = new Map<string, { name: FieldName; errors: string[] }>();
  const summary: PlacedIssues['summary'] = [];
  for (const issue of issues) {
    const name = issueField(issue.path, roles);
    summary.push({
      label: issueLabel(issue.path, roles),
      message: issue.message,
      placed: name !== undefined,
    });
    if (!name) continue;
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  return { fields: [...byField.values()], summary };
}
