import type { UserRef } from '../../api/types';
import type { RetroColumn, Sentiment } from '../../api/reviewTypes';

export const SENTIMENT_LABELS: Record<Sentiment, string> = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
};

export const COLUMN_LABELS: Record<RetroColumn, string> = {
  went_well: 'Went well',
  to_improve: 'To improve',
  action: 'Actions',
};

/** What a review page shows changes with these (the agenda follows the items' status). */
export const REVIEW_ENTITY_TYPES = new Set(['review', 'item']);

/** What a retrospective shows changes with these (actions carried from other sprints too). */
export const RETRO_ENTITY_TYPES = new Set(['retro_card', 'retro_action']);

/** A time in milliseconds as the browser's locale writes it. */
export function formatTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '' : new Date(ms).toLocaleString();
}

/** Everyone with a role on the product, once each, by name (owners of retro actions). */
export function productPeople(roles: { user: UserRef }[] | undefined): UserRef[] {
  const out: UserRef[] = [];
  for (const r of roles ?? []) {
    if (!out.some((u) => u.id === r.user.id)) out.push(r.user);
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** Paths of the sprint's pages. */
export function sprintPaths(productId: string, sprintId: string) {
  const product = `/products/${encodeURIComponent(productId)}`;
  const sprint = `${product}/sprints/${encodeURIComponent(sprintId)}`;
  return {
    product,
    sprints: `${product}/sprints`,
    sprint,
    review: `${sprint}/review`,
    retro: `${sprint}/retro`,
    item: (key: string) => `${product}/items/${encodeURIComponent(key)}`,
  };
}
