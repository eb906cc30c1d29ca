// Labels and the role rules of the customer voice, stakeholder and decision pages
// (docs/strategy.md, "Who may do what").
import type { Role } from '../../api/types';
import type {
  Channel,
  DecisionLinkType,
  DecisionStatus,
  FeedbackSource,
  FeedbackStatus,
  IdeaStatus,
  Importance,
  Quadrant,
  Sentiment,
} from '../../api/voiceTypes';

const has = (roles: readonly Role[], ...any: Role[]) => any.some((r) => roles.includes(r));

/** Reads customers, feedback, ideas, demand and decisions: any role on the product. */
export const canReadVoice = (roles: readonly Role[]) => roles.length > 0;
/** feedback.write: gives feedback, proposes ideas, votes — every role. */
export const canWriteFeedback = (roles: readonly Role[]) => roles.length > 0;
/** backlog.propose: triages feedback, links it, decides ideas — PM and PO. */
export const canTriage = (roles: readonly Role[]) => has(roles, 'product_manager', 'product_owner');
/** market.read: revenue figures, stakeholders, communications, the update — all but stakeholders. */
export const canReadMarket = (roles: readonly Role[]) =>
  has(roles, 'product_manager', 'product_owner', 'scrum_master', 'team_member', 'executive');
/** market.write: customers and contacts — the PM. */
export const canWriteMarket = (roles: readonly Role[]) => has(roles, 'product_manager');
/** strategy.write: stakeholders and their communication log — the PM. */
export const canWriteStakeholders = (roles: readonly Role[]) => has(roles, 'product_manager');
/** decision.write: the decision log — PM and PO. */
export const canWriteDecisions = (roles: readonly Role[]) => has(roles, 'product_manager', 'product_owner');

export const SOURCE_LABELS: Record<FeedbackSource, string> = {
  interview: 'Interview',
  survey: 'Survey',
  support_ticket: 'Support ticket',
  sales_call: 'Sales call',
  trade_fair: 'Trade fair',
  review: 'Review',
  other: 'Other',
};

export const SENTIMENT_LABELS: Record<Sentiment, string> = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
};

export const FEEDBACK_STATUS_LABELS: Record<FeedbackStatus, string> = {
  new: 'New',
  triaged: 'Triaged',
  archived: 'Archived',
};

export const IMPORTANCE_LABELS: Record<Importance, string> = {
  nice_to_have: 'Nice to have',
  important: 'Important',
  critical: 'Critical',
};

export const IDEA_STATUS_LABELS: Record<IdeaStatus, string> = {
  new: 'New',
  under_review: 'Under review',
  planned: 'Planned',
  declined: 'Declined',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  email: 'E-mail',
  meeting: 'Meeting',
  chat: 'Chat',
  phone: 'Phone',
  report: 'Report',
};

export const QUADRANT_LABELS: Record<Quadrant, string> = {
  manage_closely: 'Manage closely',
  keep_satisfied: 'Keep satisfied',
  keep_informed: 'Keep informed',
  monitor: 'Monitor',
};

export const DECISION_STATUS_LABELS: Record<DecisionStatus, string> = {
  proposed: 'Proposed',
  decided: 'Decided',
  superseded: 'Superseded',
};

export const LINK_TYPE_LABELS: Record<DecisionLinkType, string> = {
  item: 'Item',
  release: 'Release',
  goal: 'Goal',
  initiative: 'Initiative',
  idea: 'Idea',
};

/** Revenue as a whole amount with thousands separators ("1,250,000"); "—" when unknown. */
export function formatRevenue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Math.round(value).toLocaleString('en-US');
}

/** Today as YYYY-MM-DD (UTC, as the server counts days). */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The day `days` before `date` (YYYY-MM-DD). */
export function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The entity types of the live event stream these pages follow. */
export const VOICE_ENTITY_TYPES = new Set(['customer', 'feedback', 'idea']);
