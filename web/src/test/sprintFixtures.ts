import type {
  Burndown,
  BurndownDay,
  ChangeRequest,
  Planning,
  ReportEntry,
  ScopeChange,
  Sprint,
  SprintDetail,
  SprintReport,
  Team,
  Velocity,
} from '../api/sprintTypes';
import { item } from './backlogFixtures';
import { meFor, myProduct, productX2, user } from './fixtures';

const T = 1_795_000_000_000;

/** Carol is the Scrum Master of SkyLift X2. */
export const carol = user('u-carol', 'Carol Jensen', 'carol@skylift.example');
export const carolMe = meFor(carol, [myProduct(productX2, ['scrum_master'])], { product_id: 'p-x2', page: 'sprint' });

export const falcon: Team = {
  id: 'tea_1',
  name: 'Falcon',
  product_id: 'p-x2',
  member_ids: ['u-carol', 'u-dave'],
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

export function planning(fields: Partial<Planning> = {}): Planning {
  return {
    committed_points: 0,
    capacity: 0,
    capacity_unit: 'points',
    capacity_comparable: true,
    velocity: null,
    velocity_window: 0,
    items: 0,
    unestimated: 0,
    warnings: [],
    ...fields,
  };
}

export function sprint(id: string, name: string, fields: Partial<Sprint> = {}): Sprint {
  return {
    id,
    product_id: 'p-x2',
    team_id: 'tea_1',
    team: { id: 'tea_1', name: 'Falcon' },
    name,
    goal: '',
    start_date: '2026-11-23',
    end_date: '2026-12-04',
    working_days: [1, 2, 3, 4, 5],
    working_day_count: 10,
    capacity_unit: 'points',
    require_approval: false,
    status: 'planned',
    started_at: null,
    completed_at: null,
    committed_points: null,
    completed_points: null,
    item_count: 0,
    planned_points: 0,
    done_points: 0,
    created_by: 'u-bob',
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}

export function sprintDetail(id: string, name: string, fields: Partial<SprintDetail> = {}): SprintDetail {
  return {
    ...sprint(id, name),
    capacity: { unit: 'points', total: 0, members: [] },
    planning: planning(),
    items: [],
    ...fields,
  };
}

export const x2Items = {
  six: item(6, { title: 'Remaining flight time', points: 5, status: 'in_progress', category: 'in_progress' }),
  twelve: item(12, { title: 'Lighter landing gear', points: 5, status: 'ready' }),
  sixteen: item(16, { title: 'Eco mode', points: 13, status: 'ready' }),
  eighteen: item(18, { title: 'Endurance test', points: null }),
};

export function day(date: string, fields: Partial<BurndownDay> = {}): BurndownDay {
  return { date, working_day: true, ideal: 0, scope: null, done: null, remaining: null, changes: [], ...fields };
}

export function burndown(fields: Partial<Burndown> = {}): Burndown {
  return {
    sprint_id: 'spr_1',
    status: 'active',
    unit: 'points',
    committed: 10,
    start_date: '2026-11-23',
    end_date: '2026-11-25',
    days: [
      day('2026-11-23', {
        ideal: 6.7,
        scope: 23,
        done: 0,
        remaining: 23,
        changes: [{ kind: 'added', item_id: 'itm_16', points_before: null, points_after: 13 }],
      }),
      day('2026-11-24', { ideal: 3.3, scope: 23, done: 5, remaining: 18 }),
      day('2026-11-25', { ideal: 0 }),
    ],
    ...fields,
  };
}

export function scopeChange(id: string, fields: Partial<ScopeChange> = {}): ScopeChange {
  return {
    id,
    kind: 'added',
    item_id: 'itm_16',
    item: { id: 'itm_16', key: 'X2-16', title: 'Eco mode', type: 'story', status: 'ready', category: 'to_do', points: 13 },
    points_before: null,
    points_after: 13,
    by: 'u-bob',
    by_name: 'Bob Chen',
    at: T,
    reason: 'customer escalation',
    ...fields,
  };
}

export function changeRequest(id: string, fields: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    id,
    sprint_id: 'spr_1',
    kind: 'add',
    item_id: 'itm_18',
    item: { id: 'itm_18', key: 'X2-18', title: 'Endurance test', type: 'story', status: 'new', category: 'to_do', points: 20 },
    reason: 'the customer asks',
    requested_by: 'u-carol',
    requested_by_name: 'Carol Jensen',
    requested_at: T,
    status: 'open',
    decided_by: null,
    decided_by_name: null,
    decided_at: null,
    note: '',
    version: 1,
    ...fields,
  };
}

function entry(n: number, title: string, points: number | null, fields: Partial<ReportEntry> = {}): ReportEntry {
  return { id: `itm_${n}`, key: `X2-${n}`, title, type: 'story', status: 'ready', category: 'to_do', points, ...fields };
}

export function report(fields: Partial<SprintReport> = {}): SprintReport {
  return {
    sprint_id: 'spr_1',
    name: 'Sprint 7',
    goal: 'Longer flights',
    status: 'active',
    unit: 'points',
    committed: 10,
    completed: 5,
    done: [entry(6, 'Remaining flight time', 5, { status: 'done', category: 'done' })],
    not_done: [entry(12, 'Lighter landing gear', 5), entry(16, 'Eco mode', 13)],
    added_after_start: [
      entry(16, 'Eco mode', 13, {
        change_id: 'scg_1',
        points_before: null,
        points_after: 13,
        by: 'u-bob',
        by_name: 'Bob Chen',
        at: T,
        reason: 'customer escalation',
      }),
    ],
    removed: [
      entry(15, 'Quiet propellers', 5, {
        change_id: 'scg_2',
        points_before: 5,
        points_after: null,
        by: 'u-carol',
        by_name: 'Carol Jensen',
        at: T,
        reason: 'blocked by the supplier',
      }),
    ],
    re_estimated: [],
    carried_over: [],
    ...fields,
  };
}

export function velocity(fields: Partial<Velocity> = {}): Velocity {
  return {
    team_id: 'tea_1',
    product_id: 'p-x2',
    sprints: [
      { id: 'spr_5', name: 'Sprint 5', committed: 20, completed: 18, completed_at: T },
      { id: 'spr_6', name: 'Sprint 6', committed: 24, completed: 21, completed_at: T },
    ],
    average: 19.5,
    ...fields,
  };
}
