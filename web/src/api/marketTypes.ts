// Types of the market and competition API (docs/strategy.md, "Market and competition"):
// personas, competitors, the feature comparison matrix and market notes.
// Times (`*_at`) are milliseconds since the epoch; dates are YYYY-MM-DD.
import type { Ref } from './voiceTypes';

export const THREATS = ['low', 'medium', 'high'] as const;
export type Threat = (typeof THREATS)[number];

/** A set cell's value; a missing cell reads `unknown`. */
export const CELL_VALUES = ['has', 'partial', 'missing', 'better'] as const;
export type CellValue = (typeof CELL_VALUES)[number];
export type CellReading = CellValue | 'unknown';

export type Ours = 'shipped' | 'in_progress' | 'planned';

export const NOTE_KINDS = ['research', 'trend', 'news', 'analyst'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export const IMPACTS = ['low', 'medium', 'high'] as const;
export type Impact = (typeof IMPACTS)[number];

/** A titled web link (a competitor's links, a note's sources). */
export interface WebLink {
  title: string;
  url: string;
}

// ---- Personas ----

export type PersonaLinkType = 'item' | 'feedback';

export interface PersonaLink {
  type: PersonaLinkType;
  id: string;
  /** An item's key; null for feedback. */
  key: string | null;
  /** An item's title, or the first 80 characters of the feedback. */
  name: string;
}

export interface Persona {
  id: string;
  product_id: string;
  name: string;
  segment: string;
  role: string;
  description: string;
  goals: string[];
  pains: string[];
  quote: string;
  links: PersonaLink[];
  version: number;
  created_by: Ref | null;
  created_at: number;
  updated_at: number;
}

export interface PersonaInput {
  name?: string;
  segment?: string;
  role?: string;
  description?: string;
  goals?: string[];
  pains?: string[];
  quote?: string;
  /** Items by id or key, feedback by id; replaces the whole list. */
  links?: { type: PersonaLinkType; id: string }[];
}

// ---- Competitors ----

export interface ComparisonCounts {
  has: number;
  partial: number;
  missing: number;
  better: number;
  unknown: number;
}

export interface Competitor {
  id: string;
  product_id: string;
  name: string;
  website: string;
  positioning: string;
  pricing: string;
  strengths: string[];
  weaknesses: string[];
  links: WebLink[];
  threat: Threat;
  notes: string;
  version: number;
  created_at: number;
  updated_at: number;
  /** On GET one only: the competitor's summary over the comparison matrix. */
  comparison?: ComparisonCounts;
  /** On GET one only: the market notes about it. */
  notes_count?: number;
}

export interface CompetitorInput {
  name?: string;
  website?: string;
  positioning?: string;
  pricing?: string;
  strengths?: string[];
  weaknesses?: string[];
  links?: WebLink[];
  threat?: Threat;
  notes?: string;
}

// ---- Comparison matrix ----

export interface ComparisonCell {
  value: CellValue;
  note: string;
  updated_at: number;
}

export interface ComparisonRowItem {
  id: string;
  key: string;
  title: string;
  type: string;
  status: string;
}

export interface ComparisonRow {
  id: string;
  capability: string;
  position: number;
  item: ComparisonRowItem | null;
  ours: Ours | null;
  /** Keyed by competitor id; a competitor without a cell is `unknown`. */
  cells: Record<string, ComparisonCell>;
  version: number;
}

export interface CompetitorSummary extends ComparisonCounts {
  competitor_id: string;
  /** Rows where we lead. */
  edge: number;
  /** Rows where they lead. */
  gap: number;
}

export interface Comparison {
  competitors: { id: string; name: string; threat: Threat }[];
  rows: ComparisonRow[];
  summary: CompetitorSummary[];
}

export interface ComparisonRowInput {
  capability?: string;
  /** An epic or feature by id or key; null unlinks. */
  item_id?: string | null;
  position?: number;
}

// ---- Market notes ----

export interface MarketNote {
  id: string;
  product_id: string;
  title: string;
  kind: NoteKind;
  body: string;
  date: string;
  sources: WebLink[];
  impact: Impact | null;
  competitor: Ref | null;
  persona: Ref | null;
  tags: string[];
  created_by: Ref | null;
  version: number;
  created_at: number;
  updated_at: number;
}

export interface MarketNoteInput {
  title?: string;
  kind?: NoteKind;
  body?: string;
  date?: string;
  sources?: WebLink[];
  impact?: Impact | null;
  competitor_id?: string | null;
  persona_id?: string | null;
  tags?: string[];
}

export interface MarketNoteFilter {
  kind?: NoteKind | '';
  competitor?: string;
  persona?: string;
  tag?: string;
  q?: string;
  limit?: number;
  cursor?: string | null;
}
