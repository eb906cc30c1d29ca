// One function per prioritisation API call (docs/strategy.md, "Prioritisation"): an item's scores
// under each model, their history, the product's scorecards and the ranked view.
import { getJson, request } from './client';

const enc = encodeURIComponent;

/** rice | wsjf | value_effort | moscow | kano | scorecard:<id> */
export type ModelName = string;

export type Quadrant = 'quick_win' | 'big_bet' | 'fill_in' | 'time_sink';

export type ScoreInputs = Record<string, unknown>;

export interface UserRef {
  id: string;
  name: string;
}

export interface ItemScore {
  item_id: string;
  model: ModelName;
  inputs: ScoreInputs;
  score: number | null;
  summary: string;
  cost_of_delay?: number;
  quadrant?: Quadrant;
  category?: string;
  scorecard?: { id: string; name: string };
  version: number;
  updated_by: UserRef | null;
  updated_at: number;
}

export interface ScoreChange {
  id: string;
  change: 'set' | 'recomputed' | 'deleted';
  model: ModelName;
  inputs: ScoreInputs | null;
  score: number | null;
  by: UserRef | null;
  at: number;
}

export interface Criterion {
  id: string;
  name: string;
  weight: number;
}

export interface Scorecard {
  id: string;
  product_id: string;
  name: string;
  model: ModelName;
  criteria: Criterion[];
  version: number;
  created_by: UserRef | null;
  created_at: number;
  updated_at: number;
}

export interface RankedItem {
  id: string;
  key: string;
  title: string;
  type: string;
  status: string;
  points: number | null;
  backlog_position: number;
  manual_position: number | null;
  model_position: number | null;
  score: number | null;
  inputs: ScoreInputs | null;
  summary: string | null;
  disagrees: boolean;
  quadrant?: Quadrant | null;
}

export interface RankedView {
  product_id: string;
  model: ModelName;
  scorecard: { id: string; name: string } | null;
  threshold: number;
  items: RankedItem[];
  counts: { items: number; scored: number; unscored: number; disagreements: number };
}

export interface RankedQuery {
  model: ModelName;
  type?: string;
  status?: string;
  includeDone?: boolean;
}

async function send<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  return (await request<T>(method, path, { body, headers })).data;
}

export const prioritisationApi = {
  ranked(productId: string, q: RankedQuery, signal?: AbortSignal): Promise<RankedView> {
    const params = new URLSearchParams({ model: q.model });
    if (q.type) params.set('type', q.type);
    if (q.status) params.set('status', q.status);
    if (q.includeDone) params.set('include_done', 'true');
    return getJson<RankedView>(`/products/${enc(productId)}/prioritisation?${params.toString()}`, { signal });
  },
  async itemScores(item: string, signal?: AbortSignal): Promise<ItemScore[]> {
    const r = await getJson<{ scores: ItemScore[] }>(`/items/${enc(item)}/scores`, { signal });
    return r.scores;
  },
  putScore(item: string, model: ModelName, inputs: ScoreInputs): Promise<ItemScore> {
    return send<ItemScore>('PUT', `/items/${enc(item)}/scores/${enc(model)}`, inputs);
  },
  deleteScore(item: string, model: ModelName): Promise<void> {
    return send<void>('DELETE', `/items/${enc(item)}/scores/${enc(model)}`);
  },
  async history(item: string, model: ModelName, signal?: AbortSignal): Promise<ScoreChange[]> {
    const r = await getJson<{ data: ScoreChange[] }>(`/items/${enc(item)}/scores/${enc(model)}/history`, { signal });
    return r.data;
  },
  async scorecards(productId: string, signal?: AbortSignal): Promise<Scorecard[]> {
    const r = await getJson<{ data: Scorecard[] }>(`/products/${enc(productId)}/scorecards`, { signal });
    return r.data;
  },
  createScorecard(productId: string, card: { name: string; criteria: { name: string; weight: number }[] }): Promise<Scorecard> {
    return send<Scorecard>('POST', `/products/${enc(productId)}/scorecards`, card);
  },
  updateScorecard(
    id: string,
    version: number,
    changes: { name?: string; criteria?: { id?: string; name: string; weight: number }[] },
  ): Promise<Scorecard> {
    return send<Scorecard>('PATCH', `/scorecards/${enc(id)}`, changes, { 'If-Match': `"${version}"` });
  },
  deleteScorecard(id: string): Promise<void> {
    return send<void>('DELETE', `/scorecards/${enc(id)}`);
  },
};
