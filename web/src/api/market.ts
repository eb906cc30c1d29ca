// One function per market and competition API call (docs/strategy.md, "Market and competition").
import { getJson, request } from './client';
import type {
  CellValue,
  Comparison,
  ComparisonRow,
  ComparisonRowInput,
  Competitor,
  CompetitorInput,
  MarketNote,
  MarketNoteFilter,
  MarketNoteInput,
  Persona,
  PersonaInput,
  Threat,
} from './marketTypes';
import type { Page } from './types';

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

export const marketApi = {
  // Personas
  async personas(productId: string, filter: { segment?: string; q?: string; item?: string } = {}, signal?: AbortSignal) {
    const page = await getJson<Page<Persona>>(`/products/${enc(productId)}/personas${query(filter)}`, { signal });
    return page.data ?? [];
  },
  persona(id: string, signal?: AbortSignal): Promise<Persona> {
    return getJson<Persona>(`/personas/${enc(id)}`, { signal });
  },
  createPersona(productId: string, input: PersonaInput): Promise<Persona> {
    return send<Persona>('POST', `/products/${enc(productId)}/personas`, input);
  },
  updatePersona(id: string, version: number, input: PersonaInput): Promise<Persona> {
    return send<Persona>('PATCH', `/personas/${enc(id)}`, input, ifMatch(version));
  },
  deletePersona(id: string): Promise<void> {
    return send<void>('DELETE', `/personas/${enc(id)}`);
  },

  // Competitors
  async competitors(productId: string, filter: { threat?: Threat | ''; q?: string } = {}, signal?: AbortSignal) {
    const page = await getJson<Page<Competitor>>(`/products/${enc(productId)}/competitors${query(filter)}`, { signal });
    return page.data ?? [];
  },
  /** One competitor, with its comparison summary and the count of notes about it. */
  competitor(id: string, signal?: AbortSignal): Promise<Competitor> {
    return getJson<Competitor>(`/competitors/${enc(id)}`, { signal });
  },
  createCompetitor(productId: string, input: CompetitorInput): Promise<Competitor> {
    return send<Competitor>('POST', `/products/${enc(productId)}/competitors`, input);
  },
  updateCompetitor(id: string, version: number, input: CompetitorInput): Promise<Competitor> {
    return send<Competitor>('PATCH', `/competitors/${enc(id)}`, input, ifMatch(version));
  },
  deleteCompetitor(id: string): Promise<void> {
    return send<void>('DELETE', `/competitors/${enc(id)}`);
  },

  // The comparison matrix
  comparison(productId: string, signal?: AbortSignal): Promise<Comparison> {
    return getJson<Comparison>(`/products/${enc(productId)}/comparison`, { signal });
  },
  createRow(productId: string, input: ComparisonRowInput): Promise<ComparisonRow> {
    return send<ComparisonRow>('POST', `/products/${enc(productId)}/comparison/rows`, input);
  },
  updateRow(id: string, version: number, input: ComparisonRowInput): Promise<ComparisonRow> {
    return send<ComparisonRow>('PATCH', `/comparison-rows/${enc(id)}`, input, ifMatch(version));
  },
  deleteRow(id: string): Promise<void> {
    return send<void>('DELETE', `/comparison-rows/${enc(id)}`);
  },
  /** Sets a cell (no version: last write wins); answers the whole row. */
  setCell(rowId: string, competitorId: string, value: CellValue, note = ''): Promise<ComparisonRow> {
    return send<ComparisonRow>('PUT', `/comparison-rows/${enc(rowId)}/cells/${enc(competitorId)}`, { value, note });
  },
  /** Clears a cell back to `unknown`; answers the whole row. */
  clearCell(rowId: string, competitorId: string): Promise<ComparisonRow | undefined> {
    return send<ComparisonRow | undefined>('DELETE', `/comparison-rows/${enc(rowId)}/cells/${enc(competitorId)}`);
  },

  // Market notes
  notesPage(productId: string, filter: MarketNoteFilter = {}, signal?: AbortSignal): Promise<Page<MarketNote>> {
    return getJson<Page<MarketNote>>(`/products/${enc(productId)}/market-notes${query({ ...filter })}`, { signal });
  },
  note(id: string, signal?: AbortSignal): Promise<MarketNote> {
    return getJson<MarketNote>(`/market-notes/${enc(id)}`, { signal });
  },
  createNote(productId: string, input: MarketNoteInput): Promise<MarketNote> {
    return send<MarketNote>('POST', `/products/${enc(productId)}/market-notes`, input);
  },
  updateNote(id: string, version: number, input: MarketNoteInput): Promise<MarketNote> {
    return send<MarketNote>('PATCH', `/market-notes/${enc(id)}`, input, ifMatch(version));
  },
  deleteNote(id: string): Promise<void> {
    return send<void>('DELETE', `/market-notes/${enc(id)}`);
  },
};
