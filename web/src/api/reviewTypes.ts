// Types of the sprint review and retrospective API (docs/delivery.md, "Sprint review" and
// "Retrospectives"). Times are milliseconds since the epoch.
import type { Criterion, ItemBrief } from './backlogTypes';
import type { UserRef } from './types';

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export const RETRO_COLUMNS = ['went_well', 'to_improve', 'action'] as const;
export type RetroColumn = (typeof RETRO_COLUMNS)[number];

/** The sprint as a review or retrospective names it. */
export interface SprintBrief {
  id: string;
  name: string;
  goal?: string;
  status: 'planned' | 'active' | 'completed';
  start_date: string;
  end_date: string;
  team: { id: string; name: string };
}

/** An accepted item on the review's agenda. */
export interface AgendaItem extends ItemBrief {
  accepted_at: number | null;
  accepted_by: UserRef | null;
  criteria: Criterion[];
}

export interface Feedback {
  id: string;
  sprint_id: string;
  text: string;
  from: string;
  sentiment: Sentiment;
  item_ids: string[];
  /** The linked items that still exist. */
  items: { id: string; key: string; title: string }[];
  author: UserRef;
  created_at: number;
}

export interface NewFeedback {
  text: string;
  from: string;
  sentiment: Sentiment;
  item_ids: string[];
}

export interface Review {
  sprint_id: string;
  sprint: SprintBrief;
  agenda: AgendaItem[];
  agenda_points: number;
  notes: string;
  /** The notes' concurrency counter: 0 until the first save. */
  version: number;
  updated_by: UserRef | null;
  updated_at: number | null;
  /** Newest first. */
  feedback: Feedback[];
}

/** An item of the sprint (GET /sprints/{id} lists them), for linking feedback. */
export type SprintItem = ItemBrief;

export interface RetroCard {
  id: string;
  sprint_id: string;
  column: RetroColumn;
  text: string;
  author: UserRef;
  votes: number;
  /** Whether the caller's vote is among `votes`. */
  voted: boolean;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface RetroAction {
  id: string;
  sprint_id: string;
  sprint: { id: string; name: string };
  team_id: string;
  text: string;
  owner: UserRef | null;
  card_id: string | null;
  done: boolean;
  done_at: number | null;
  done_by: UserRef | null;
  created_by: UserRef;
  /** The earlier sprint whose retrospective made it, when it is carried into this one. */
  carried_from: { id: string; name: string } | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface Retro {
  sprint_id: string;
  sprint: SprintBrief;
  cards: Record<RetroColumn, RetroCard[]>;
  /** This retrospective's actions (oldest first), then the carried ones. */
  actions: RetroAction[];
}

export interface NewRetroAction {
  text: string;
  owner_id?: string | null;
  card_id?: string | null;
}

export interface RetroActionChanges {
  text?: string;
  owner_id?: string | null;
  done?: boolean;
}
