import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, ErrorCode, type FieldIssue } from '../../domain/shared/errors.ts';

/** The one map from error code to HTTP status (STYLE.md: one error vocabulary end to end). */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[]; allowed?: string[] };
}

export function errorBody(err: AppError): ErrorBody {
  return { error: { code: err.code, message: err.message, ...err.details } };
}

/** Turns whatever was thrown into an AppError; unknown errors become INTERNAL without leaking detail. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      path: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)]
        .filter(Boolean)
        .join('.'),
      message: v.message ?? '格式不正确',
    }));
    return new AppError(
      ErrorCode.VALIDATION,
      `输入有误：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`,
      {
        issues,
      },
    );
  }
  const fe = err as FastifyError;
  if (fe?.statusCode === 415) return new AppError(ErrorCode.VALIDATION, '不支持的请求格式');
  if (fe?.statusCode === 413) return new AppError(ErrorCode.VALIDATION, '上传内容过大');
  if (fe?.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(ErrorCode.VALIDATION, `请求无效（${fe.code ?? fe.statusCode}）`);
  }
  return new AppError(ErrorCode.INTERNAL, '系统内部错误，请稍后重试或联系管理员');
}

export function installErrorHandler(
  app: FastifyInstance,
  onDenied: (req: FastifyRequest, err: AppError) => Promise<void>,
): void {
  app.setErrorHandler(async (err, req, reply: FastifyReply) => {
    const appErr = toAppError(err);
    if (appErr.code === ErrorCode.INTERNAL) req.log.error({ err }, 'internal error');
    if (
      appErr.code === ErrorCode.FORBIDDEN ||
      appErr.code === ErrorCode.NOT_FOUND ||
      appErr.code === ErrorCode.UNAUTHENTICATED
    ) {
      await onDenied(req, appErr).catch((e: unknown) =>
        req.log.error({ err: e }, 'audit of a denied request failed'),
      );
    }
    return reply.status(HTTP_STATUS[appErr.code]).send(errorBody(appErr));
  });
}
