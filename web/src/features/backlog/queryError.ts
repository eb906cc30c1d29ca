import type { ApiError } from '../../api/client';

export interface QueryProblem {
  message: string;
  /** 0-based character offset into the query, when the server named one. */
  position: number | null;
  expected: string[];
}

function asNumber(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : null;
}

function asStrings(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string' && v !== '') return [v];
  return [];
}

/**
 * A 400 invalid_query's message, position and expected tokens. The position may sit in the
 * error object, at the top of the body or in a detail; all are read.
 */
export function queryProblem(error: ApiError): QueryProblem | null {
  if (error.code !== 'invalid_query') return null;
  const body = (error.body ?? {}) as Record<string, unknown>;
  const err = (body.error ?? {}) as Record<string, unknown>;
  const detail = (error.details[0] ?? {}) as unknown as Record<string, unknown>;
  const position = asNumber(err.position) ?? asNumber(body.position) ?? asNumber(detail.position);
  const expected = asStrings(err.expected ?? body.expected ?? detail.expected);
  return { message: error.message, position, expected };
}
