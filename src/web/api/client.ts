/**
 * The one way the web talks to the server: JSON over fetch with the session cookie, and one error
 * type carrying the server's error body (domain/shared/errors.ts is the vocabulary).
 */
import type { ErrorCode, FieldIssue } from '../../domain/shared/errors.ts';

export const API_BASE = '/api/v1';

/** Paths whose 401 means "wrong credentials", not "session expired". */
const LOGIN_PATH = '/auth/login';

interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[]; allowed?: string[] };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  readonly allowed: string[];

  constructor(status: number, body: ErrorBody['error']) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.issues = body.issues ?? [];
    this.allowed = body.allowed ?? [];
  }
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

/** `?a=1&b=x`, leaving out empty values so the server applies its defaults. */
export function toQueryString(params: QueryParams = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}

function isErrorBody(v: unknown): v is ErrorBody {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string';
}

/** Turns any failed response into an ApiError, even when a proxy answered with HTML. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(status, body.error);
  const code: ErrorCode =
    status === 401
      ? 'UNAUTHENTICATED'
      : status === 403
        ? 'FORBIDDEN'
        : status === 404
          ? 'NOT_FOUND'
          : 'INTERNAL';
  return new ApiError(status, { code, message: `服务暂时不可用（HTTP ${status}），请稍后重试` });
}

let onUnauthenticated: () => void = () => {
  if (window.location.pathname !== '/login') window.location.assign('/login');
};

/** The app installs a router-aware handler; the default reloads to the login page. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { code: 'INTERNAL', message: '无法连接服务器，请检查网络后重试' });
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && path !== LOGIN_PATH) onUnauthenticated();
    throw errorFromResponse(res.status, parsed);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: QueryParams) => request<T>('GET', path + toQueryString(query)),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** The message to show for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return '操作失败，请稍后重试';
}
