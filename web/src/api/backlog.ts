// One function per backlog API call (docs/backlog.md). Paths under /items/{id} take the
// item's id or its key.
import { ApiError, getJson, request } from './client';
import type {
  BacklogSettings,
  BacklogSettingsChanges,
  Board,
  BulkChanges,
  Comment,
  InboxEntry,
  Item,
  ItemChanges,
  ItemLink,
  LinkKind,
  MoveTarget,
  NewItem,
  PokerRound,
  SavedView,
  SearchHit,
  SplitStory,
  SprintSummary,
  Swimlane,
} from './backlogTypes';
import type { HistoryEntry, Page } from './types';

const enc = encodeURIComponent;

function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

function ifMatch(version: number): Record<string, string> {
  return { 'If-Match': `"${version}"` };
}

async function send<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  return (await request<T>(method, path, { body, headers })).data;
}

/** The most items one backlog page loads (following cursors). */
export const BACKLOG_LIMIT = 500;

export const backlogApi = {
  /** The ranked backlog, optionally filtered by a query (400 invalid_query on a bad one). */
  async listItems(productId: string, query: string, signal?: AbortSignal): Promise<Item[]> {
    const out: Item[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 20 && out.length < BACKLOG_LIMIT; guard++) {
      const page: Page<Item> = await getJson<Page<Item>>(
        `/products/${enc(productId)}/items${qs({ query: query.trim(), limit: 200, cursor })}`,
        { signal },
      );
      out.push(...(page.data ?? []));
      cursor = page.next_cursor ?? null;
      if (cursor === null) break;
    }
    return out;
  },

  getItem(idOrKey: string, signal?: AbortSignal): Promise<Item> {
    return getJson<Item>(`/items/${enc(idOrKey)}`, { signal });
  },

  createItem(productId: string, item: NewItem): Promise<Item> {
    return send<Item>('POST', `/products/${enc(productId)}/items`, item);
  },

  /** PATCH with If-Match: a stale version is a 412 whose body holds `current`. */
  updateItem(id: string, version: number, changes: ItemChanges): Promise<Item> {
    return send<Item>('PATCH', `/items/${enc(id)}`, changes, ifMatch(version));
  },

  moveItem(id: string, target: MoveTarget): Promise<Item> {
    return send<Item>('POST', `/items/${enc(id)}/move`, target);
  },

  bulkUpdate(productId: string, ids: string[], changes: BulkChanges): Promise<unknown> {
    return send<unknown>('POST', `/products/${enc(productId)}/items/bulk`, { item_ids: ids, ...changes });
  },

  accept(id: string): Promise<Item> {
    return send<Item>('POST', `/items/${enc(id)}/accept`);
  },

  split(id: string, as: 'siblings' | 'children', stories: SplitStory[]): Promise<unknown> {
    return send<unknown>('POST', `/items/${enc(id)}/split`, { as, stories });
  },

  addLink(id: string, kind: LinkKind, target: string): Promise<ItemLink> {
    return send<ItemLink>('POST', `/items/${enc(id)}/links`, { kind, target_id: target });
  },

  removeLink(id: string, linkId: string): Promise<void> {
    return send<void>('DELETE', `/items/${enc(id)}/links/${enc(linkId)}`);
  },

  watch(id: string, on: boolean): Promise<unknown> {
    return send<unknown>('POST', `/items/${enc(id)}/${on ? 'watch' : 'unwatch'}`);
  },

  itemHistory(id: string, signal?: AbortSignal): Promise<Page<HistoryEntry>> {
    return getJson<Page<HistoryEntry>>(`/items/${enc(id)}/history${qs({ limit: 100 })}`, { signal });
  },

  settings(productId: string, signal?: AbortSignal): Promise<BacklogSettings> {
    return getJson<BacklogSettings>(`/products/${enc(productId)}/backlog-settings`, { signal });
  },

  /**
   * Replaces the named sections (Product Owner). `version` is the one the edit started from:
   * a stale one is a 412 whose body holds `current`. Version 0 is that of the defaults, never
   * saved: the first save names it too, so two first saves cannot both win.
   */
  updateSettings(productId: string, version: number, changes: BacklogSettingsChanges): Promise<BacklogSettings> {
    return send<BacklogSettings>(
      'PATCH',
      `/products/${enc(productId)}/backlog-settings`,
      changes,
      ifMatch(version),
    );
  },

  async refinement(productId: string, signal?: AbortSignal): Promise<Item[]> {
    const page = await getJson<Page<Item>>(`/products/${enc(productId)}/refinement${qs({ limit: 200 })}`, {
      signal,
    });
    return page.data ?? [];
  },

  // Comments
  async comments(itemId: string, signal?: AbortSignal): Promise<Comment[]> {
    const page = await getJson<Page<Comment>>(`/items/${enc(itemId)}/comments${qs({ limit: 200 })}`, {
      signal,
    });
    return page.data ?? [];
  },
  addComment(itemId: string, body: string): Promise<Comment> {
    return send<Comment>('POST', `/items/${enc(itemId)}/comments`, { body });
  },
  editComment(commentId: string, body: string): Promise<Comment> {
    return send<Comment>('PATCH', `/comments/${enc(commentId)}`, { body });
  },

  // Planning poker
  startPoker(itemId: string): Promise<PokerRound> {
    return send<PokerRound>('POST', `/items/${enc(itemId)}/poker`);
  },
  latestPoker(itemId: string, signal?: AbortSignal): Promise<PokerRound> {
    return getJson<PokerRound>(`/items/${enc(itemId)}/poker`, { signal });
  },
  poker(roundId: string, signal?: AbortSignal): Promise<PokerRound> {
    return getJson<PokerRound>(`/poker/${enc(roundId)}`, { signal });
  },
  vote(roundId: string, points: number): Promise<PokerRound> {
    return send<PokerRound>('POST', `/poker/${enc(roundId)}/vote`, { points });
  },
  reveal(roundId: string): Promise<PokerRound> {
    return send<PokerRound>('POST', `/poker/${enc(roundId)}/reveal`);
  },
  finish(roundId: string, points: number): Promise<PokerRound> {
    return send<PokerRound>('POST', `/poker/${enc(roundId)}/finish`, { points });
  },

  // Search and saved views
  async search(q: string, productId: string, signal?: AbortSignal): Promise<SearchHit[]> {
    const res = await getJson<{ data: SearchHit[] }>(`/search${qs({ q, product_id: productId, limit: 20 })}`, {
      signal,
    });
    return res.data ?? [];
  },
  async views(productId: string, signal?: AbortSignal): Promise<SavedView[]> {
    const res = await getJson<Page<SavedView>>(`/products/${enc(productId)}/views`, { signal });
    return res.data ?? [];
  },
  createView(productId: string, view: { name: string; query: string; shared: boolean }): Promise<SavedView> {
    return send<SavedView>('POST', `/products/${enc(productId)}/views`, view);
  },
  deleteView(viewId: string): Promise<void> {
    return send<void>('DELETE', `/views/${enc(viewId)}`);
  },

  // Inbox
  async inbox(unreadOnly: boolean, signal?: AbortSignal): Promise<InboxEntry[]> {
    const res = await getJson<Page<InboxEntry>>(`/inbox${qs({ unread: unreadOnly ? 'true' : null, limit: 100 })}`, {
      signal,
    });
    return res.data ?? [];
  },
  markRead(entryId: string): Promise<unknown> {
    return send<unknown>('POST', `/inbox/${enc(entryId)}/read`);
  },
  markAllRead(): Promise<unknown> {
    return send<unknown>('POST', '/inbox/read-all');
  },

  // Board
  board(
    productId: string,
    params: { sprint?: string | null; swimlane?: Swimlane; query?: string },
    signal?: AbortSignal,
  ): Promise<Board> {
    return getJson<Board>(
      `/products/${enc(productId)}/board${qs({
        sprint: params.sprint,
        swimlane: params.swimlane === 'none' ? null : params.swimlane,
        query: params.query?.trim(),
      })}`,
      { signal },
    );
  },
  /** The product's sprints; null when the server has no sprints API (404). */
  async sprints(productId: string, signal?: AbortSignal): Promise<SprintSummary[] | null> {
    try {
      const res = await getJson<Page<SprintSummary> | SprintSummary[]>(`/products/${enc(productId)}/sprints`, {
        signal,
      });
      return Array.isArray(res) ? res : (res.data ?? []);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  },
};
