// One function per releases and test planning API call (docs/delivery.md). Paths under
// /items/{id} take the item's id or its key.
import { API_BASE, ApiError, getJson, request } from './client';
import type {
  BugFromRun,
  Coverage,
  NewTestPlan,
  NotesGroup,
  Release,
  ReleaseInput,
  ReleaseScopeChanges,
  TestCase,
  TestCaseInput,
  TestPlan,
  TestResult,
  TestRun,
} from './releaseTypes';
import type { Page } from './types';

const enc = encodeURIComponent;

async function send<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  return (await request<T>(method, path, { body, headers })).data;
}

export const releaseApi = {
  async listReleases(productId: string, signal?: AbortSignal): Promise<Release[]> {
    const page = await getJson<Page<Release>>(`/products/${enc(productId)}/releases`, { signal });
    return page.data ?? [];
  },
  getRelease(id: string, signal?: AbortSignal): Promise<Release> {
    return getJson<Release>(`/releases/${enc(id)}`, { signal });
  },
  createRelease(productId: string, input: ReleaseInput): Promise<Release> {
    return send<Release>('POST', `/products/${enc(productId)}/releases`, input);
  },
  /** PATCH with If-Match of the release's revision: a stale one is a 412 with `current`. */
  updateRelease(id: string, revision: number, input: ReleaseInput): Promise<Release> {
    return send<Release>('PATCH', `/releases/${enc(id)}`, input, { 'If-Match': `"${revision}"` });
  },
  /** `reason` is kept with the scope changes of a committed release. */
  planItems(id: string, items: string[], reason?: string): Promise<Release> {
    return send<Release>('POST', `/releases/${enc(id)}/items`, reason ? { items, reason } : { items });
  },
  removeItems(id: string, items: string[], reason?: string): Promise<Release> {
    return send<Release>('POST', `/releases/${enc(id)}/items/remove`, reason ? { items, reason } : { items });
  },
  /** The notes as Markdown text (text/markdown, not JSON). */
  async notesMarkdown(id: string, signal?: AbortSignal): Promise<string> {
    let res: Response;
    try {
      res = await fetch(`${API_BASE}/releases/${enc(id)}/notes?format=markdown`, {
        headers: { Accept: 'text/markdown' },
        credentials: 'same-origin',
        signal,
      });
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection.');
    }
    const text = await res.text();
    if (!res.ok) {
      let error: { code?: string; message?: string } | undefined;
      try {
        error = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
      } catch {
        error = undefined;
      }
      throw new ApiError(res.status, error?.code ?? `http_${res.status}`, error?.message ?? `Request failed (HTTP ${res.status})`);
    }
    return text;
  },
  async notesGroups(id: string, signal?: AbortSignal): Promise<NotesGroup[]> {
    const res = await getJson<{ groups: NotesGroup[] }>(`/releases/${enc(id)}/notes?format=json`, { signal });
    return res.groups ?? [];
  },

  // Test cases
  async testCases(itemId: string, signal?: AbortSignal): Promise<TestCase[]> {
    const page = await getJson<Page<TestCase>>(`/items/${enc(itemId)}/test-cases`, { signal });
    return page.data ?? [];
  },
  createTestCase(itemId: string, input: TestCaseInput): Promise<TestCase> {
    return send<TestCase>('POST', `/items/${enc(itemId)}/test-cases`, input);
  },
  updateTestCase(id: string, version: number, input: TestCaseInput): Promise<TestCase> {
    return send<TestCase>('PATCH', `/test-cases/${enc(id)}`, input, { 'If-Match': `"${version}"` });
  },
  deleteTestCase(id: string): Promise<void> {
    return send<void>('DELETE', `/test-cases/${enc(id)}`);
  },
  coverage(itemId: string, signal?: AbortSignal): Promise<Coverage> {
    return getJson<Coverage>(`/items/${enc(itemId)}/coverage`, { signal });
  },

  // Test plans and runs
  async testPlans(productId: string, releaseId?: string, signal?: AbortSignal): Promise<TestPlan[]> {
    const q = releaseId ? `?release=${enc(releaseId)}` : '';
    const page = await getJson<Page<TestPlan>>(`/products/${enc(productId)}/test-plans${q}`, { signal });
    return page.data ?? [];
  },
  getTestPlan(id: string, signal?: AbortSignal): Promise<TestPlan> {
    return getJson<TestPlan>(`/test-plans/${enc(id)}`, { signal });
  },
  createTestPlan(productId: string, plan: NewTestPlan): Promise<TestPlan> {
    return send<TestPlan>('POST', `/products/${enc(productId)}/test-plans`, plan);
  },
  async testRuns(planId: string, signal?: AbortSignal): Promise<TestRun[]> {
    const page = await getJson<Page<TestRun>>(`/test-plans/${enc(planId)}/runs`, { signal });
    return page.data ?? [];
  },
  recordRun(planId: string, caseId: string, result: TestResult, notes: string): Promise<TestRun> {
    return send<TestRun>('POST', `/test-plans/${enc(planId)}/runs`, { case_id: caseId, result, notes });
  },
  openBug(runId: string): Promise<BugFromRun> {
    return send<BugFromRun>('POST', `/test-runs/${enc(runId)}/bug`);
  },

  // Commitment and scope changes
  /** Takes the plan's baseline (once: a second commit is 409 already_committed). */
  commit(id: string): Promise<Release> {
    return send<Release>('POST', `/releases/${enc(id)}/commit`);
  },
  scopeChanges(id: string, signal?: AbortSignal): Promise<ReleaseScopeChanges> {
    return getJson<ReleaseScopeChanges>(`/releases/${enc(id)}/scope-changes`, { signal });
  },
};
