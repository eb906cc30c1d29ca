// Completion for the backlog query language (docs/query-language.md): from the text before
// the caret, what may come next — a field, an operator, a value of that field, or a keyword —
// filtered by the word being typed.
import { ITEM_TYPES, PRIORITIES, type BacklogSettings } from '../../api/backlogTypes';

/** Built-in fields a query may filter or sort on. */
export const BUILT_IN_FIELDS = [
  'type',
  'status',
  'category',
  'points',
  'assignee',
  'label',
  'labels',
  'parent',
  'epic',
  'feature',
  'sprint',
  'release',
  'goal',
  'initiative',
  'created',
  'updated',
  'text',
  'key',
  'title',
  'priority',
  'rank',
] as const;

export const COMPARISON_OPERATORS = ['=', '!=', '<', '<=', '>', '>=', '~', 'IN', 'NOT IN', 'IS'] as const;

export interface CompletionSource {
  /** Field name → known values (custom field keys included). */
  values: Record<string, readonly string[]>;
  /** Custom field keys, offered as fields besides the built-in ones. */
  customFields: readonly string[];
}

export type SuggestionKind = 'field' | 'operator' | 'value' | 'keyword';

export interface Suggestion {
  /** What is inserted. */
  text: string;
  kind: SuggestionKind;
}

export interface Completion {
  /** Where the word being replaced starts (the caret position when nothing is typed). */
  from: number;
  suggestions: Suggestion[];
}

/** The values the settings and the loaded items supply, by field. */
export function completionSource(
  settings: BacklogSettings | undefined,
  labels: readonly string[],
  assignees: readonly string[],
): CompletionSource {
  const values: Record<string, readonly string[]> = {
    type: ITEM_TYPES,
    status: settings?.statuses.map((s) => s.key) ?? [],
    category: ['to_do', 'in_progress', 'done'],
    points: settings?.point_scale.map(String) ?? [],
    priority: PRIORITIES,
    label: labels,
    labels,
    assignee: ['me', ...assignees],
  };
  const customFields: string[] = [];
  for (const f of settings?.fields ?? []) {
    customFields.push(f.key);
    if (f.options && f.options.length > 0) values[f.key] = f.options;
  }
  return { values, customFields };
}

interface Token {
  text: string;
  start: number;
  end: number;
}

const TOKEN = /"(?:[^"\\]|\\.)*"?|!=|<=|>=|[=<>~(),]|[^\s"!=<>~(),]+/g;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

const isWord = (t: string) => /^[^\s"!=<>~(),]+$/.test(t);
const upper = (t: string) => t.toUpperCase();

type Expect =
  | { what: 'field' }
  | { what: 'operator'; field: string }
  | { what: 'value'; field: string }
  | { what: 'open'; field: string }
  | { what: 'list-next'; field: string }
  | { what: 'empty' }
  | { what: 'connector' }
  | { what: 'order-field' }
  | { what: 'order-next' }
  | { what: 'by' };

/** Walks the complete tokens to find what the next token should be. */
function expectation(tokens: Token[]): Expect {
  let state: Expect = { what: 'field' };
  let inList = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i].text;
    const u = upper(t);
    switch (state.what) {
      case 'field':
        if (u === 'NOT' || t === '(') state = { what: 'field' };
        else if (u === 'ORDER') state = { what: 'by' };
        else state = { what: 'operator', field: t.toLowerCase() };
        break;
      case 'operator':
        if (u === 'IN') state = { what: 'open', field: state.field };
        else if (u === 'NOT') state = { what: 'operator', field: state.field };
        else if (u === 'IS') state = { what: 'empty' };
        else state = { what: 'value', field: state.field };
        break;
      case 'empty':
        state = u === 'NOT' ? { what: 'empty' } : { what: 'connector' };
        break;
      case 'open':
        if (t === '(') {
          inList = true;
          state = { what: 'value', field: state.field };
        } else state = { what: 'connector' };
        break;
      case 'value':
        state = inList ? { what: 'list-next', field: state.field } : { what: 'connector' };
        break;
      case 'list-next':
        if (t === ',') state = { what: 'value', field: state.field };
        else {
          inList = false;
          state = { what: 'connector' };
        }
        break;
      case 'connector':
        if (u === 'AND' || u === 'OR') state = { what: 'field' };
        else if (u === 'ORDER') state = { what: 'by' };
        break;
      case 'by':
        state = { what: 'order-field' };
        break;
      case 'order-field':
        state = { what: 'order-next' };
        break;
      case 'order-next':
        if (t === ',') state = { what: 'order-field' };
        break;
    }
  }
  return state;
}

/** A value as written in a query: quoted unless it is a plain word. */
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'empty', 'order', 'by', 'asc', 'desc']);

export function quoteValue(v: string): string {
  return /^[A-Za-z0-9_.@+-]+$/.test(v) && !KEYWORDS.has(v.toLowerCase())
    ? v
    : `"${v.replace(/(["\\])/g, '\\$1')}"`;
}

const MAX_SUGGESTIONS = 40;

/** The completions at `caret` in `text`. */
export function complete(text: string, caret: number, source: CompletionSource): Completion {
  const before = text.slice(0, caret);
  const tokens = tokenize(before);
  let partial = '';
  let from = caret;
  const last = tokens[tokens.length - 1];
  if (last && last.end === caret && (isWord(last.text) || last.text.startsWith('"'))) {
    partial = last.text;
    from = last.start;
    tokens.pop();
  }
  const state = expectation(tokens);
  const fields = [...BUILT_IN_FIELDS, ...source.customFields];
  let candidates: Suggestion[] = [];
  const kw = (words: string[]) => words.map((text) => ({ text, kind: 'keyword' as const }));
  switch (state.what) {
    case 'field':
      candidates = [...fields.map((text) => ({ text, kind: 'field' as const })), ...kw(['NOT', 'ORDER BY'])];
      break;
    case 'order-field':
      candidates = fields.map((text) => ({ text, kind: 'field' as const }));
      break;
    case 'operator':
      candidates = COMPARISON_OPERATORS.map((text) => ({ text, kind: 'operator' as const }));
      break;
    case 'value':
      candidates = (source.values[state.field] ?? []).map((v) => ({ text: quoteValue(v), kind: 'value' as const }));
      break;
    case 'open':
      candidates = [{ text: '(', kind: 'operator' }];
      break;
    case 'list-next':
      candidates = [
        { text: ',', kind: 'operator' },
        { text: ')', kind: 'operator' },
      ];
      break;
    case 'empty':
      candidates = kw(['EMPTY', 'NOT']);
      break;
    case 'connector':
      candidates = kw(['AND', 'OR', 'ORDER BY']);
      break;
    case 'by':
      candidates = kw(['BY']);
      break;
    case 'order-next':
      candidates = kw(['ASC', 'DESC']);
      break;
  }
  const p = partial.replace(/^"/, '').toLowerCase();
  const suggestions = candidates
    .filter((c) => {
      const t = c.text.replace(/^"/, '').toLowerCase();
      return t.startsWith(p) && c.text !== partial;
    })
    .slice(0, MAX_SUGGESTIONS);
  return { from, suggestions };
}

/** The text with the completion applied at [from, caret), and the new caret. */
export function applySuggestion(
  text: string,
  caret: number,
  from: number,
  suggestion: Suggestion,
): { text: string; caret: number } {
  const insert = suggestion.text === '(' ? '(' : `${suggestion.text} `;
  const next = text.slice(0, from) + insert + text.slice(caret).replace(/^\s+/, '');
  return { text: next, caret: from + insert.length };
}
