// The backlog settings page's model: the settings as edited (a draft with text inputs and row
// ids), what a save sends (only the sections that differ from the saved version), the checks
// made before sending, and where each issue (the client's or the server's) is shown.
import type {
  BacklogSettings,
  BacklogSettingsChanges,
  ChecklistEntryDraft,
  CustomFieldDraft,
  CustomFieldType,
  StatusCategory,
  WorkflowStatus,
} from '../../api/backlogTypes';
import type { ErrorDetail } from '../../api/types';

export const CATEGORIES: { value: StatusCategory; label: string }[] = [
  { value: 'to_do', label: 'To do' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'done', label: 'Done' },
];

export const FIELD_TYPES: { value: CustomFieldType; label: string }[] = [
  { value: 'text', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'date', label: 'Date' },
  { value: 'single_select', label: 'Single select' },
  { value: 'multi_select', label: 'Multi select' },
  { value: 'user', label: 'User' },
];

export const isSelect = (t: CustomFieldType) => t === 'single_select' || t === 'multi_select';

/** The server's limits (domain/backlog_settings.cpp), checked before sending. */
export const LIMITS = {
  statuses: 30,
  nameLength: 60,
  wipLimit: 10_000,
  scaleValues: 30,
  scaleMax: 1000,
  checklistEntries: 30,
  entryLength: 500,
  fields: 50,
  options: 100,
  optionLength: 60,
} as const;

export interface StatusDraft {
  /** Stable row id: `s:<key>` for saved statuses, `new:<n>` for added ones. */
  uid: string;
  key: string;
  name: string;
  category: StatusCategory;
  /** As typed; empty means 0 (no limit). */
  wipLimit: string;
  /** Saved on the server, so the key is fixed. */
  saved: boolean;
  /** The key was typed, so it no longer follows the name. */
  keyEdited: boolean;
}

export interface EntryDraft {
  uid: string;
  /** The server's id (`dor_…`, `dod_…`); absent for a new entry. */
  id?: string;
  text: string;
}

export interface FieldDraft {
  uid: string;
  id?: string;
  key: string;
  name: string;
  type: CustomFieldType;
  /** One option per line. */
  options: string;
  required: boolean;
  saved: boolean;
  keyEdited: boolean;
}

export interface SettingsDraft {
  statuses: StatusDraft[];
  /** Every move allowed (the empty transition list). */
  anyMove: boolean;
  /** Allowed moves as `fromUid>toUid`, sorted; only meaningful when !anyMove. */
  moves: string[];
  pointScale: string;
  splitThreshold: string;
  dor: EntryDraft[];
  dod: EntryDraft[];
  fields: FieldDraft[];
}

export type Section =
  | 'statuses'
  | 'transitions'
  | 'point_scale'
  | 'split_threshold'
  | 'definition_of_ready'
  | 'definition_of_done'
  | 'fields';

let counter = 0;
/** A row id for an added row, unique in this page's life. */
export function newUid(): string {
  counter += 1;
  return `new:${counter}`;
}

export const statusUid = (key: string) => `s:${key}`;
export const moveId = (fromUid: string, toUid: string) => `${fromUid}>${toUid}`;

/**
 * A key made from a name: "In QA" → "in_qa", "Größe" → "grosse"; "" when no identifier can be
 * made (nothing left, or it would start with a digit), so the user types one.
 */
export function deriveKey(name: string): string {
  const key = name
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+/, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return /^[a-z]/.test(key) ? key : '';
}

export const IDENTIFIER = /^[a-z][a-z0-9_]{0,39}$/;

export function fromSettings(s: BacklogSettings): SettingsDraft {
  const keys = new Set(s.statuses.map((st) => st.key));
  return {
    statuses: s.statuses.map((st) => ({
      uid: statusUid(st.key),
      key: st.key,
      name: st.name,
      category: st.category,
      wipLimit: String(st.wip_limit ?? 0),
      saved: true,
      keyEdited: false,
    })),
    anyMove: s.transitions.length === 0,
    moves: s.transitions
      .filter((t) => keys.has(t.from) && keys.has(t.to))
      .map((t) => moveId(statusUid(t.from), statusUid(t.to)))
      .sort(),
    pointScale: s.point_scale.map(String).join(', '),
    splitThreshold: String(s.split_threshold),
    dor: s.definition_of_ready.map((e) => ({ uid: e.id, id: e.id, text: e.text })),
    dod: s.definition_of_done.map((e) => ({ uid: e.id, id: e.id, text: e.text })),
    fields: s.fields.map((f) => ({
      uid: f.id,
      id: f.id,
      key: f.key,
      name: f.name,
      type: f.type,
      options: (f.options ?? []).join('\n'),
      required: !!f.required,
      saved: true,
      keyEdited: false,
    })),
  };
}

/** Whether the draft differs from the saved settings in any way the user could see. */
export function isDirty(draft: SettingsDraft, base: BacklogSettings): boolean {
  return JSON.stringify(draft) !== JSON.stringify(fromSettings(base));
}

/** "0, 0.5, 1" → numbers, or the problem with the text. */
export function parseScale(text: string): { values: number[]; problem: string | null } {
  const parts = text
    .split(/[,;\s]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { values: [], problem: 'Enter at least one value' };
  const values: number[] = [];
  for (const p of parts) {
    const n = Number(p);
    if (!Number.isFinite(n)) return { values: [], problem: `"${p}" is not a number` };
    values.push(n);
  }
  if (values.length > LIMITS.scaleValues) {
    return { values, problem: `At most ${LIMITS.scaleValues} values` };
  }
  for (let i = 0; i < values.length; i++) {
    if (values[i] < 0 || values[i] > LIMITS.scaleMax) {
      return { values, problem: `${values[i]} is outside 0 to ${LIMITS.scaleMax}` };
    }
    if (i > 0 && values[i] <= values[i - 1]) {
      return { values, problem: `${values[i]} must be above ${values[i - 1]}: list the values in ascending order, each once` };
    }
  }
  return { values, problem: null };
}

export function optionList(text: string): string[] {
  return text
    .split('\n')
    .map((o) => o.trim())
    .filter((o) => o !== '');
}

/** The status's name for labels and messages. */
export function statusLabel(s: StatusDraft, index: number): string {
  return s.name.trim() || s.key || `status ${index + 1}`;
}

export interface Sections {
  statuses: WorkflowStatus[];
  transitions: { from: string; to: string }[];
  point_scale: number[];
  split_threshold: number;
  definition_of_ready: ChecklistEntryDraft[];
  definition_of_done: ChecklistEntryDraft[];
  fields: CustomFieldDraft[];
}

/**
 * Every section as the API takes it, with the issues found before sending (in the server's
 * notation: `statuses.2.key`), so both kinds are shown the same way.
 */
export function toSections(d: SettingsDraft): { sections: Sections; issues: ErrorDetail[] } {
  const issues: ErrorDetail[] = [];
  const add = (field: string, issue: string) => issues.push({ field, issue });

  if (d.statuses.length === 0 || d.statuses.length > LIMITS.statuses) {
    add('statuses', `must have 1 to ${LIMITS.statuses} statuses`);
  }
  const seenKeys = new Set<string>();
  const statuses: WorkflowStatus[] = d.statuses.map((s, i) => {
    const at = `statuses.${i}`;
    const name = s.name.trim();
    if (!IDENTIFIER.test(s.key)) add(`${at}.key`, 'must be a lower-case identifier such as in_review');
    else if (seenKeys.has(s.key)) add(`${at}.key`, 'is used twice');
    seenKeys.add(s.key);
    if (name.length < 1 || name.length > LIMITS.nameLength) {
      add(`${at}.name`, `must be 1 to ${LIMITS.nameLength} characters`);
    }
    const wip = s.wipLimit.trim() === '' ? 0 : Number(s.wipLimit);
    if (!Number.isInteger(wip) || wip < 0 || wip > LIMITS.wipLimit) {
      add(`${at}.wip_limit`, `must be a whole number from 0 (none) to ${LIMITS.wipLimit}`);
    }
    return { key: s.key, name, category: s.category, wip_limit: Number.isInteger(wip) ? wip : 0 };
  });
  for (const c of CATEGORIES) {
    if (d.statuses.length > 0 && !d.statuses.some((s) => s.category === c.value)) {
      add('statuses', `needs at least one status in the category ${c.label}`);
    }
  }

  const transitions: { from: string; to: string }[] = [];
  if (!d.anyMove) {
    const allowed = new Set(d.moves);
    for (const from of d.statuses) {
      for (const to of d.statuses) {
        if (from.uid !== to.uid && allowed.has(moveId(from.uid, to.uid))) {
          transitions.push({ from: from.key, to: to.key });
        }
      }
    }
    if (transitions.length === 0) {
      add('transitions', 'tick at least one move, or allow every move (an empty list allows every move)');
    }
  }

  const scale = parseScale(d.pointScale);
  if (scale.problem) add('point_scale', scale.problem);

  const threshold = d.splitThreshold.trim() === '' ? NaN : Number(d.splitThreshold);
  if (!Number.isFinite(threshold) || threshold < 0 || threshold > LIMITS.scaleMax) {
    add('split_threshold', `must be a number from 0 to ${LIMITS.scaleMax}`);
  }

  const checklist = (section: Section, entries: EntryDraft[]): ChecklistEntryDraft[] => {
    if (entries.length > LIMITS.checklistEntries) add(section, `must have at most ${LIMITS.checklistEntries} entries`);
    return entries.map((e, i) => {
      const text = e.text.trim();
      if (text.length < 1 || text.length > LIMITS.entryLength) {
        add(`${section}.${i}.text`, `must be 1 to ${LIMITS.entryLength} characters`);
      }
      return e.id ? { id: e.id, text } : { text };
    });
  };
  const dor = checklist('definition_of_ready', d.dor);
  const dod = checklist('definition_of_done', d.dod);

  if (d.fields.length > LIMITS.fields) add('fields', `must have at most ${LIMITS.fields} fields`);
  const fieldKeys = new Set<string>();
  const fields: CustomFieldDraft[] = d.fields.map((f, i) => {
    const at = `fields.${i}`;
    const name = f.name.trim();
    if (!IDENTIFIER.test(f.key)) add(`${at}.key`, 'must be a lower-case identifier such as risk');
    else if (fieldKeys.has(f.key)) add(`${at}.key`, 'is used twice');
    fieldKeys.add(f.key);
    if (name.length < 1 || name.length > LIMITS.nameLength) {
      add(`${at}.name`, `must be 1 to ${LIMITS.nameLength} characters`);
    }
    const options = isSelect(f.type) ? optionList(f.options) : [];
    if (isSelect(f.type)) {
      if (options.length < 1 || options.length > LIMITS.options) {
        add(`${at}.options`, `must list 1 to ${LIMITS.options} options`);
      }
      const seen = new Set<string>();
      options.forEach((o, j) => {
        if (o.length > LIMITS.optionLength) {
          add(`${at}.options.${j}`, `must be at most ${LIMITS.optionLength} characters`);
        } else if (seen.has(o)) {
          add(`${at}.options.${j}`, 'is listed twice');
        }
        seen.add(o);
      });
    }
    const out: CustomFieldDraft = { key: f.key, name, type: f.type, options, required: f.required };
    return f.id ? { id: f.id, ...out } : out;
  });

  return {
    sections: {
      statuses,
      transitions,
      point_scale: scale.values,
      split_threshold: threshold,
      definition_of_ready: dor,
      definition_of_done: dod,
      fields,
    },
    issues,
  };
}

function canonical(s: BacklogSettings): Sections {
  return {
    statuses: s.statuses.map((st) => ({ key: st.key, name: st.name, category: st.category, wip_limit: st.wip_limit })),
    transitions: s.transitions.map((t) => ({ from: t.from, to: t.to })),
    point_scale: s.point_scale,
    split_threshold: s.split_threshold,
    definition_of_ready: s.definition_of_ready.map((e) => ({ id: e.id, text: e.text })),
    definition_of_done: s.definition_of_done.map((e) => ({ id: e.id, text: e.text })),
    fields: s.fields.map((f) => ({
      id: f.id,
      key: f.key,
      name: f.name,
      type: f.type,
      options: f.options ?? [],
      required: !!f.required,
    })),
  };
}

const transitionSet = (ts: { from: string; to: string }[]) =>
  JSON.stringify(ts.map((t) => `${t.from}>${t.to}`).sort());

/** The sections of `next` that differ from `base` (transitions compared as a set). */
export function changedSections(base: BacklogSettings, next: Sections): BacklogSettingsChanges {
  const old = canonical(base);
  const out: BacklogSettingsChanges = {};
  if (JSON.stringify(old.statuses) !== JSON.stringify(next.statuses)) out.statuses = next.statuses;
  if (transitionSet(old.transitions) !== transitionSet(next.transitions)) out.transitions = next.transitions;
  if (JSON.stringify(old.point_scale) !== JSON.stringify(next.point_scale)) out.point_scale = next.point_scale;
  if (old.split_threshold !== next.split_threshold) out.split_threshold = next.split_threshold;
  if (JSON.stringify(old.definition_of_ready) !== JSON.stringify(next.definition_of_ready)) {
    out.definition_of_ready = next.definition_of_ready;
  }
  if (JSON.stringify(old.definition_of_done) !== JSON.stringify(next.definition_of_done)) {
    out.definition_of_done = next.definition_of_done;
  }
  if (JSON.stringify(old.fields) !== JSON.stringify(next.fields)) out.fields = next.fields;
  return out;
}

export const SECTION_TITLES: Record<Section, string> = {
  statuses: 'Workflow statuses',
  transitions: 'Transitions',
  point_scale: 'Point scale',
  split_threshold: 'Split threshold',
  definition_of_ready: 'Definition of Ready',
  definition_of_done: 'Definition of Done',
  fields: 'Custom fields',
};

const PROPS: Record<string, string> = {
  key: 'Key',
  name: 'Name',
  category: 'Category',
  wip_limit: 'WIP limit',
  type: 'Type',
  options: 'Options',
  required: 'Required',
  text: 'Text',
  id: 'Id',
  from: 'From',
  to: 'To',
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Where issues are shown: `status:<uid>:<prop>`, `field:<uid>:<prop>`, `entry:<uid>`, a
 * section (`statuses`, `point_scale`, …), or `general` for what names nothing on the page.
 */
export type IssueMap = Record<string, string>;

export interface PlacedIssue {
  target: string;
  section: Section | null;
  text: string;
}

/** Places issues named in the server's notation onto the draft rows they were made from. */
export function placeIssues(details: ErrorDetail[], d: SettingsDraft): PlacedIssue[] {
  return details.map((detail) => {
    const parts = detail.field.split('.');
    const [head, index, prop, sub] = parts;
    const i = Number(index);
    const hasIndex = index !== undefined && Number.isInteger(i);
    const propLabel = prop ? (PROPS[prop] ?? capitalise(prop)) : '';
    switch (head) {
      case 'statuses': {
        const row = hasIndex ? d.statuses[i] : undefined;
        if (row && prop) {
          return { target: `status:${row.uid}:${prop}`, section: 'statuses', text: `${propLabel} ${detail.issue}` };
        }
        return { target: 'statuses', section: 'statuses', text: capitalise(detail.issue) };
      }
      case 'fields': {
        const row = hasIndex ? d.fields[i] : undefined;
        if (row && prop) {
          const option = prop === 'options' && sub !== undefined ? ` (option ${Number(sub) + 1})` : '';
          return { target: `field:${row.uid}:${prop}`, section: 'fields', text: `${propLabel}${option} ${detail.issue}` };
        }
        return { target: 'fields', section: 'fields', text: capitalise(detail.issue) };
      }
      case 'definition_of_ready':
      case 'definition_of_done': {
        const rows = head === 'definition_of_ready' ? d.dor : d.dod;
        const row = hasIndex ? rows[i] : undefined;
        if (row) return { target: `entry:${row.uid}`, section: head, text: `Entry ${i + 1}: ${detail.issue}` };
        return { target: head, section: head, text: capitalise(detail.issue) };
      }
      case 'transitions':
        return {
          target: 'transitions',
          section: 'transitions',
          text: hasIndex ? `Move ${i + 1}: ${propLabel} ${detail.issue}` : capitalise(detail.issue),
        };
      case 'point_scale':
        return {
          target: 'point_scale',
          section: 'point_scale',
          text: hasIndex ? `Value ${i + 1} ${detail.issue}` : capitalise(detail.issue),
        };
      case 'split_threshold':
        return { target: 'split_threshold', section: 'split_threshold', text: `Split threshold ${detail.issue}` };
      default:
        return { target: 'general', section: null, text: `${detail.field ? `${detail.field}: ` : ''}${detail.issue}` };
    }
  });
}

export function issueMap(placed: PlacedIssue[]): IssueMap {
  const out: IssueMap = {};
  for (const p of placed) out[p.target] = out[p.target] ? `${out[p.target]}; ${p.text}` : p.text;
  return out;
}
