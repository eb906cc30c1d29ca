// One function per sprint review and retrospective API call (docs/delivery.md, "Sprint review"
// and "Retrospectives"). Writes guarded by a version send it as If-Match; a stale one is a 412
// whose body carries the current object under `current`.
import { getJson, request } from './client';
import type {
  Feedback,
  NewFeedback,
  NewRetroAction,
  Retro,
  RetroAction,
  RetroActionChanges,
  RetroCard,
  RetroColumn,
  Review,
  SprintItem,
} from './reviewTypes';

const enc = encodeURIComponent;

function ifMatch(version: number): Record<string, string> {
  return { 'If-Match': `"${version}"` };
}

async function send<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  return (await request<T>(method, path, { body, headers })).data;
}

export const reviewApi = {
  // Sprint review
  getReview(sprintId: string, signal?: AbortSignal): Promise<Review> {
    return getJson<Review>(`/sprints/${enc(sprintId)}/review`, { signal });
  },
  /** PATCH the notes with If-Match of the version the edit started from ("0" before the first save). */
  saveNotes(sprintId: string, version: number, notes: string): Promise<Review> {
    return send<Review>('PATCH', `/sprints/${enc(sprintId)}/review`, { notes }, ifMatch(version));
  },
  addFeedback(sprintId: string, feedback: NewFeedback): Promise<Feedback> {
    return send<Feedback>('POST', `/sprints/${enc(sprintId)}/review/feedback`, feedback);
  },
  deleteFeedback(id: string): Promise<void> {
    return send<void>('DELETE', `/review-feedback/${enc(id)}`);
  },
  /** The sprint's items (any status), for linking feedback to them. */
  async sprintItems(sprintId: string, signal?: AbortSignal): Promise<SprintItem[]> {
    const sprint = await getJson<{ items?: SprintItem[] }>(`/sprints/${enc(sprintId)}`, { signal });
    return sprint.items ?? [];
  },

  // Retrospective
  getRetro(sprintId: string, signal?: AbortSignal): Promise<Retro> {
    return getJson<Retro>(`/sprints/${enc(sprintId)}/retro`, { signal });
  },
  addCard(sprintId: string, column: RetroColumn, text: string): Promise<RetroCard> {
    return send<RetroCard>('POST', `/sprints/${enc(sprintId)}/retro/cards`, { column, text });
  },
  updateCard(id: string, version: number, changes: { text?: string; column?: RetroColumn }): Promise<RetroCard> {
    return send<RetroCard>('PATCH', `/retro-cards/${enc(id)}`, changes, ifMatch(version));
  },
  deleteCard(id: string): Promise<void> {
    return send<void>('DELETE', `/retro-cards/${enc(id)}`);
  },
  /** Adds the caller's vote, or takes it back when there is one. */
  toggleVote(id: string): Promise<RetroCard> {
    return send<RetroCard>('POST', `/retro-cards/${enc(id)}/vote`);
  },
  addAction(sprintId: string, action: NewRetroAction): Promise<RetroAction> {
    return send<RetroAction>('POST', `/sprints/${enc(sprintId)}/retro/actions`, action);
  },
  updateAction(id: string, version: number, changes: RetroActionChanges): Promise<RetroAction> {
    return send<RetroAction>('PATCH', `/retro-actions/${enc(id)}`, changes, ifMatch(version));
  },
};
