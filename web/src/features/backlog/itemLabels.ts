import type { ItemType, Priority, RefinementFlag, StatusCategory } from '../../api/backlogTypes';

export const TYPE_LABELS: Record<ItemType, string> = {
  epic: 'Epic',
  feature: 'Feature',
  story: 'Story',
  bug: 'Bug',
  spike: 'Spike',
  'tech-debt': 'Tech debt',
  task: 'Task',
};

export const FLAG_LABELS: Record<RefinementFlag, string> = {
  no_criteria: 'No acceptance criteria',
  no_estimate: 'No estimate',
  too_big: 'Too big',
  no_alignment: 'No alignment',
};

export const CATEGORY_LABELS: Record<StatusCategory, string> = {
  to_do: 'To do',
  in_progress: 'In progress',
  done: 'Done',
};

export const PRIORITY_LABELS: Record<Priority, string> = {
  highest: 'Highest',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  lowest: 'Lowest',
};

export function priorityLabel(p: string | undefined): string {
  return PRIORITY_LABELS[(p ?? 'medium') as Priority] ?? p ?? 'Medium';
}

export function typeLabel(t: string): string {
  return TYPE_LABELS[t as ItemType] ?? t;
}

export function flagLabel(f: string): string {
  return FLAG_LABELS[f as RefinementFlag] ?? f;
}

export function formatPoints(p: number | null | undefined): string {
  return p === null || p === undefined ? '—' : String(p);
}

/**
 * The entity types whose changes alter what backlog pages show. Everything that happens to an
 * item (edits, links, comments, poker rounds) is an event of entity type `item`, told apart by
 * its action: `commented`, `comment_edited`, `poker_started`, `poker_revealed`, ...
 */
export const BACKLOG_ENTITY_TYPES = new Set(['item', 'backlog', 'backlog_settings', 'saved_view']);

/** Whether an item event is about its comments, or about a planning poker round. */
export const isCommentEvent = (e: { action: string }) => e.action.startsWith('comment');
export const isPokerEvent = (e: { action: string }) => e.action.startsWith('poker_');
