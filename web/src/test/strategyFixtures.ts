import type { Alignment, Goal, Initiative, KeyResult, Trace, Vision, Work } from '../api/strategyTypes';

const T = Date.UTC(2027, 0, 2, 9, 0, 0);

export function vision(fields: Partial<Vision> = {}): Vision {
  return {
    product_id: 'p-x2',
    statement: '',
    target_customers: '',
    customer_needs: '',
    value_proposition: '',
    business_goals: '',
    version: 0,
    updated_by: null,
    updated_at: null,
    ...fields,
  };
}

export function keyResult(id: string, fields: Partial<KeyResult> = {}): KeyResult {
  return {
    id,
    goal_id: 'gol_1',
    title: 'Longer flights',
    metric: 'flight time',
    unit: 'min',
    baseline: 38,
    target: 45,
    current: 38,
    progress: 0,
    check_ins: [],
    version: 1,
    ...fields,
  };
}

export const emptyWork: Work = { items: [], totals: { items: 0, points: 0, done_points: 0, done_items: 0 } };

export function goal(id: string, objective: string, fields: Partial<Goal> = {}): Goal {
  return {
    id,
    product_id: 'p-x2',
    objective,
    description: '',
    horizon: 'year',
    start_date: '2027-01-01',
    end_date: '2027-12-31',
    owner: { id: 'u-alice', name: 'Alice Moreau' },
    state: 'open',
    progress: null,
    expected: 0.5,
    status: null,
    key_results: [],
    initiative_ids: [],
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}

export function initiative(id: string, name: string, fields: Partial<Initiative> = {}): Initiative {
  return {
    id,
    product_id: 'p-x2',
    name,
    description: '',
    goal_ids: [],
    goals: [],
    owner: null,
    horizon: null,
    start_date: null,
    end_date: null,
    expected_outcome: '',
    status: 'proposed',
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}

export function trace(fields: Partial<Trace> = {}): Trace {
  const item = { id: 'itm_7', key: 'X2-7', title: 'Night mode for the camera', type: 'story', status: 'todo' };
  return { item, chain: [item], aligned_by: null, initiative: null, goals: [], vision: null, ...fields };
}

export function alignment(fields: Partial<Alignment> = {}): Alignment {
  return {
    scope: { type: 'sprint', id: 'spr_1', name: 'Sprint 1' },
    items: 0,
    points: 0,
    by_goal: [],
    by_initiative: [],
    unaligned: { items: 0, points: 0, share: 0, keys: [] },
    goals_without_work: [],
    initiatives_without_work: [],
    ...fields,
  };
}
