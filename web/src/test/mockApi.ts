// A fake of the Throughline API for component tests: routes keyed "METHOD /path" (path below
// /api/v1, query string optional in the key) answer with JSON or a function of the request.
import { vi } from 'vitest';

export interface MockRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  body: unknown;
  init: RequestInit | undefined;
}

export interface MockResponse {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Route = MockResponse | ((req: MockRequest) => MockResponse | Promise<MockResponse>);

export function apiError(status: number, code: string, message: string, details: unknown[] = []) {
  return { status, body: { error: { code, message, details } } };
}

export function mockApi(routes: Record<string, Route | Route[]>) {
  const calls: MockRequest[] = [];
  const queues = new Map<string, Route[]>();
  for (const [k, v] of Object.entries(routes)) queues.set(k, Array.isArray(v) ? [...v] : [v]);

  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const req: MockRequest = { method, path, search: url.searchParams, body, init };
    calls.push(req);

    const queue = queues.get(`${method} ${path}${url.search}`) ?? queues.get(`${method} ${path}`);
    // A list of routes answers in order; the last one repeats.
    const route = queue && (queue.length > 1 ? queue.shift()! : queue[0]);
    const res: MockResponse = route
      ? typeof route === 'function'
        ? await route(req)
        : route
      : apiError(404, 'not_found', `no mock for ${method} ${path}${url.search}`);

    const status = res.status ?? 200;
    const hasBody = res.body !== undefined && status !== 204;
    // A string body with a Content-Type of its own (text/markdown) is sent as it is.
    const raw = typeof res.body === 'string' && res.headers?.['Content-Type'] !== undefined;
    return new Response(hasBody ? (raw ? (res.body as string) : JSON.stringify(res.body)) : null, {
      status,
      headers: { ...(hasBody && !raw ? { 'Content-Type': 'application/json' } : {}), ...res.headers },
    });
  });
  vi.stubGlobal('fetch', fetchMock);

  return {
    fetch: fetchMock,
    calls,
    /** Requests made to METHOD /path (query string ignored). */
    callsTo(method: string, path: string) {
      return calls.filter((c) => c.method === method && c.path === path);
    },
    /** Replaces or adds a route. */
    set(key: string, route: Route | Route[]) {
      queues.set(key, Array.isArray(route) ? [...route] : [route]);
    },
  };
}
