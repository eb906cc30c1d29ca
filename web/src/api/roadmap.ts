// The roadmap (docs/strategy.md, "Roadmap"): a product's timeline and Now/Next/Later board,
// rescheduling through the initiative's PATCH, and published read-only links.
import { getJson, request } from './client';

const enc = encodeURIComponent;

export type Granularity = 'quarter' | 'half' | 'year';
export type Timeframe = 'now' | 'next' | 'later';
export type InitiativeStatus = 'proposed' | 'planned' | 'in_progress' | 'done' | 'dropped';

export interface RoadmapPeriod {
  label: string;
  start: string;
  end: string;
}

export interface RoadmapInitiative {
  id: string;
  product_id: string;
  name: string;
  status: InitiativeStatus;
  goals: { id: string; objective: string }[];
  owner: { id?: string; name: string } | null;
  horizon: string | null;
  start_date: string | null;
  end_date: string | null;
  start: string;
  end: string;
  placement: 'dates' | 'start' | 'end' | 'timeframe';
  timeframe: Timeframe;
  timeframe_source: 'set' | 'derived';
  work: { items: number; points: number; done_items: number; done_points: number };
  /** Absent on a published link. */
  version?: number;
}

export interface RoadmapRelease {
  id: string;
  product_id: string;
  version: string;
  name: string;
  target_date: string;
  status: string;
}

export interface RoadmapLane {
  goal: { id: string; objective: string } | null;
  name: string;
  initiatives: RoadmapInitiative[];
}

export interface Roadmap {
  product: { id: string; key: string; name: string };
  from: string;
  to: string;
  granularity: Granularity;
  today: string;
  periods: RoadmapPeriod[];
  lanes: RoadmapLane[];
  releases: RoadmapRelease[];
  board: Record<Timeframe, RoadmapInitiative[]>;
}

export interface RoadmapShare {
  id: string;
  product_id: string;
  created_by: { id: string; name: string } | null;
  created_at: number;
  /** On creation only. */
  token?: string;
  url?: string;
}

export interface RoadmapWindow {
  from?: string;
  to?: string;
  granularity?: Granularity;
}

function query(w: RoadmapWindow): string {
  const params = new URLSearchParams();
  if (w.from) params.set('from', w.from);
  if (w.to) params.set('to', w.to);
  if (w.granularity) params.set('granularity', w.granularity);
  const q = params.toString();
  return q ? `?${q}` : '';
}

/** The fields of an initiative the roadmap changes. */
export interface Reschedule {
  start_date?: string | null;
  end_date?: string | null;
  timeframe?: Timeframe | null;
}

export const roadmapApi = {
  get(productId: string, w: RoadmapWindow, signal?: AbortSignal): Promise<Roadmap> {
    return getJson<Roadmap>(`/products/${enc(productId)}/roadmap${query(w)}`, { signal });
  },
  /** No login: the session is not needed, and a 401 must not sign anyone out. */
  getPublic(token: string, w: RoadmapWindow, signal?: AbortSignal): Promise<Roadmap> {
    return getJson<Roadmap>(`/public/roadmaps/${enc(token)}${query(w)}`, { signal, skipAuthRedirect: true });
  },
  /** PATCH the initiative with If-Match of its version: a stale one is a 412 with `current`. */
  async reschedule(id: string, version: number, changes: Reschedule): Promise<{ version: number }> {
    return (
      await request<{ version: number }>('PATCH', `/initiatives/${enc(id)}`, {
        body: changes,
        headers: { 'If-Match': `"${version}"` },
      })
    ).data;
  },
  async listShares(productId: string, signal?: AbortSignal): Promise<RoadmapShare[]> {
    const page = await getJson<{ data: RoadmapShare[] }>(`/products/${enc(productId)}/roadmap/shares`, { signal });
    return page.data ?? [];
  },
  async createShare(productId: string): Promise<RoadmapShare> {
    return (await request<RoadmapShare>('POST', `/products/${enc(productId)}/roadmap/shares`)).data;
  },
  async revokeShare(id: string): Promise<void> {
    await request<void>('DELETE', `/roadmap-shares/${enc(id)}`);
  },
};
