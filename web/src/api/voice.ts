// One function per customer voice, stakeholder and decision log API call (docs/strategy.md).
import { API_BASE, ApiError, getJson, request } from './client';
import type { Page } from './types';
import type {
  Communication,
  Contact,
  ContactInput,
  Customer,
  CustomerInput,
  Decision,
  DecisionFilter,
  DecisionInput,
  Demand,
  Feedback,
  FeedbackFilter,
  FeedbackInput,
  FeedbackLink,
  Idea,
  IdeaInput,
  IdeaStatus,
  IdeaVote,
  Importance,
  Stakeholder,
  StakeholderInput,
} from './voiceTypes';

const enc = encodeURIComponent;

async function send<T>(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  return (await request<T>(method, path, { body, headers })).data;
}

function ifMatch(version: number) {
  return { 'If-Match': `"${version}"` };
}

/** `?a=1&b=2` of the non-empty values, or ''. */
function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** A text answer (Markdown or HTML), with the JSON error body turned into an ApiError. */
async function getText(path: string, accept: string, signal?: AbortSignal): Promise<string> {
  let res: Response;
  try {
    res = await fetch(API_BASE + path, { headers: { Accept: accept }, credentials: 'same-origin', signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network_error', 'Cannot reach the server. Check your connection.');
  }
  const text = await res.text();
  if (!res.ok) {
    let error: { code?: string; message?: string; details?: { field: string; issue: string }[] } | undefined;
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error;
    } catch {
      error = undefined;
    }
    throw new ApiError(
      res.status,
      error?.code ?? `http_${res.status}`,
      error?.message ?? `Request failed (HTTP ${res.status})`,
      error?.details ?? [],
    );
  }
  return text;
}

export const voiceApi = {
  // Customers and contacts
  async customers(productId: string, filter: { segment?: string; q?: string } = {}, signal?: AbortSignal) {
    const page = await getJson<Page<Customer>>(`/products/${enc(productId)}/customers${query(filter)}`, { signal });
    return page.data ?? [];
  },
  createCustomer(productId: string, input: CustomerInput): Promise<Customer> {
    return send<Customer>('POST', `/products/${enc(productId)}/customers`, input);
  },
  updateCustomer(id: string, version: number, input: CustomerInput): Promise<Customer> {
    return send<Customer>('PATCH', `/customers/${enc(id)}`, input, ifMatch(version));
  },
  deleteCustomer(id: string): Promise<void> {
    return send<void>('DELETE', `/customers/${enc(id)}`);
  },
  addContact(customerId: string, input: ContactInput): Promise<Contact> {
    return send<Contact>('POST', `/customers/${enc(customerId)}/contacts`, input);
  },
  deleteContact(id: string): Promise<void> {
    return send<void>('DELETE', `/contacts/${enc(id)}`);
  },

  // Feedback
  feedbackPage(productId: string, filter: FeedbackFilter & { limit?: number } = {}, signal?: AbortSignal) {
    return getJson<Page<Feedback>>(`/products/${enc(productId)}/feedback${query({ ...filter })}`, { signal });
  },
  /** Every feedback of the product (all pages, 200 at a time). */
  async allFeedback(productId: string, signal?: AbortSignal): Promise<Feedback[]> {
    const all: Feedback[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await voiceApi.feedbackPage(productId, { limit: 200, cursor }, signal);
      all.push(...(page.data ?? []));
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    return all;
  },
  createFeedback(productId: string, input: FeedbackInput): Promise<Feedback> {
    return send<Feedback>('POST', `/products/${enc(productId)}/feedback`, input);
  },
  updateFeedback(id: string, version: number, input: FeedbackInput): Promise<Feedback> {
    return send<Feedback>('PATCH', `/feedback/${enc(id)}`, input, ifMatch(version));
  },
  deleteFeedback(id: string): Promise<void> {
    return send<void>('DELETE', `/feedback/${enc(id)}`);
  },
  linkFeedback(
    id: string,
    target: { target_type: 'item' | 'idea'; target_id: string; importance: Importance },
  ): Promise<FeedbackLink & { feedback: Feedback }> {
    return send('POST', `/feedback/${enc(id)}/links`, target);
  },
  unlinkFeedback(linkId: string): Promise<void> {
    return send<void>('DELETE', `/feedback-links/${enc(linkId)}`);
  },

  // Ideas and votes
  async ideas(productId: string, filter: { status?: IdeaStatus | ''; sort?: 'votes' | 'newest' } = {}, signal?: AbortSignal) {
    const page = await getJson<Page<Idea>>(`/products/${enc(productId)}/ideas${query(filter)}`, { signal });
    return page.data ?? [];
  },
  idea(id: string, signal?: AbortSignal): Promise<Idea> {
    return getJson<Idea>(`/ideas/${enc(id)}`, { signal });
  },
  createIdea(productId: string, input: IdeaInput): Promise<Idea> {
    return send<Idea>('POST', `/products/${enc(productId)}/ideas`, input);
  },
  updateIdea(id: string, version: number, input: IdeaInput): Promise<Idea> {
    return send<Idea>('PATCH', `/ideas/${enc(id)}`, input, ifMatch(version));
  },
  deleteIdea(id: string): Promise<void> {
    return send<void>('DELETE', `/ideas/${enc(id)}`);
  },
  /** A vote for oneself (no customer) or on behalf of a customer. */
  vote(ideaId: string, customerId?: string): Promise<IdeaVote> {
    return send<IdeaVote>('POST', `/ideas/${enc(ideaId)}/votes`, customerId ? { customer_id: customerId } : {});
  },
  unvote(voteId: string): Promise<void> {
    return send<void>('DELETE', `/idea-votes/${enc(voteId)}`);
  },

  // Demand
  async demand(productId: string, signal?: AbortSignal): Promise<Demand[]> {
    const res = await getJson<{ data: Demand[] }>(`/products/${enc(productId)}/demand`, { signal });
    return res.data ?? [];
  },

  // Stakeholders
  async stakeholders(productId: string, filter: { kind?: string; quadrant?: string } = {}, signal?: AbortSignal) {
    const page = await getJson<Page<Stakeholder>>(`/products/${enc(productId)}/stakeholders${query(filter)}`, { signal });
    return page.data ?? [];
  },
  stakeholder(id: string, signal?: AbortSignal): Promise<Stakeholder> {
    return getJson<Stakeholder>(`/stakeholders/${enc(id)}`, { signal });
  },
  createStakeholder(productId: string, input: StakeholderInput): Promise<Stakeholder> {
    return send<Stakeholder>('POST', `/products/${enc(productId)}/stakeholders`, input);
  },
  updateStakeholder(id: string, version: number, input: StakeholderInput): Promise<Stakeholder> {
    return send<Stakeholder>('PATCH', `/stakeholders/${enc(id)}`, input, ifMatch(version));
  },
  deleteStakeholder(id: string): Promise<void> {
    return send<void>('DELETE', `/stakeholders/${enc(id)}`);
  },
  logCommunication(stakeholderId: string, input: { date: string; channel?: string; summary: string }): Promise<Communication> {
    return send<Communication>('POST', `/stakeholders/${enc(stakeholderId)}/communications`, input);
  },
  deleteCommunication(id: string): Promise<void> {
    return send<void>('DELETE', `/communications/${enc(id)}`);
  },
  /** The update for the period as Markdown. */
  stakeholderUpdateMarkdown(productId: string, from: string, to: string, signal?: AbortSignal): Promise<string> {
    return getText(
      `/products/${enc(productId)}/stakeholder-update${query({ from, to, format: 'markdown' })}`,
      'text/markdown',
      signal,
    );
  },
  /** The address of the update as an HTML document, for a link the browser opens or saves. */
  stakeholderUpdateHtmlUrl(productId: string, from: string, to: string): string {
    return `${API_BASE}/products/${enc(productId)}/stakeholder-update${query({ from, to, format: 'html' })}`;
  },

  // Decisions
  async decisions(productId: string, filter: DecisionFilter = {}, signal?: AbortSignal) {
    const page = await getJson<Page<Decision>>(`/products/${enc(productId)}/decisions${query({ ...filter })}`, { signal });
    return page.data ?? [];
  },
  decision(id: string, signal?: AbortSignal): Promise<Decision> {
    return getJson<Decision>(`/decisions/${enc(id)}`, { signal });
  },
  createDecision(productId: string, input: DecisionInput): Promise<Decision> {
    return send<Decision>('POST', `/products/${enc(productId)}/decisions`, input);
  },
  updateDecision(id: string, version: number, input: DecisionInput): Promise<Decision> {
    return send<Decision>('PATCH', `/decisions/${enc(id)}`, input, ifMatch(version));
  },
  deleteDecision(id: string): Promise<void> {
    return send<void>('DELETE', `/decisions/${enc(id)}`);
  },
  /** The product's goals and initiatives as choices for a decision's links (id and name). */
  async goalChoices(productId: string, signal?: AbortSignal): Promise<{ id: string; name: string }[]> {
    const page = await getJson<Page<{ id: string; objective: string }>>(`/products/${enc(productId)}/goals`, { signal });
    return (page.data ?? []).map((g) => ({ id: g.id, name: g.objective }));
  },
  async initiativeChoices(productId: string, signal?: AbortSignal): Promise<{ id: string; name: string }[]> {
    const page = await getJson<Page<{ id: string; name: string }>>(`/products/${enc(productId)}/initiatives`, { signal });
    return (page.data ?? []).map((i) => ({ id: i.id, name: i.name }));
  },
};
