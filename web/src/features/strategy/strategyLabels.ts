// Labels and small figures of the strategy pages.
import type { ChangeEvent, Role } from '../../api/types';
import type { GoalState, GoalStatus, Horizon, InitiativeStatus, VisionField } from '../../api/strategyTypes';

export const HORIZON_LABELS: Record<Horizon, string> = {
  quarter: 'Quarter',
  half: 'Half year',
  year: 'Year',
  multi_year: 'Multi-year',
};

export const GOAL_STATE_LABELS: Record<GoalState, string> = {
  open: 'Open',
  achieved: 'Achieved',
  missed: 'Missed',
  dropped: 'Dropped',
};

export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  off_track: 'Off track',
};

export const INITIATIVE_STATUS_LABELS: Record<InitiativeStatus, string> = {
  proposed: 'Proposed',
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  dropped: 'Dropped',
};

export const VISION_LABELS: Record<VisionField, string> = {
  statement: 'Vision statement',
  target_customers: 'Target customers',
  customer_needs: 'Customer needs',
  value_proposition: 'Value proposition',
  business_goals: 'Business goals',
};

/** The entity types whose changes alter what the strategy pages show. */
export const STRATEGY_ENTITY_TYPES = new Set(['vision', 'goal', 'key_result', 'initiative', 'item']);

export function isStrategyEvent(e: ChangeEvent, productId: string): boolean {
  return e.product_id === productId && STRATEGY_ENTITY_TYPES.has(e.entity_type);
}

/** strategy.write: the Product Manager only (docs/strategy.md, "Who may do what"). */
export function canWriteStrategy(roles: readonly Role[]): boolean {
  return roles.includes('product_manager');
}

/** Linking an item to a goal or initiative follows the item's PATCH rules: PM and PO. */
export function canAlignItems(roles: readonly Role[]): boolean {
  return roles.includes('product_manager') || roles.includes('product_owner');
}

/** A share 0…1 as a whole percentage: 0.351 → "35%". */
export function percent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  return `${Math.round(share * 100)}%`;
}

/** A number without trailing zeros, at most two decimals: 41.5 → "41.5", 3 → "3". */
export function num(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return String(Math.round(n * 100) / 100);
}

/** A value with its unit: "41.5 min", "30 customers", "12%". */
export function withUnit(n: number, unit: string): string {
  if (!unit) return num(n);
  return unit === '%' ? `${num(n)}%` : `${num(n)} ${unit}`;
}

export function period(start: string | null, end: string | null): string {
  if (!start && !end) return '—';
  return `${start ?? '…'} – ${end ?? '…'}`;
}

export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Everyone holding a role on the product, once each, by name (owners of goals and initiatives). */
export function productPeople(roles: { user: { id: string; name: string } }[] | undefined): { id: string; name: string }[] {
  const out: { id: string; name: string }[] = [];
  for (const r of roles ?? []) if (!out.some((u) => u.id === r.user.id)) out.push({ id: r.user.id, name: r.user.name });
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
