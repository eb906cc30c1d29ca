// One function per strategy API call (docs/strategy.md). PATCHes send If-Match with the version
// the edit started from: a stale one is a 412 whose body holds the object under `current`.
import { getJson, request } from './client';
import type {
  Alignment,
  CheckInAnswer,
  Goal,
  GoalInput,
  GoalState,
  Horizon,
  Initiative,
  InitiativeInput,
  InitiativeStatus,
  KeyResult,
  KeyResultInput,
  Trace,
  Vision,
  VisionInput,
  Work,
} from './strategyTypes';
import type { Page } from './types';

const enc = encodeURIComponent;

async function send<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  return (await request<T>(method, path, { body, headers })).data;
}

function query(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const strategyApi = {
  // Vision
  vision(productId: string, signal?: AbortSignal): Promise<Vision> {
    return getJson<Vision>(`/products/${enc(productId)}/vision`, { signal });
  },
  updateVision(productId: string, version: number, input: VisionInput): Promise<Vision> {
    return send<Vision>('PATCH', `/products/${enc(productId)}/vision`, input, { 'If-Match': `"${version}"` });
  },
  visionHistory(productId: string, cursor?: string, signal?: AbortSignal): Promise<Page<Vision>> {
    return getJson<Page<Vision>>(`/products/${enc(productId)}/vision/history${query({ cursor })}`, { signal });
  },

  // Goals and key results
  async goals(
    productId: string,
    filter: { horizon?: Horizon | ''; state?: GoalState | '' } = {},
    signal?: AbortSignal,
  ): Promise<Goal[]> {
    const res = await getJson<{ data: Goal[] }>(
      `/products/${enc(productId)}/goals${query({ horizon: filter.horizon || undefined, state: filter.state || undefined })}`,
      { signal },
    );
    return res.data ?? [];
  },
  goal(id: string, signal?: AbortSignal): Promise<Goal> {
    return getJson<Goal>(`/goals/${enc(id)}`, { signal });
  },
  createGoal(productId: string, input: GoalInput): Promise<Goal> {
    return send<Goal>('POST', `/products/${enc(productId)}/goals`, input);
  },
  updateGoal(id: string, version: number, input: GoalInput): Promise<Goal> {
    return send<Goal>('PATCH', `/goals/${enc(id)}`, input, { 'If-Match': `"${version}"` });
  },
  deleteGoal(id: string): Promise<void> {
    return send<void>('DELETE', `/goals/${enc(id)}`);
  },
  addKeyResult(goalId: string, input: KeyResultInput): Promise<KeyResult> {
    return send<KeyResult>('POST', `/goals/${enc(goalId)}/key-results`, input);
  },
  deleteKeyResult(id: string): Promise<void> {
    return send<void>('DELETE', `/key-results/${enc(id)}`);
  },
  checkIn(keyResultId: string, input: { value: number; date?: string; note?: string }): Promise<CheckInAnswer> {
    return send<CheckInAnswer>('POST', `/key-results/${enc(keyResultId)}/check-ins`, input);
  },
  deleteCheckIn(id: string): Promise<void> {
    return send<void>('DELETE', `/check-ins/${enc(id)}`);
  },
  /** A page of the work below a goal: the first, or the one after `cursor`. */
  goalWork(id: string, cursor?: string, signal?: AbortSignal): Promise<Work> {
    return getJson<Work>(`/goals/${enc(id)}/work${query({ cursor })}`, { signal });
  },
  /** A page of the work below an initiative: the first, or the one after `cursor`. */
  initiativeWork(id: string, cursor?: string, signal?: AbortSignal): Promise<Work> {
    return getJson<Work>(`/initiatives/${enc(id)}/work${query({ cursor })}`, { signal });
  },

  // Initiatives
  async initiatives(
    productId: string,
    filter: { status?: InitiativeStatus | ''; goal?: string } = {},
    signal?: AbortSignal,
  ): Promise<Initiative[]> {
    const res = await getJson<{ data: Initiative[] }>(
      `/products/${enc(productId)}/initiatives${query({ status: filter.status || undefined, goal: filter.goal })}`,
      { signal },
    );
    return res.data ?? [];
  },
  initiative(id: string, signal?: AbortSignal): Promise<Initiative> {
    return getJson<Initiative>(`/initiatives/${enc(id)}`, { signal });
  },
  createInitiative(productId: string, input: InitiativeInput): Promise<Initiative> {
    return send<Initiative>('POST', `/products/${enc(productId)}/initiatives`, input);
  },
  updateInitiative(id: string, version: number, input: InitiativeInput): Promise<Initiative> {
    return send<Initiative>('PATCH', `/initiatives/${enc(id)}`, input, { 'If-Match': `"${version}"` });
  },
  deleteInitiative(id: string): Promise<void> {
    return send<void>('DELETE', `/initiatives/${enc(id)}`);
  },

  // Trace and alignment
  trace(itemId: string, signal?: AbortSignal): Promise<Trace> {
    return getJson<Trace>(`/items/${enc(itemId)}/trace`, { signal });
  },
  sprintAlignment(sprintId: string, signal?: AbortSignal): Promise<Alignment> {
    return getJson<Alignment>(`/sprints/${enc(sprintId)}/alignment`, { signal });
  },
  releaseAlignment(releaseId: string, signal?: AbortSignal): Promise<Alignment> {
    return getJson<Alignment>(`/releases/${enc(releaseId)}/alignment`, { signal });
  },
};
