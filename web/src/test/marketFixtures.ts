// Fixtures of the market and competition page (docs/strategy.md, "Market and competition").
import type {
  Comparison,
  ComparisonRow,
  Competitor,
  CompetitorSummary,
  MarketNote,
  Persona,
} from '../api/marketTypes';
import { alice } from './fixtures';

const T = 1_790_000_000_000;

export function competitor(id: string, name: string, fields: Partial<Competitor> = {}): Competitor {
  return {
    id,
    product_id: 'p-x2',
    name,
    website: 'https://aerovolt.example',
    positioning: 'Heavy-lift inspection drones for utilities',
    pricing: 'from 12,000 EUR per airframe',
    strengths: [],
    weaknesses: [],
    links: [],
    threat: 'medium',
    notes: '',
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}

export const aerovolt = competitor('cmp_1', 'AeroVolt', {
  threat: 'high',
  strengths: ['Dealer network'],
  weaknesses: ['Short flight time'],
  links: [{ title: 'Price list', url: 'https://aerovolt.example/prices' }],
});
export const skyhawk = competitor('cmp_2', 'SkyHawk', {
  website: '',
  threat: 'low',
  positioning: 'Low-cost survey drones',
  pricing: 'from 4,000 EUR',
});

export function row(id: string, capability: string, fields: Partial<ComparisonRow> = {}): ComparisonRow {
  return { id, capability, position: 1, item: null, ours: null, cells: {}, version: 1, ...fields };
}

export function summary(competitorId: string, fields: Partial<CompetitorSummary> = {}): CompetitorSummary {
  return { competitor_id: competitorId, has: 0, partial: 0, missing: 0, better: 0, unknown: 0, edge: 0, gap: 0, ...fields };
}

/**
 * The contract's worked example: R1 (item done), R2 (item in the backlog), R3 (no item);
 * AeroVolt has R1 missing, R2 has, R3 better: edge 1, gap 2. SkyHawk is assessed nowhere.
 */
export const r1 = row('row_1', 'Hot-swap battery', {
  position: 1,
  item: { id: 'itm_12', key: 'X2-12', title: 'Hot-swap battery', type: 'feature', status: 'done' },
  ours: 'shipped',
  cells: { cmp_1: { value: 'missing', note: '', updated_at: T } },
});
export const r2 = row('row_2', 'Thermal camera', {
  position: 2,
  item: { id: 'itm_14', key: 'X2-14', title: 'Thermal camera payload', type: 'epic', status: 'backlog' },
  ours: 'planned',
  cells: { cmp_1: { value: 'has', note: 'since 2025', updated_at: T } },
});
export const r3 = row('row_3', 'Dealer service', {
  position: 3,
  cells: { cmp_1: { value: 'better', note: '', updated_at: T } },
});

export const comparison: Comparison = {
  competitors: [
    { id: 'cmp_1', name: 'AeroVolt', threat: 'high' },
    { id: 'cmp_2', name: 'SkyHawk', threat: 'low' },
  ],
  rows: [r1, r2, r3],
  summary: [
    summary('cmp_1', { has: 1, missing: 1, better: 1, edge: 1, gap: 2 }),
    summary('cmp_2', { unknown: 3 }),
  ],
};

export function persona(id: string, name: string, fields: Partial<Persona> = {}): Persona {
  return {
    id,
    product_id: 'p-x2',
    name,
    segment: 'Energy utilities',
    role: 'Line inspection pilot',
    description: '',
    goals: [],
    pains: [],
    quote: '',
    links: [],
    version: 1,
    created_by: { id: alice.id, name: alice.name },
    created_at: T,
    updated_at: T,
    ...fields,
  };
}

export const ingrid = persona('per_1', 'Ingrid the inspector', {
  goals: ['Inspect 40 km of line a day'],
  pains: ['Batteries die in the cold'],
  quote: 'I lose an hour a day changing batteries.',
  links: [
    { type: 'item', id: 'itm_12', key: 'X2-12', name: 'Hot-swap battery' },
    { type: 'feedback', id: 'fbk_1', key: null, name: 'Pilots want to swap the battery without landing' },
  ],
});

export function note(id: string, title: string, fields: Partial<MarketNote> = {}): MarketNote {
  return {
    id,
    product_id: 'p-x2',
    title,
    kind: 'research',
    body: '',
    date: '2026-11-02',
    sources: [],
    impact: null,
    competitor: null,
    persona: null,
    tags: [],
    created_by: { id: alice.id, name: alice.name },
    version: 1,
    created_at: T,
    updated_at: T,
    ...fields,
  };
}
