import type { Actor } from '../../../domain/access/access.ts';
import { parseChildFacts } from '../../../domain/eligibility/facts.ts';
import type { PlainDate } from '../../../domain/shared/dates.ts';
import { validationError } from '../../../domain/shared/errors.ts';
import { parseIdNumber } from '../../../domain/shared/id-number.ts';
import { isWithinRegion } from '../../../domain/shared/region-code.ts';
import type { FactsDocument } from '../../../domain/workflow/fact-versions.ts';
import type { children } from './children.schema.ts';
import type { FactsInput } from './children.views.ts';
import { nameSearchKeys } from './name-search.ts';

/** The columns of `children` that mirror the current facts (for lists, search and scoping). */
export type ChildProjection = Pick<
  typeof children.$inferInsert,
  | 'idNumber'
  | 'name'
  | 'namePinyin'
  | 'nameInitials'
  | 'sex'
  | 'birthDate'
  | 'hukouRegion'
  | 'residenceRegion'
>;

/** Validates a facts document with the rules engine's own schema (its Chinese issues, under `facts.`). */
export function parseFactsDocument(input: FactsInput, today: PlainDate): FactsDocument {
  const { asOf: _a, policy: _p, ...rest } = input as Record<string, unknown>;
  const r = parseChildFacts({ ...rest, asOf: today }, today);
  if (!r.ok) {
    const issues = r.issues.map((i) => ({ path: `facts.${i.path}`, message: i.message }));
    throw validationError(`档案信息有误：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`, issues);
  }
  const { asOf: _asOf, policy: _policy, ...doc } = r.value;
  if (!doc.child.name?.trim()) {
    throw validationError('请填写儿童姓名', [{ path: 'facts.child.name', message: '请填写儿童姓名' }]);
  }
  return { ...doc, child: { ...doc.child, name: doc.child.name.trim() } };
}

/** A file may only be opened for a child whose 户籍 lies in the actor's jurisdiction. */
export function checkHukou(actor: Actor, hukou: string): void {
  if (!isWithinRegion(hukou, actor.jurisdiction)) {
    throw validationError('户籍地不在您的辖区内', [
      { path: 'facts.child.hukouRegion', message: '只能为本辖区户籍的儿童建档' },
    ]);
  }
}

/** Sex comes from the ID number; without one it must be given. */
export function projectionOf(doc: FactsDocument, sex: 'male' | 'female' | undefined): ChildProjection {
  const c = doc.child;
  const fromId = c.idNumber ? parseIdNumber(c.idNumber) : undefined;
  const idSex = fromId?.ok ? fromId.value.sex : undefined;
  if (!idSex && !sex)
    throw validationError('无公民身份号码时请选择性别', [{ path: 'sex', message: '请选择性别' }]);
  return {
    idNumber: c.idNumber ?? null,
    name: c.name as string,
    ...nameSearchKeys(c.name as string),
    sex: idSex ?? sex ?? null,
    birthDate: c.birthDate,
    hukouRegion: c.hukouRegion,
    residenceRegion: c.residenceRegion,
  };
}
