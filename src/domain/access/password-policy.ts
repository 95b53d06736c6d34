/**
 * Password policy (等保 2.0 practice): at least 10 characters from at least three of the four
 * classes upper case, lower case, digits, symbols. Returns the Chinese reason, or undefined if fine.
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_RULE_TEXT = '密码至少10位，且包含大写字母、小写字母、数字、符号中的至少三类';

export function checkPassword(password: string, username?: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return PASSWORD_RULE_TEXT;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return PASSWORD_RULE_TEXT;
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名';
  return undefined;
}

/** Lockout: five failures in a row lock the account for fifteen minutes. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MINUTES = 15;

export interface LoginState {
  failedAttempts: number;
  lockedUntil: number | undefined; // epoch ms
}

export function isLocked(state: LoginState, nowMs: number): boolean {
  return state.lockedUntil !== undefined && state.lockedUntil > nowMs;
}

/** The state after a failed attempt: the fifth failure locks, and the counter starts again. */
export function afterFailure(state: LoginState, nowMs: number): LoginState {
  const failed =
    (state.lockedUntil !== undefined && state.lockedUntil <= nowMs ? 0 : state.failedAttempts) + 1;
  if (failed >= LOCKOUT_THRESHOLD)
    return { failedAttempts: 0, lockedUntil: nowMs + LOCKOUT_MINUTES * 60_000 };
  return { failedAttempts: failed, lockedUntil: undefined };
}
