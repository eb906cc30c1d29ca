// One function per sprints API call (docs/delivery.md, "Sprints" and what follows it). Items are
// named by id or key.
import { getJson, request } from './client';
import type {
  Baseline,
  Burndown,
  CapacityInput,
  ChangeRequest,
  ChangeRequestStatus,
  CompleteInput,
  PlanResult,
  ScopeChange,
  Sprint,
  SprintDetail,
  SprintInput,
  SprintReport,
  SprintStatus,
  Team,
  Velocity,
} from './sprintTypes';
import type { Page } from './types';

const enc = encodeURIComponent;

function qs(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function send<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  return (await request<T>(method, path, { body, headers })).data;
}

async function plan(path: string, items: string[], reason: string): Promise<PlanResult> {
  const res = await request<SprintDetail | { change_requests: ChangeRequest[] }>('POST', path, {
    body: reason.trim() ? { items, reason: reason.trim() } : { items },
  });
  if (res.status === 202) {
    return { sprint: null, changeRequests: (res.data as { change_requests: ChangeRequest[] }).change_requests ?? [] };
  }
  return { sprint: res.data as SprintDetail, changeRequests: null };
}

export const sprintApi = {
  async listSprints(
    productId: string,
    filter: { team?: string; status?: SprintStatus | '' } = {},
    signal?: AbortSignal,
  ): Promise<Sprint[]> {
    const page = await getJson<Page<Sprint>>(
      `/products/${enc(productId)}/sprints${qs({ team: filter.team, status: filter.status })}`,
      { signal },
    );
    return page.data ?? [];
  },
  getSprint(id: string, signal?: AbortSignal): Promise<SprintDetail> {
    return getJson<SprintDetail>(`/sprints/${enc(id)}`, { signal });
  },
  createSprint(productId: string, input: SprintInput): Promise<SprintDetail> {
    return send<SprintDetail>('POST', `/products/${enc(productId)}/sprints`, input);
  },
  /** PATCH with If-Match: a stale version is a 412 whose body holds `current`. */
  updateSprint(id: string, version: number, input: SprintInput): Promise<SprintDetail> {
    return send<SprintDetail>('PATCH', `/sprints/${enc(id)}`, input, { 'If-Match': `"${version}"` });
  },
  deleteSprint(id: string): Promise<void> {
    return send<void>('DELETE', `/sprints/${enc(id)}`);
  },
  setCapacity(id: string, members: CapacityInput[]): Promise<SprintDetail> {
    return send<SprintDetail>('PUT', `/sprints/${enc(id)}/capacity`, { members });
  },
  addItems(id: string, items: string[], reason = ''): Promise<PlanResult> {
    return plan(`/sprints/${enc(id)}/items`, items, reason);
  },
  removeItems(id: string, items: string[], reason = ''): Promise<PlanResult> {
    return plan(`/sprints/${enc(id)}/items/remove`, items, reason);
  },
  start(id: string): Promise<SprintDetail> {
    return send<SprintDetail>('POST', `/sprints/${enc(id)}/start`);
  },
  complete(id: string, input: CompleteInput): Promise<SprintDetail> {
    return send<SprintDetail>('POST', `/sprints/${enc(id)}/complete`, input);
  },
  baseline(id: string, signal?: AbortSignal): Promise<Baseline> {
    return getJson<Baseline>(`/sprints/${enc(id)}/baseline`, { signal });
  },
  async scopeChanges(id: string, signal?: AbortSignal): Promise<ScopeChange[]> {
    const page = await getJson<Page<ScopeChange>>(`/sprints/${enc(id)}/scope-changes`, { signal });
    return page.data ?? [];
  },
  async changeRequests(id: string, status?: ChangeRequestStatus, signal?: AbortSignal): Promise<ChangeRequest[]> {
    const page = await getJson<Page<ChangeRequest>>(`/sprints/${enc(id)}/change-requests${qs({ status })}`, {
      signal,
    });
    return page.data ?? [];
  },
  /** The Product Owner accepts (applying the change) or rejects a change request. */
  decide(requestId: string, accept: boolean, note: string): Promise<ChangeRequest> {
    return send<ChangeRequest>(
      'POST',
      `/change-requests/${enc(requestId)}/${accept ? 'accept' : 'reject'}`,
      note.trim() ? { note: note.trim() } : {},
    );
  },
  burndown(id: string, signal?: AbortSignal): Promise<Burndown> {
    return getJson<Burndown>(`/sprints/${enc(id)}/burndown`, { signal });
  },
  report(id: string, signal?: AbortSignal): Promise<SprintReport> {
    return getJson<SprintReport>(`/sprints/${enc(id)}/report`, { signal });
  },
  /** The team's last `last` completed sprints on the product, oldest first. */
  velocity(teamId: string, productId: string, last = 6, signal?: AbortSignal): Promise<Velocity> {
    return getJson<Velocity>(`/teams/${enc(teamId)}/velocity${qs({ product: productId, last })}`, { signal });
  },
  async teams(signal?: AbortSignal): Promise<Team[]> {
    const out: Team[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const page: Page<Team> = await getJson<Page<Team>>(`/teams${qs({ limit: 200, cursor })}`, { signal });
      out.push(...(page.data ?? []));
      cursor = page.next_cursor ?? null;
      if (cursor === null) break;
    }
    return out;
  },
};
