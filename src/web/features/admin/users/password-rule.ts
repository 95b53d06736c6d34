import { checkPassword } from '../../../../domain/access/password-policy.ts';

/** Shown under every password input; the rule itself lives in the domain (password-policy.ts). */
export const PASSWORD_HINT = '至少10位，包含大写字母、小写字母、数字、符号中的至少三类';

/**
 * An antd Form validator applying the domain's password policy in the browser for quick feedback
 * (the server checks again). An empty value is left to the `required` rule.
 */
export function passwordValidator(username: () => string | undefined) {
  return (_rule: unknown, value: string | undefined): Promise<void> => {
    const problem = value ? checkPassword(value, username()?.trim() || undefined) : undefined;
    return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
  };
}
