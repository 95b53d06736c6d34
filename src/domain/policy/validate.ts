import type { FieldIssue } from '../shared/errors.ts';
import { validationError } from '../shared/errors.ts';
import { dayOfWeek } from '../shared/dates.ts';
import { fenToYuanString } from '../shared/money.ts';
import { chineseErrorMap, toFieldIssues } from '../shared/zod-issues.ts';
import { PolicyPack, type EffectivePack, type StandardCode } from './pack.ts';
import { resolvePack } from './resolve.ts';
import { standardLabel } from './labels.ts';

const yuan = (fen: number) => `${fenToYuanString(fen)}元`;

/**
 * Consistency of an effective pack (national-rules §9): every standard at least the 2010 floor
 * for its placement (R17); FUC standard = scattered-orphan standard (R12); HIV standard = orphan
 * standard (R16); a sane calendar. Returns the problems; an empty list means valid.
 */
export function validatePack(pack: EffectivePack): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const s = pack.standards;
  const add = (path: string, message: string) => issues.push({ path, message });

  if (pack.floors) {
    for (const code of Object.keys(s) as StandardCode[]) {
      for (const placement of ['institution', 'scattered'] as const) {
        const fen = s[code]?.[placement];
        const floor = pack.floors[placement];
        if (fen !== undefined && fen < floor) {
          add(
            `standards.${code}.${placement}`,
            `${standardLabel(code, placement)}${yuan(fen)}低于国家最低标准${yuan(floor)}（国办发〔2010〕54号）`,
          );
        }
      }
    }
  }
  const orphan = s['orphan-allowance'];
  const fuc = s['fuc-allowance']?.scattered;
  if (fuc !== undefined && fuc !== orphan?.scattered) {
    add(
      'standards.fuc-allowance.scattered',
      `事实无人抚养儿童基本生活补贴标准应与散居孤儿基本生活费标准相同（民发〔2019〕62号）`,
    );
  }
  for (const placement of ['institution', 'scattered'] as const) {
    const hiv = s['hiv-allowance']?.[placement];
    if (hiv !== undefined && hiv !== orphan?.[placement]) {
      add(
        `standards.hiv-allowance.${placement}`,
        `${standardLabel('hiv-allowance', placement)}应与${standardLabel('orphan-allowance', placement)}相同（民发〔2012〕179号）`,
      );
    }
  }
  for (const d of pack.calendar.makeupWorkdays) {
    if (pack.calendar.holidays.includes(d)) add('calendar', `${d} 不能既是节假日又是调休上班日`);
    const dow = dayOfWeek(d);
    if (dow !== 0 && dow !== 6) add('calendar.makeupWorkdays', `调休上班日 ${d} 应为周六或周日`);
  }
  if (pack.categories.length === 0) add('categories', '政策包至少应使用一个儿童类别');
  return issues;
}

/**
 * Parses raw pack data (e.g. POLICY_PACKS) and checks it as a whole: schema, unique
 * id + version, parents that exist, and validatePack on every approved version as resolved on
 * its own effective date. Throws a VALIDATION error listing every problem.
 */
export function loadPolicyPacks(raw: readonly unknown[]): PolicyPack[] {
  const issues: FieldIssue[] = [];
  const packs: PolicyPack[] = [];
  raw.forEach((item, i) => {
    const r = PolicyPack.safeParse(item, { error: chineseErrorMap });
    if (r.success) packs.push(r.data);
    else issues.push(...toFieldIssues(r.error, `[${i}]`));
  });
  const seen = new Set<string>();
  for (const p of packs) {
    const key = `${p.id}@${p.version}`;
    if (seen.has(key)) issues.push({ path: p.id, message: `政策包 ${p.id} 版本 ${p.version} 重复` });
    seen.add(key);
    if (p.parent !== undefined && !packs.some((q) => q.id === p.parent)) {
      issues.push({ path: `${p.id}.parent`, message: `上级政策包 ${p.parent} 不存在` });
    }
  }
  if (issues.length === 0) {
    for (const p of packs) {
      if ((p.status ?? 'approved') !== 'approved') continue;
      const effective = resolvePack(packs, p.id, p.version);
      if (!effective) continue;
      for (const issue of validatePack(effective)) {
        issues.push({ path: `${p.id}@${p.version}.${issue.path}`, message: issue.message });
      }
    }
  }
  if (issues.length > 0) throw validationError('政策包数据有误', issues);
  return packs;
}
