// The board's logic without React: the query the quick filters make, what a move changes, and
// the board as it looks right after a move (before the server answers).
import type { Board, Item, ItemChanges, Priority, Swimlane } from '../../api/backlogTypes';

export interface QuickFilters {
  mine: boolean;
  recent: boolean;
  label: string;
  /** The free query, as typed (may end in ORDER BY). */
  query: string;
}

/** Splits a query at its top-level ORDER BY (outside strings): [filter, "ORDER BY …" or ""]. */
export function splitOrderBy(text: string): [string, string] {
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      continue;
    }
    const before = i === 0 ? ' ' : text[i - 1];
    if (/[\s()]/.test(before) && /^order\s+by\b/i.test(text.slice(i))) {
      return [text.slice(0, i).trim(), text.slice(i).trim()];
    }
  }
  return [text.trim(), ''];
}

function quoted(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}

/** The query the board sends: the free query's filter and each quick filter, ANDed. */
export function boardQuery(f: QuickFilters): string {
  const [filter, order] = splitOrderBy(f.query);
  const parts: string[] = [];
  if (filter) parts.push(f.mine || f.recent || f.label ? `(${filter})` : filter);
  if (f.mine) parts.push('assignee = me');
  if (f.recent) parts.push('updated >= -1d');
  if (f.label) parts.push(`label = ${quoted(f.label)}`);
  return [parts.join(' AND '), order].filter(Boolean).join(' ');
}

/** Where a card is: a lane key and a column's status. */
export interface Cell {
  lane: string;
  status: string;
}

export const cellId = (c: Cell) => `${c.lane}\u0000${c.status}`;
export function parseCellId(id: string): Cell | null {
  const at = id.indexOf('\u0000');
  return at < 0 ? null : { lane: id.slice(0, at), status: id.slice(at + 1) };
}

/** The lane and column a card is in, or null. */
export function cellOf(board: Board, itemId: string): Cell | null {
  for (const lane of board.lanes) {
    for (const [status, cards] of Object.entries(lane.cards)) {
      if (cards.some((c) => c.id === itemId)) return { lane: lane.key, status };
    }
  }
  return null;
}

export type MovePlan = { ok: true; changes: ItemChanges } | { ok: false; reason: string };

/**
 * What moving `card` from `from` to `to` changes: the status across columns; across lanes the
 * assignee, the priority or the parent (an epic: only a feature's parent is an epic, so other
 * cards are refused here, before asking the server).
 */
export function planMove(card: Item, swimlane: Swimlane, from: Cell, to: Cell): MovePlan {
  const changes: ItemChanges = {};
  if (to.status !== from.status) changes.status = to.status;
  if (to.lane !== from.lane) {
    switch (swimlane) {
      case 'assignee':
        changes.assignee_id = to.lane === 'none' ? null : to.lane;
        break;
      case 'priority':
        changes.priority = to.lane as Priority;
        break;
      case 'epic':
        if (card.type !== 'feature') {
          return {
            ok: false,
            reason:
              card.type === 'epic'
                ? 'An epic has no parent epic.'
                : `A ${card.type === 'tech-debt' ? 'tech-debt item' : card.type}'s parent is a feature, and its epic is that feature's: change its parent on the item page.`,
          };
        }
        changes.parent_id = to.lane === 'none' ? null : to.lane;
        break;
      case 'none':
        break;
    }
  }
  return { ok: true, changes };
}

/** The board with `card` moved to `to` at its rank among the cards there (an optimistic view). */
export function moveCard(board: Board, card: Item, to: Cell, changes: ItemChanges): Board {
  const moved: Item = { ...card };
  if (changes.status !== undefined) moved.status = changes.status;
  if (changes.priority !== undefined) moved.priority = changes.priority;
  if (changes.assignee_id !== undefined) {
    const lane = board.lanes.find((l) => l.key === changes.assignee_id);
    moved.assignee = changes.assignee_id === null ? null : { id: changes.assignee_id, name: lane?.name ?? '' };
  }
  const lanes = board.lanes.map((lane) => {
    const cards: Record<string, Item[]> = {};
    for (const [status, list] of Object.entries(lane.cards)) {
      let next = list.filter((c) => c.id !== card.id);
      if (lane.key === to.lane && status === to.status) {
        next = [...next, moved].sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
      }
      cards[status] = next;
    }
    return { ...lane, cards };
  });
  return { ...board, lanes };
}
