// Types of the backlog API (docs/backlog.md): items, settings, poker rounds, comments,
// saved views, search results and the inbox.
import type { UserRef } from './types';

export const ITEM_TYPES = ['epic', 'feature', 'story', 'bug', 'spike', 'tech-debt', 'task'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export type StatusCategory = 'to_do' | 'in_progress' | 'done';

/** Item priorities, most urgent first; `medium` is the default. */
export const PRIORITIES = ['highest', 'high', 'medium', 'low', 'lowest'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const REFINEMENT_FLAGS = ['no_criteria', 'no_estimate', 'too_big', 'no_alignment'] as const;
export type RefinementFlag = (typeof REFINEMENT_FLAGS)[number];

export interface Criterion {
  id: string;
  text: string;
  done: boolean;
}

/** A criterion as written: no id for a new one. */
export interface CriterionDraft {
  id?: string;
  text: string;
  done: boolean;
}

export interface ItemRef {
  id: string;
  key: string;
  title: string;
  type: ItemType;
  status?: string;
}

/** An item as releases, reviews and reports list it: its place in the workflow and its points. */
export interface ItemBrief extends ItemRef {
  status: string;
  category: StatusCategory;
  points: number | null;
}

export const LINK_KINDS = ['blocks', 'blocked_by', 'relates', 'duplicates', 'duplicated_by'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface ItemLink {
  id: string;
  kind: LinkKind;
  item: ItemRef & { status: string };
}

export interface Rollup {
  total_points: number;
  done_points: number;
  items: number;
  done_items: number;
}

export type FieldValue = string | number | string[] | null;

export interface Item {
  id: string;
  key: string;
  product_id: string;
  type: ItemType;
  title: string;
  description: string;
  criteria: Criterion[];
  points: number | null;
  priority: Priority;
  labels: string[];
  assignee: UserRef | null;
  status: string;
  category: StatusCategory;
  parent: ItemRef | null;
  goal_id: string | null;
  initiative_id: string | null;
  /** The goal and initiative by name (docs/strategy.md, "Items and alignment"). */
  goal?: { id: string; objective: string } | null;
  initiative?: { id: string; name: string } | null;
  sprint_id?: string | null;
  release_id?: string | null;
  rank: string;
  fields: Record<string, FieldValue>;
  ready_checks: string[];
  done_checks: string[];
  ready: boolean;
  links: ItemLink[];
  rollup: Rollup | null;
  flags: RefinementFlag[];
  accepted_at: string | null;
  accepted_by: UserRef | string | null;
  /** When the item last entered a done-category status; null while it is not in one. */
  done_at?: string | null;
  watching?: boolean;
  version: number;
  created_at: string;
  updated_at: string;
  created_by?: UserRef | string | null;
}

/** The fields of an item that a PATCH may change. */
export interface ItemChanges {
  type?: ItemType;
  title?: string;
  description?: string;
  points?: number | null;
  priority?: Priority;
  status?: string;
  assignee_id?: string | null;
  labels?: string[];
  parent_id?: string | null;
  goal_id?: string | null;
  initiative_id?: string | null;
  fields?: Record<string, FieldValue>;
  ready_checks?: string[];
  done_checks?: string[];
  criteria?: CriterionDraft[];
}

export interface NewItem {
  type: ItemType;
  title: string;
  parent_id?: string;
  position?: 'top' | 'bottom';
}

export type MoveTarget = { before: string } | { after: string } | { position: 'top' | 'bottom' };

export interface BulkChanges {
  status?: string;
  assignee_id?: string | null;
  add_labels?: string[];
  points?: number | null;
  priority?: Priority;
}

export interface WorkflowStatus {
  key: string;
  name: string;
  category: StatusCategory;
  wip_limit: number;
}

export interface ChecklistEntry {
  id: string;
  text: string;
}

export type CustomFieldType = 'text' | 'number' | 'date' | 'single_select' | 'multi_select' | 'user';

export interface CustomField {
  id: string;
  key: string;
  name: string;
  type: CustomFieldType;
  options?: string[];
  required?: boolean;
}

export interface BacklogSettings {
  statuses: WorkflowStatus[];
  transitions: { from: string; to: string }[];
  point_scale: number[];
  split_threshold: number;
  definition_of_ready: ChecklistEntry[];
  definition_of_done: ChecklistEntry[];
  fields: CustomField[];
  version: number;
}

/** A Definition of Ready / Done entry as written: no id for a new one (the server assigns it). */
export interface ChecklistEntryDraft {
  id?: string;
  text: string;
}

/** A custom field as written: no id for a new one (the server assigns it). */
export interface CustomFieldDraft {
  id?: string;
  key: string;
  name: string;
  type: CustomFieldType;
  options: string[];
  required: boolean;
}

/** A settings PATCH: each section named replaces that section; the others stay. */
export interface BacklogSettingsChanges {
  statuses?: WorkflowStatus[];
  transitions?: { from: string; to: string }[];
  point_scale?: number[];
  split_threshold?: number;
  definition_of_ready?: ChecklistEntryDraft[];
  definition_of_done?: ChecklistEntryDraft[];
  fields?: CustomFieldDraft[];
}

export type PokerState = 'voting' | 'revealed' | 'closed';

export interface PokerVote {
  user: UserRef;
  /** Hidden (absent or null) while the round is voting. */
  points?: number | null;
}

export interface PokerRound {
  id: string;
  item: Pick<ItemRef, 'id' | 'key' | 'title'>;
  state: PokerState;
  votes: PokerVote[];
  my_vote: number | null;
  /** The estimate the round ended with (closed rounds). */
  final_points: number | null;
  started_by?: UserRef | null;
  created_at?: string;
  revealed_at?: string | null;
  closed_at?: string | null;
  version?: number;
}

export interface Comment {
  id: string;
  item_id?: string;
  author: UserRef;
  body: string;
  created_at: string;
  updated_at?: string;
  version?: number;
}

export interface SavedView {
  id: string;
  name: string;
  query: string;
  shared: boolean;
  owner?: UserRef | null;
  owner_id?: string;
  product_id?: string;
  version?: number;
}

export interface SearchHit {
  item: Item;
  score: number;
  /** HTML-escaped text with <mark> around the matches. */
  title: string;
  snippet: string;
}

export interface InboxEntry {
  id: string;
  kind: string;
  /** When it was marked read; null while unread. */
  read_at: string | null;
  created_at: string;
  actor: UserRef | null;
  item: Pick<ItemRef, 'id' | 'key' | 'title'> | null;
  product_id?: string | null;
  /** One line for people, e.g. "Bob Okafor mentioned you on X2-12: …". */
  summary?: string;
  comment_id?: string | null;
}

export interface SplitStory {
  title: string;
  criteria: string[];
  points?: number | null;
}

// The board (docs/delivery.md, "Board").

export const SWIMLANES = ['none', 'assignee', 'epic', 'priority'] as const;
export type Swimlane = (typeof SWIMLANES)[number];

export interface BoardColumn {
  status: string;
  name: string;
  category: StatusCategory;
  /** 0: no limit. */
  wip_limit: number;
  /** Every item of the product in this status (the WIP limit is a product rule). */
  count: number;
  over_limit: boolean;
}

export interface BoardLane {
  /** A user id, an epic id or a priority; `none` for no value, `all` without swimlanes. */
  key: string;
  name: string;
  /** Epic lanes: the epic's key. */
  item_key?: string;
  /** By status: the lane's cards in that column, in rank order. */
  cards: Record<string, Item[]>;
}

export interface Board {
  swimlane: Swimlane;
  sprint_id: string | null;
  columns: BoardColumn[];
  lanes: BoardLane[];
  truncated: boolean;
  card_limit: number;
}

/** A sprint as the sprint list shows it (only what the board's selector needs). */
export interface SprintSummary {
  id: string;
  name: string;
  status: 'planned' | 'active' | 'completed';
  team_id?: string;
  start_date?: string;
  end_date?: string;
}
