import { conflict, forbidden, validationError } from '../../../domain/shared/errors.ts';
import type { ActionCheck } from '../../../domain/workflow/application.ts';

/** The refusal of an action as an error: 409 with the allowed actions, 403, or 400 naming the field. */
export function refuse(check: Exclude<ActionCheck, { ok: true }>, forbiddenMessage?: string): never {
  if (check.refusal === 'conflict') throw conflict(check.message, check.allowed);
  if (check.refusal === 'forbidden') throw forbidden(forbiddenMessage ?? check.message);
  const path = check.refusal === 'notice-required' ? 'notice' : 'reasons';
  throw validationError(check.message, [{ path, message: check.message }]);
}

export const hukouTooCoarse = () =>
  validationError('申请须填写到乡镇（街道）一级的户籍地', [
    { path: 'child.facts.child.hukouRegion', message: '请选择到乡镇（街道）或村（居）' },
  ]);

export const busy = () => conflict('该申请刚被他人处理，请刷新后查看最新状态');
