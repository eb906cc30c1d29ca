// Types of the strategy API (docs/strategy.md: vision, goals and key results, initiatives,
// trace and alignment). Times here are milliseconds since the epoch, dates YYYY-MM-DD.

export interface Ref {
  id: string;
  name: string;
}

export interface Vision {
  product_id: string;
  statement: string;
  target_customers: string;
  customer_needs: string;
  value_proposition: string;
  business_goals: string;
  version: number;
  updated_by: Ref | null;
  updated_at: number | null;
}

export const VISION_FIELDS = [
  'statement',
  'target_customers',
  'customer_needs',
  'value_proposition',
  'business_goals',
] as const;
export type VisionField = (typeof VISION_FIELDS)[number];
export type VisionInput = Partial<Record<VisionField, string>>;

export const HORIZONS = ['quarter', 'half', 'year', 'multi_year'] as const;
export type Horizon = (typeof HORIZONS)[number];

export const GOAL_STATES = ['open', 'achieved', 'missed', 'dropped'] as const;
export type GoalState = (typeof GOAL_STATES)[number];

export type GoalStatus = 'on_track' | 'at_risk' | 'off_track';

export interface CheckIn {
  id: string;
  value: number;
  date: string;
  note: string;
  by: Ref | null;
  created_at: number;
}

export interface KeyResult {
  id: string;
  goal_id: string;
  title: string;
  metric: string;
  unit: string;
  baseline: number;
  target: number;
  current: number;
  progress: number;
  check_ins: CheckIn[];
  version: number;
}

export interface KeyResultInput {
  title: string;
  metric: string;
  unit: string;
  baseline: number;
  target: number;
}

export interface WorkItem {
  id: string;
  key: string;
  title: string;
  type: string;
  status: string;
  category: string;
  points: number | null;
  parent_id: string | null;
  via: 'goal' | 'initiative';
}

/** One page of the work below a goal or initiative; the totals count all of it. */
export interface Work {
  items: WorkItem[];
  totals: { items: number; points: number; done_points: number; done_items: number };
  /** The cursor of the next page; null (or absent) on the last. */
  next_cursor?: string | null;
}

export const INITIATIVE_STATUSES = ['proposed', 'planned', 'in_progress', 'done', 'dropped'] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

export interface Initiative {
  id: string;
  product_id: string;
  name: string;
  description: string;
  goal_ids: string[];
  goals?: { id: string; objective: string }[];
  owner: Ref | null;
  horizon: Horizon | null;
  start_date: string | null;
  end_date: string | null;
  expected_outcome: string;
  status: InitiativeStatus;
  version: number;
  created_at: number;
  updated_at: number;
  /** On GET /initiatives/{id}. */
  work?: Work;
}

export interface InitiativeInput {
  name?: string;
  description?: string;
  goal_ids?: string[];
  owner_id?: string | null;
  horizon?: Horizon | null;
  start_date?: string | null;
  end_date?: string | null;
  expected_outcome?: string;
  status?: InitiativeStatus;
}

export interface Goal {
  id: string;
  product_id: string;
  objective: string;
  description: string;
  horizon: Horizon;
  start_date: string;
  end_date: string;
  owner: Ref | null;
  state: GoalState;
  progress: number | null;
  expected: number;
  status: GoalStatus | null;
  key_results: KeyResult[];
  initiative_ids: string[];
  version: number;
  created_at: number;
  updated_at: number;
  /** On GET /goals/{id} only. */
  progress_history?: { date: string; progress: number }[];
  initiatives?: Initiative[];
  work?: Work;
}

export interface GoalInput {
  objective?: string;
  description?: string;
  horizon?: Horizon;
  start_date?: string;
  end_date?: string | null;
  owner_id?: string | null;
  state?: GoalState;
  key_results?: KeyResultInput[];
}

export interface CheckInAnswer extends CheckIn {
  key_result_id: string;
  key_result: KeyResult;
}

export interface TraceItem {
  id: string;
  key: string;
  title: string;
  type: string;
  status: string;
}

export interface Trace {
  item: TraceItem;
  chain: TraceItem[];
  aligned_by: TraceItem | null;
  initiative: Initiative | null;
  goals: Goal[];
  vision: Vision | null;
}

export interface AlignmentShare {
  items: number;
  points: number;
  share: number;
}

export interface Alignment {
  scope: { type: string; id: string; name: string };
  items: number;
  points: number;
  by_goal: (AlignmentShare & { goal: { id: string; objective: string } })[];
  by_initiative: (AlignmentShare & { initiative: { id: string; name: string } })[];
  unaligned: AlignmentShare & { keys: string[] };
  goals_without_work: { id: string; objective: string }[];
  initiatives_without_work: { id: string; name: string }[];
}
