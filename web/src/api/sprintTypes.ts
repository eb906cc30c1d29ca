// Types of the sprints API (docs/delivery.md: "Sprints", "Capacity and velocity", "Planning",
// "Start and complete", "Scope changes and change requests", "Charts and report"). Times of
// sprints, scope changes and change requests are milliseconds since the epoch; dates are
// calendar days (YYYY-MM-DD, UTC).
import type { Item, ItemType, StatusCategory } from './backlogTypes';

export const SPRINT_STATUSES = ['planned', 'active', 'completed'] as const;
export type SprintStatus = (typeof SPRINT_STATUSES)[number];

export const CAPACITY_UNITS = ['points', 'hours'] as const;
export type CapacityUnit = (typeof CAPACITY_UNITS)[number];

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface MemberCapacity {
  user_id: string;
  /** Null when the user is gone. */
  name: string | null;
  /** What the member delivers in the whole sprint, in the sprint's capacity unit. */
  capacity: number;
  days_off: string[];
  /** capacity × (working days − days off) / working days */
  effective: number;
}

export interface SprintCapacity {
  unit: CapacityUnit;
  total: number;
  members: MemberCapacity[];
}

export type PlanningWarningCode = 'over_capacity' | 'over_velocity' | 'unestimated';

export interface PlanningWarning {
  code: PlanningWarningCode | string;
  message: string;
}

/** The planning figures: advice, never refusals. */
export interface Planning {
  /** The points planned now (the sprint's own `committed_points` is fixed at the start). */
  committed_points: number;
  capacity: number;
  capacity_unit: CapacityUnit;
  /** False for a sprint planned in hours: no capacity warning, velocity only. */
  capacity_comparable: boolean;
  /** The mean completed points of the team's last 3 completed sprints; null without any. */
  velocity: number | null;
  /** How many completed sprints the velocity is the mean of (0: no velocity). */
  velocity_window: number;
  items: number;
  unestimated: number;
  warnings: PlanningWarning[];
}

export interface Sprint {
  id: string;
  product_id: string;
  team_id: string;
  team: { id: string; name: string | null };
  name: string;
  goal: string;
  start_date: string;
  end_date: string;
  working_days: Weekday[];
  working_day_count: number;
  capacity_unit: CapacityUnit;
  require_approval: boolean;
  status: SprintStatus;
  started_at: number | null;
  completed_at: number | null;
  /** Null until the start. */
  committed_points: number | null;
  /** Null until completion. */
  completed_points: number | null;
  item_count: number;
  planned_points: number;
  done_points: number;
  created_by: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  /** On one sprint (GET /sprints/{id}) and every write, not in the list. */
  capacity?: SprintCapacity;
  planning?: Planning;
  /** The sprint's items in rank order. */
  items?: Item[];
}

/** A sprint with its items and figures: GET /sprints/{id} and every write. */
export type SprintDetail = Sprint & Required<Pick<Sprint, 'capacity' | 'planning' | 'items'>>;

/** POST /products/{id}/sprints, and PATCH /sprints/{id} (no team_id there). */
export interface SprintInput {
  team_id?: string;
  name?: string;
  goal?: string;
  start_date?: string;
  end_date?: string;
  working_days?: number[];
  capacity_unit?: CapacityUnit;
  require_approval?: boolean;
}

export interface CapacityInput {
  user_id: string;
  capacity: number;
  days_off: string[];
}

/** An item as sprint reports, scope changes and change requests name it; `key` is null once deleted. */
export interface SprintItemRef {
  id: string;
  key: string | null;
  title: string;
  type?: ItemType;
  status?: string;
  category?: StatusCategory;
  points?: number | null;
}

export type ScopeChangeKind = 'added' | 'removed' | 're_estimated';

export interface ScopeChange {
  id: string;
  kind: ScopeChangeKind;
  item_id: string;
  item: SprintItemRef;
  points_before: number | null;
  points_after: number | null;
  by: string | null;
  by_name: string | null;
  at: number;
  reason: string;
}

export type ChangeRequestStatus = 'open' | 'accepted' | 'rejected';

export interface ChangeRequest {
  id: string;
  sprint_id: string;
  kind: 'add' | 'remove';
  item_id: string;
  item: SprintItemRef;
  reason: string;
  requested_by: string;
  requested_by_name: string | null;
  requested_at: number;
  status: ChangeRequestStatus;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: number | null;
  note: string;
  version: number;
}

/**
 * What planning answers: the sprint with its figures (200), or — on an active sprint that
 * requires approval, for anyone but the Product Owner — the change requests made instead (202).
 */
export type PlanResult = { sprint: SprintDetail; changeRequests: null } | { sprint: null; changeRequests: ChangeRequest[] };

export type CarryOver = 'backlog' | 'next_sprint';

export interface CompleteInput {
  carry_over: CarryOver;
  next_sprint_id?: string;
}

export interface Baseline {
  sprint_id: string;
  taken_at: number | null;
  committed_points: number | null;
  items: { item: SprintItemRef; points: number | null }[];
}

export interface BurndownChange {
  kind: ScopeChangeKind;
  item_id: string;
  points_before: number | null;
  points_after: number | null;
}

/** One calendar day, read at its end (UTC). The actual series is null after today. */
export interface BurndownDay {
  date: string;
  working_day: boolean;
  ideal: number;
  scope: number | null;
  done: number | null;
  remaining: number | null;
  changes: BurndownChange[];
}

export interface Burndown {
  sprint_id: string;
  status: SprintStatus;
  unit: 'points';
  /** The committed points (before the start: the points planned). */
  committed: number;
  start_date: string;
  end_date: string;
  days: BurndownDay[];
}

/** An entry of the report: an item with its points, and for scope changes the change. */
export interface ReportEntry extends SprintItemRef {
  points: number | null;
  change_id?: string;
  points_before?: number | null;
  points_after?: number | null;
  by?: string | null;
  by_name?: string | null;
  at?: number;
  reason?: string;
  outcome?: 'returned' | 'carried_over';
  next_sprint_id?: string | null;
}

export interface SprintReport {
  sprint_id: string;
  name: string;
  goal: string;
  status: SprintStatus;
  unit: 'points';
  committed: number | null;
  completed: number | null;
  done: ReportEntry[];
  not_done: ReportEntry[];
  added_after_start: ReportEntry[];
  removed: ReportEntry[];
  re_estimated: ReportEntry[];
  carried_over: ReportEntry[];
}

export interface VelocitySprint {
  id: string;
  name: string;
  committed: number | null;
  completed: number | null;
  completed_at: number;
}

/** The team's last N completed sprints on a product, oldest first. */
export interface Velocity {
  team_id: string;
  product_id: string;
  sprints: VelocitySprint[];
  average: number | null;
}

export interface Team {
  id: string;
  name: string;
  /** The product the team works on; null for a team of no one product. */
  product_id: string | null;
  member_ids: string[];
  version: number;
  created_at: string;
  updated_at: string;
}
