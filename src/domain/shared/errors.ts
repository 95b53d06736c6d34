/**
 * One closed set of error codes, used end to end (STYLE.md; after Medplum's outcomes.ts).
 * The server maps each code to an HTTP status in exactly one place (server/platform/errors.ts).
 * Expected business outcomes are values, not exceptions: these are for refusals.
 */
export const ErrorCode = {
  VALIDATION: 'VALIDATION',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem with one input field or row, in Chinese for the user. */
export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { issues?: FieldIssue[]; allowed?: string[] } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const validationError = (message: string, issues: FieldIssue[] = []) =>
  new AppError(ErrorCode.VALIDATION, message, { issues });
export const notFound = (what: string) => new AppError(ErrorCode.NOT_FOUND, `${what}不存在`);
export const conflict = (message: string, allowed?: string[]) =>
  new AppError(ErrorCode.CONFLICT, message, allowed ? { allowed } : {});
export const forbidden = (message = '无权执行此操作') => new AppError(ErrorCode.FORBIDDEN, message);
export const unauthenticated = (message = '请先登录') => new AppError(ErrorCode.UNAUTHENTICATED, message);
