import type { z } from 'zod';
import type { FieldIssue } from './errors.ts';

/**
 * Chinese messages for zod's built-in issues (custom issues keep their own message), and
 * issue paths written as `parents[0].conditions[1].since` for the user.
 */
const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  number: '数字',
  boolean: '布尔值（true/false）',
  object: '对象',
  array: '数组',
  int: '整数',
};

export const chineseErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      return iss.input === undefined ? '必填' : `应为${TYPE_NAMES[iss.expected] ?? iss.expected}`;
    case 'invalid_value':
      return `取值应为 ${iss.values.map(String).join(' | ')} 之一`;
    case 'too_small':
      if (iss.origin === 'array') return `至少 ${String(iss.minimum)} 项`;
      if (iss.origin === 'string') return `至少 ${String(iss.minimum)} 个字符`;
      return `不能小于 ${String(iss.minimum)}`;
    case 'too_big':
      if (iss.origin === 'array') return `至多 ${String(iss.maximum)} 项`;
      if (iss.origin === 'string') return `至多 ${String(iss.maximum)} 个字符`;
      return `不能大于 ${String(iss.maximum)}`;
    case 'invalid_format':
      return '格式错误';
    case 'unrecognized_keys':
      return `不支持的字段：${iss.keys.join('、')}`;
    case 'custom':
      return undefined;
    default:
      return '取值无效';
  }
};

export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

export function toFieldIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((i) => {
    const path = formatIssuePath(i.path);
    const full =
      prefix && path ? (path.startsWith('[') ? prefix + path : `${prefix}.${path}`) : prefix || path;
    return { path: full, message: i.message };
  });
}
