// Labels and pure helpers of the sprint pages: working days, capacity, chart rows and the
// charts' text alternatives.
import type { Role } from '../../api/types';
import type {
  Burndown,
  BurndownChange,
  CapacityUnit,
  Planning,
  ScopeChangeKind,
  SprintStatus,
  Velocity,
} from '../../api/sprintTypes';

export const SPRINT_STATUS_LABELS: Record<SprintStatus, string> = {
  planned: 'Planned',
  active: 'Active',
  completed: 'Completed',
};

export const WEEKDAYS = [
  [1, 'Mon'],
  [2, 'Tue'],
  [3, 'Wed'],
  [4, 'Thu'],
  [5, 'Fri'],
  [6, 'Sat'],
  [7, 'Sun'],
] as const;

export const SCOPE_CHANGE_LABELS: Record<ScopeChangeKind, string> = {
  added: 'Added',
  removed: 'Removed',
  re_estimated: 'Re-estimated',
};

/**
 * The entity types whose events change what a sprint page shows: the sprint itself, its change
 * requests, and items (their status, points and sprint).
 */
export const SPRINT_ENTITY_TYPES = new Set(['sprint', 'change_request', 'item']);

/** The items the backlog side of planning offers: plannable types, in no sprint, not done. */
export const PLANNABLE_QUERY = 'sprint IS EMPTY AND category != done AND type IN (story, bug, spike, tech-debt, task)';

/** Who may create, plan, start and complete sprints and set capacity (`sprint.write`). */
export function canWriteSprints(roles: readonly Role[]): boolean {
  return roles.includes('product_owner') || roles.includes('scrum_master');
}

/** A number as the figures show it: at most one decimal, no trailing ".0". */
export function figure(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return String(Math.round(n * 10) / 10);
}

export function unitLabel(unit: CapacityUnit, n?: number | null): string {
  const one = n !== undefined && n !== null && Math.round(n * 10) / 10 === 1;
  if (unit === 'hours') return one ? 'hour' : 'hours';
  return one ? 'point' : 'points';
}

function parseDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function isoWeekday(d: Date): number {
  const w = d.getUTCDay();
  return w === 0 ? 7 : w;
}

/** The dates from `start` to `end` (inclusive) that fall on `weekdays` (ISO, 1 = Monday). */
export function workingDates(start: string, end: string, weekdays: readonly number[]): string[] {
  const out: string[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end)) return out;
  const last = parseDay(end).getTime();
  for (let t = parseDay(start).getTime(), guard = 0; t <= last && guard < 400; t += 86_400_000, guard++) {
    const d = new Date(t);
    if (weekdays.includes(isoWeekday(d))) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

/** "Mon 9 Nov": a calendar day in the workspace's calendar (UTC). */
export function dayLabel(date: string): string {
  const d = parseDay(date);
  if (Number.isNaN(d.getTime())) return date;
  return d.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** "9 Nov": short for chart axes. */
export function shortDay(date: string): string {
  const d = parseDay(date);
  if (Number.isNaN(d.getTime())) return date;
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** A time in milliseconds since the epoch, for people. */
export function formatTime(ms: number | null | undefined): string {
  if (!ms) return '—';
  return new Date(ms).toLocaleString();
}

/** The capacity a member delivers after their days off (as the server computes it). */
export function effectiveCapacity(capacity: number, daysOff: readonly string[], working: readonly string[]): number {
  if (working.length === 0) return 0;
  const off = daysOff.filter((d) => working.includes(d)).length;
  return (capacity * (working.length - off)) / working.length;
}

export interface CapacityFigures {
  planned: number;
  unit: CapacityUnit;
  /** Null when the bar has nothing to compare the planned points with. */
  limit: number | null;
  limitLabel: 'capacity' | 'velocity' | null;
  /** Fill of the bar, 0–100. */
  percent: number;
  over: boolean;
  /** Where the limit falls on the bar (0–100). */
  limitAt: number | null;
  /** Where the velocity falls on the bar (0–100), when it is shown beside the capacity. */
  velocityAt: number | null;
  text: string;
}

/**
 * What the capacity bar shows: the points planned against the capacity (when it is in points
 * and set), else against the velocity; the velocity as a marker beside the capacity.
 */
export function capacityFigures(p: Planning): CapacityFigures {
  const planned = p.committed_points;
  const hasCapacity = p.capacity_comparable && p.capacity > 0;
  const hasVelocity = p.velocity !== null && p.velocity_window > 0;
  const limit = hasCapacity ? p.capacity : hasVelocity ? (p.velocity as number) : null;
  const limitLabel = hasCapacity ? 'capacity' : hasVelocity ? 'velocity' : null;
  const scale = Math.max(planned, limit ?? 0, hasCapacity && hasVelocity ? (p.velocity as number) : 0);
  const percent = scale > 0 ? Math.min(100, (planned / scale) * 100) : 0;
  const over = limit !== null && planned > limit;
  const limitAt = limit !== null && scale > 0 ? (limit / scale) * 100 : null;
  const velocityAt = hasCapacity && hasVelocity && scale > 0 ? ((p.velocity as number) / scale) * 100 : null;
  let text = `${figure(planned)} ${unitLabel('points', planned)} planned`;
  if (p.capacity_comparable) {
    text += p.capacity > 0 ? ` of a capacity of ${figure(p.capacity)}` : ', no capacity set';
  } else {
    text += ` (capacity ${figure(p.capacity)} ${unitLabel('hours', p.capacity)}, not compared with points)`;
  }
  return { planned, unit: p.capacity_unit, limit, limitLabel, percent, over, limitAt, velocityAt, text };
}

/** The velocity hint under the capacity bar. */
export function velocityHint(p: Planning): string {
  if (p.velocity === null || p.velocity_window === 0) return 'No velocity yet: the team has no completed sprint on this product.';
  const sprints = p.velocity_window === 1 ? 'the last completed sprint' : `the last ${p.velocity_window} completed sprints`;
  return `Velocity ${figure(p.velocity)} points (average of ${sprints}).`;
}

/** "+3", "−5", "5 → 8": what a scope change did to the points. */
export function changeText(c: Pick<BurndownChange, 'kind' | 'points_before' | 'points_after'>): string {
  if (c.kind === 'added') return `+${figure(c.points_after ?? 0)}`;
  if (c.kind === 'removed') return `−${figure(c.points_before ?? 0)}`;
  return `${figure(c.points_before)} → ${figure(c.points_after)}`;
}

export interface BurndownRow {
  date: string;
  label: string;
  working: boolean;
  ideal: number;
  remaining: number | null;
  scope: number | null;
  done: number | null;
  /** The day's scope changes, e.g. "X2-16 +13"; empty when none. */
  changes: string[];
  /** The same without the items ("+13"), for the chart's markers. */
  marks: string[];
}

/** The burndown's days as chart rows; `keys` names items by id (their keys). */
export function burndownRows(b: Burndown, keys: ReadonlyMap<string, string>): BurndownRow[] {
  return b.days.map((d) => ({
    date: d.date,
    label: shortDay(d.date),
    working: d.working_day,
    ideal: d.ideal,
    remaining: d.remaining,
    scope: d.scope,
    done: d.done,
    changes: d.changes.map((c) => `${keys.get(c.item_id) ?? 'an item'} ${changeText(c)}`),
    marks: d.changes.map(changeText),
  }));
}

function scopeChangesSentence(b: Burndown, keys: ReadonlyMap<string, string>): string {
  const changes = b.days.flatMap((d) => d.changes.map((c) => ({ date: d.date, c })));
  if (changes.length === 0) return 'No scope changes.';
  return `Scope changes: ${changes
    .map(({ date, c }) => `${keys.get(c.item_id) ?? 'an item'} ${changeText(c)} on ${dayLabel(date)}`)
    .join('; ')}.`;
}

/** One sentence on where the sprint stands, for the burndown's text alternative. */
export function burndownSummary(b: Burndown, keys: ReadonlyMap<string, string>): string {
  const actual = b.days.filter((d) => d.remaining !== null);
  const parts: string[] = [];
  if (actual.length === 0) {
    parts.push(
      b.status === 'planned'
        ? `Not started: ${figure(b.committed)} points planned, ideally burnt down to 0 by ${dayLabel(b.end_date)}.`
        : `No day of the sprint has passed yet; ${figure(b.committed)} points committed.`,
    );
  } else {
    const last = actual[actual.length - 1];
    parts.push(
      `On ${dayLabel(last.date)}: ${figure(last.remaining)} of ${figure(last.scope)} points remaining, ` +
        `${figure(last.done)} done; ideal ${figure(last.ideal)}. Committed ${figure(b.committed)}.`,
    );
  }
  parts.push(scopeChangesSentence(b, keys));
  return parts.join(' ');
}

/** The burn-up's text alternative: the scope against the points done, and what changed the scope. */
export function burnupSummary(b: Burndown, keys: ReadonlyMap<string, string>): string {
  const actual = b.days.filter((d) => d.scope !== null);
  if (actual.length === 0) return `No day of the sprint has passed yet. ${scopeChangesSentence(b, keys)}`;
  const first = actual[0];
  const last = actual[actual.length - 1];
  return (
    `On ${dayLabel(last.date)}: ${figure(last.done)} of ${figure(last.scope)} points done; ` +
    `the scope was ${figure(b.committed)} at the start and ${figure(first.scope)} at the end of the first day. ` +
    scopeChangesSentence(b, keys)
  );
}

/** One sentence on the team's velocity chart. */
export function velocitySummary(v: Velocity): string {
  if (v.sprints.length === 0) return 'No completed sprint of this team on this product yet.';
  const n = v.sprints.length;
  return (
    `${n === 1 ? 'The last completed sprint' : `The last ${n} completed sprints`}: ` +
    v.sprints.map((s) => `${s.name} ${figure(s.completed)} of ${figure(s.committed)}`).join(', ') +
    `. Average completed: ${figure(v.average)} points.`
  );
}
