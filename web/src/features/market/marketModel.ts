// Labels and helpers of the market and competition page (docs/strategy.md, "Market and
// competition"). Reading needs market.read (every role but the stakeholder), writing
// market.write (the PM): see canReadMarket and canWriteMarket in voiceModel.
import type { CellReading, ComparisonRow, Impact, NoteKind, Ours, Threat } from '../../api/marketTypes';

export { canReadMarket, canWriteMarket } from '../voice/voiceModel';

export const MARKET_TABS = [
  ['competitors', 'Competitors'],
  ['matrix', 'Comparison matrix'],
  ['personas', 'Personas'],
  ['research', 'Research'],
] as const;
export type MarketTab = (typeof MARKET_TABS)[number][0];

export function marketTab(value: string | null): MarketTab {
  return MARKET_TABS.some(([t]) => t === value) ? (value as MarketTab) : 'competitors';
}

export const THREAT_LABELS: Record<Threat, string> = {
  low: 'Low threat',
  medium: 'Medium threat',
  high: 'High threat',
};

/** A cell in words, as the matrix shows it (with a colour of its own). */
export const CELL_LABELS: Record<CellReading, string> = {
  has: 'has',
  partial: 'partial',
  missing: 'missing',
  better: 'better',
  unknown: 'unknown',
};

/** What each value means, for the matrix's legend and the cell's tooltip. */
export const CELL_HINTS: Record<CellReading, string> = {
  has: 'they have it as we do',
  partial: 'they have part of it',
  missing: 'they lack it',
  better: 'theirs is better than ours',
  unknown: 'not assessed yet',
};

export const CELL_READINGS: CellReading[] = ['unknown', 'has', 'partial', 'missing', 'better'];

/** The longest note a comparison cell keeps (the server's limit). */
export const CELL_NOTE_MAX = 500;

export const OURS_LABELS: Record<Ours, string> = {
  shipped: 'Shipped',
  in_progress: 'In progress',
  planned: 'Planned',
};

export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  research: 'Research',
  trend: 'Trend',
  news: 'News',
  analyst: 'Analyst',
};

export const IMPACT_LABELS: Record<Impact, string> = {
  low: 'Low impact',
  medium: 'Medium impact',
  high: 'High impact',
};

/** A row's cell for a competitor: its value, or `unknown` when none is set. */
export function cellOf(row: ComparisonRow, competitorId: string): CellReading {
  return row.cells[competitorId]?.value ?? 'unknown';
}

/** The entity types of the live event stream the market page follows. */
export const MARKET_ENTITY_TYPES = new Set(['persona', 'competitor', 'comparison_row', 'market_note']);

/** The market page's address for a tab. */
export function marketPath(productId: string, tab: MarketTab = 'competitors'): string {
  const base = `/products/${encodeURIComponent(productId)}/market`;
  return tab === 'competitors' ? base : `${base}?tab=${tab}`;
}

export function competitorPath(productId: string, competitorId: string): string {
  return `/products/${encodeURIComponent(productId)}/market/competitors/${encodeURIComponent(competitorId)}`;
}

/**
 * The 422 issues of a list field, for showing next to it: the list's own ("goals") and its
 * entries' ("goals.2", "links.0.url"), each entry named by its number from 1.
 */
export function listIssues(errors: Record<string, string>, field: string): string[] {
  const out: string[] = [];
  for (const [name, issue] of Object.entries(errors)) {
    if (name === field) out.push(issue);
    else if (name.startsWith(`${field}.`)) {
      const [index, ...rest] = name.slice(field.length + 1).split('.');
      const n = Number(index);
      const where = Number.isInteger(n) ? `entry ${n + 1}` : index;
      out.push(`${[where, ...rest].join(' ')}: ${issue}`);
    }
  }
  return out;
}

/** Non-empty trimmed lines of a list editor. */
export function cleanList(values: string[]): string[] {
  return values.map((v) => v.trim()).filter((v) => v !== '');
}
