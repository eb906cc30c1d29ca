// Types of the customer voice, stakeholder and decision log API (docs/strategy.md).
// Times (`*_at`) are milliseconds since the epoch; dates are YYYY-MM-DD.

export interface Ref {
  id: string;
  name: string;
}

export interface Contact {
  id: string;
  customer_id: string;
  name: string;
  email: string;
  role: string;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface Customer {
  id: string;
  product_id: string;
  name: string;
  segment: string;
  /** null when unknown, or for users without market.read. */
  revenue_per_year: number | null;
  region: string;
  notes: string;
  contacts: Contact[];
  version: number;
  created_at: number;
  updated_at: number;
}

export interface CustomerInput {
  name?: string;
  segment?: string;
  revenue_per_year?: number | null;
  region?: string;
  notes?: string;
}

export interface ContactInput {
  name?: string;
  email?: string;
  role?: string;
}

export const FEEDBACK_SOURCES = ['interview', 'survey', 'support_ticket', 'sales_call', 'trade_fair', 'review', 'other'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];
export type FeedbackKind = 'qualitative' | 'quantitative';
export const FEEDBACK_STATUSES = ['new', 'triaged', 'archived'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export const IMPORTANCES = ['nice_to_have', 'important', 'critical'] as const;
export type Importance = (typeof IMPORTANCES)[number];

export interface FeedbackLink {
  id: string;
  feedback_id: string;
  target_type: 'item' | 'idea';
  target_id: string;
  /** An item {id,key,title,type}, an idea {id,title}, or null when it is gone. */
  target: { id: string; title: string; key?: string; type?: string } | null;
  importance: Importance;
  created_at: number;
}

export interface Feedback {
  id: string;
  product_id: string;
  text: string;
  source: FeedbackSource;
  kind: FeedbackKind;
  sentiment: Sentiment;
  score: number | null;
  date: string;
  customer: Ref | null;
  contact: Ref | null;
  status: FeedbackStatus;
  author: Ref;
  links: FeedbackLink[];
  version: number;
  created_at: number;
  updated_at: number;
}

export interface FeedbackInput {
  text?: string;
  source?: FeedbackSource;
  kind?: FeedbackKind;
  sentiment?: Sentiment;
  date?: string;
  customer_id?: string | null;
  contact_id?: string | null;
  score?: number | null;
  status?: FeedbackStatus;
}

export interface FeedbackFilter {
  status?: FeedbackStatus | '';
  customer?: string;
  source?: FeedbackSource | '';
  cursor?: string;
}

export const IDEA_STATUSES = ['new', 'under_review', 'planned', 'declined'] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];

export interface Idea {
  id: string;
  product_id: string;
  title: string;
  problem: string;
  proposer: Ref;
  customer: Ref | null;
  status: IdeaStatus;
  decline_reason: string | null;
  item: { id: string; key: string; title: string } | null;
  votes: number;
  customer_votes: number;
  revenue_at_stake: number | null;
  voted: boolean;
  /** The id of the reader's own vote (never one cast for a customer), to take it back; null when none. */
  my_vote_id: string | null;
  feedback_count: number;
  version: number;
  created_at: number;
  updated_at: number;
  /** On GET one, when the server sends them. */
  vote_list?: IdeaVote[];
}

export interface IdeaInput {
  title?: string;
  problem?: string;
  customer_id?: string | null;
  status?: IdeaStatus;
  decline_reason?: string | null;
  item_id?: string | null;
}

export interface IdeaVote {
  id: string;
  idea_id: string;
  user: Ref;
  customer: Ref | null;
  created_at: number;
  idea?: Idea;
}

export interface Demand {
  item: { id: string; key: string; title: string; type: string } | null;
  customers: number;
  revenue_at_stake: number | null;
  feedback_count: number;
  votes: number;
  by_importance: Record<Importance, number>;
  customer_list: { id: string; name: string; revenue_per_year: number | null }[];
}

export const CHANNELS = ['email', 'meeting', 'chat', 'phone', 'report'] as const;
export type Channel = (typeof CHANNELS)[number];
export const QUADRANTS = ['manage_closely', 'keep_satisfied', 'keep_informed', 'monitor'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export interface Communication {
  id: string;
  stakeholder_id: string;
  date: string;
  channel: Channel;
  summary: string;
  by: Ref | null;
  created_at: number;
}

export interface Stakeholder {
  id: string;
  product_id: string;
  name: string;
  kind: 'internal' | 'external';
  organisation: string;
  title: string;
  email: string;
  influence: number;
  interest: number;
  quadrant: Quadrant;
  channel: Channel;
  notes: string;
  user: Ref | null;
  last_contact: string | null;
  version: number;
  created_at: number;
  updated_at: number;
  communications?: Communication[];
}

export interface StakeholderInput {
  name?: string;
  kind?: 'internal' | 'external';
  organisation?: string;
  title?: string;
  email?: string;
  influence?: number;
  interest?: number;
  channel?: Channel;
  notes?: string;
  user_id?: string | null;
}

export const DECISION_STATUSES = ['proposed', 'decided', 'superseded'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const DECISION_LINK_TYPES = ['item', 'release', 'goal', 'initiative', 'idea'] as const;
export type DecisionLinkType = (typeof DECISION_LINK_TYPES)[number];

export interface DecisionOption {
  title: string;
  pros: string;
  cons: string;
}

export interface DecisionLink {
  type: DecisionLinkType;
  id: string;
  key: string | null;
  name: string | null;
}

export interface Decision {
  id: string;
  product_id: string;
  title: string;
  context: string;
  options: DecisionOption[];
  decision: string;
  rationale: string;
  owner: Ref | null;
  date: string | null;
  status: DecisionStatus;
  links: DecisionLink[];
  created_by: Ref | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface DecisionInput {
  title?: string;
  context?: string;
  options?: DecisionOption[];
  decision?: string;
  rationale?: string;
  owner_id?: string | null;
  date?: string | null;
  status?: DecisionStatus;
  links?: { type: DecisionLinkType; id: string }[];
}

export interface DecisionFilter {
  status?: DecisionStatus | '';
  q?: string;
  linked?: string;
}
