// Minimal fetch wrapper for the Throughline API.
// Authentication is the HttpOnly session cookie set by login: the SPA never sees or stores
// the token, it only sends requests with credentials: 'same-origin'.
import type { ErrorDetail } from './types';

export const API_BASE = '/api/v1';

/** An API failure: HTTP status plus the server's {"error":{code,message,details}} body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetail[];
  /** Seconds from a Retry-After header (429), when present. */
  readonly retryAfter: number | null;
  /** The whole error body, e.g. a 412's `current` object. */
  readonly body: unknown;

  /** The issues per field name, several for one field joined with "; " (for form errors). */
  issuesByField(): Record<string, string> {
    const byField: Record<string, string> = {};
    for (const d of this.details) {
      byField[d.field] = byField[d.field] ? `${byField[d.field]}; ${d.issue}` : d.issue;
    }
    return byField;
  }

  constructor(
    status: number,
    code: string,
    message: string,
    details: ErrorDetail[] = [],
    retryAfter: number | null = null,
    body: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfter = retryAfter;
    this.body = body;
  }
}

export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof Error) return new ApiError(0, 'client_error', e.message);
  return new ApiError(0, 'client_error', String(e));
}

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** Registers what happens on any 401 (except where a request opts out): the app signs out. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

/** Reports a session that ended outside a request (the live event stream): as for a 401. */
export function notifyUnauthorized(): void {
  unauthorizedHandler?.();
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Do not treat a 401 as "session expired" (the login form's wrong password). */
  skipAuthRedirect?: boolean;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
  status: number;
}

function parseRetryAfter(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  return null;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function request<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection.');
  }

  const payload = await readJson(res);
  if (!res.ok) {
    const err = (payload as { error?: { code?: string; message?: string; details?: ErrorDetail[] } })
      ?.error;
    const apiError = new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? `Request failed (HTTP ${res.status})`,
      Array.isArray(err?.details) ? err.details : [],
      parseRetryAfter(res.headers.get('Retry-After')),
      payload,
    );
    if (res.status === 401 && !options.skipAuthRedirect) unauthorizedHandler?.();
    throw apiError;
  }
  return { data: payload as T, headers: res.headers, status: res.status };
}

export async function getJson<T>(path: string, options?: RequestOptions): Promise<T> {
  return (await request<T>('GET', path, options)).data;
}
