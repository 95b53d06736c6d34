/**
 * Maps a VALIDATION error's issues onto form fields, so the server's Chinese message appears
 * under the input it is about; whatever cannot be placed is returned for a form-level alert.
 */
import type { FormInstance } from 'antd';
import type { FieldIssue } from '../../domain/shared/errors.ts';
import { ApiError, errorMessage } from '../api/client.ts';

export interface FieldErrors {
  fields: { name: string; errors: string[] }[];
  unplaced: FieldIssue[];
}

/** `roles.0`, `/roles/0`, `body.roles` and `roles[0]` all name the field `roles`. */
export function fieldOf(path: string): string {
  const segments = path.split(/[./[\]]/).filter((s) => s !== '');
  const [first, second] = segments;
  return first === 'body' && second !== undefined ? second : (first ?? '');
}

export function placeIssues(issues: readonly FieldIssue[], fieldNames: readonly string[]): FieldErrors {
  const known = new Set(fieldNames);
  const byField = new Map<string, string[]>();
  const unplaced: FieldIssue[] = [];
  for (const issue of issues) {
    const name = fieldOf(issue.path);
    if (known.has(name)) byField.set(name, [...(byField.get(name) ?? []), issue.message]);
    else unplaced.push(issue);
  }
  return { fields: [...byField].map(([name, errors]) => ({ name, errors })), unplaced };
}

/**
 * Puts a failed request's issues under their fields. Returns the message still to show above
 * the form (the error's own message when nothing could be placed), or undefined.
 */
export function applyServerError(
  form: FormInstance,
  err: unknown,
  fieldNames: readonly string[],
): string | undefined {
  if (!(err instanceof ApiError)) return errorMessage(err);
  const { fields, unplaced } = placeIssues(err.issues, fieldNames);
  form.setFields(fields);
  if (fields.length === 0) return err.message;
  return unplaced.length > 0 ? unplaced.map((i) => i.message).join('；') : undefined;
}
