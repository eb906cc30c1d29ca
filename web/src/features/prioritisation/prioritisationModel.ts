// The pure parts of the prioritisation page: the models and their input fields, formatting, and
// the value/effort chart's points.
import type { ModelName, Quadrant, RankedItem, Scorecard, ScoreInputs } from '../../api/prioritisation';

export interface InputField {
  key: string;
  label: string;
  /** number: free number; choice: one of options. */
  kind: 'number' | 'choice';
  options?: { value: string; label: string }[];
  min?: number;
  max?: number;
  step?: number;
  hint?: string;
}

export const BUILTIN_MODELS: { value: ModelName; label: string }[] = [
  { value: 'rice', label: 'RICE' },
  { value: 'wsjf', label: 'WSJF' },
  { value: 'value_effort', label: 'Value vs effort' },
  { value: 'moscow', label: 'MoSCoW' },
  { value: 'kano', label: 'Kano' },
];

const FIB = '1, 2, 3, 5, 8, 13, 20 suggested';

/** The inputs of a model (a scorecard's are its criteria, rated 1–5). */
export function fieldsOf(model: ModelName, card?: Scorecard | null): InputField[] {
  switch (model) {
    case 'rice':
      return [
        { key: 'reach', label: 'Reach', kind: 'number', min: 0, step: 1, hint: 'people or events per quarter' },
        {
          key: 'impact',
          label: 'Impact',
          kind: 'choice',
          options: [
            { value: '3', label: '3 — massive' },
            { value: '2', label: '2 — high' },
            { value: '1', label: '1 — medium' },
            { value: '0.5', label: '0.5 — low' },
            { value: '0.25', label: '0.25 — minimal' },
          ],
        },
        { key: 'confidence', label: 'Confidence (%)', kind: 'number', min: 0, max: 100, step: 1 },
        { key: 'effort', label: 'Effort', kind: 'number', min: 0, step: 0.5, hint: 'person-months' },
      ];
    case 'wsjf':
      return [
        { key: 'business_value', label: 'Business value', kind: 'number', min: 1, max: 20, step: 1, hint: FIB },
        { key: 'time_criticality', label: 'Time criticality', kind: 'number', min: 1, max: 20, step: 1, hint: FIB },
        { key: 'risk_reduction', label: 'Risk reduction / opportunity', kind: 'number', min: 1, max: 20, step: 1, hint: FIB },
        { key: 'job_size', label: 'Job size', kind: 'number', min: 1, max: 20, step: 1, hint: FIB },
      ];
    case 'value_effort':
      return [
        { key: 'value', label: 'Value', kind: 'number', min: 1, max: 10, step: 1 },
        { key: 'effort', label: 'Effort', kind: 'number', min: 1, max: 10, step: 1 },
      ];
    case 'moscow':
      return [
        {
          key: 'category',
          label: 'Category',
          kind: 'choice',
          options: [
            { value: 'must', label: 'Must have' },
            { value: 'should', label: 'Should have' },
            { value: 'could', label: 'Could have' },
            { value: 'wont', label: "Won't have" },
          ],
        },
      ];
    case 'kano':
      return [
        {
          key: 'category',
          label: 'Category',
          kind: 'choice',
          options: [
            { value: 'basic', label: 'Basic' },
            { value: 'performance', label: 'Performance' },
            { value: 'excitement', label: 'Excitement' },
            { value: 'indifferent', label: 'Indifferent' },
            { value: 'reverse', label: 'Reverse' },
          ],
        },
      ];
    default:
      return (card?.criteria ?? []).map((c) => ({
        key: c.id,
        label: `${c.name} (weight ${c.weight})`,
        kind: 'number' as const,
        min: 1,
        max: 5,
        step: 1,
      }));
  }
}

export function isScorecard(model: ModelName): boolean {
  return model.startsWith('scorecard:');
}

/** The form's text values from stored inputs. */
export function formValues(model: ModelName, inputs: ScoreInputs | null): Record<string, string> {
  if (!inputs) return {};
  const source = isScorecard(model) ? ((inputs.ratings as Record<string, unknown> | undefined) ?? {}) : inputs;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(source)) out[k] = v === null || v === undefined ? '' : String(v);
  return out;
}

/** The PUT body from the form's text values: numbers where the model takes numbers. */
export function inputsFromForm(model: ModelName, fields: InputField[], values: Record<string, string>): ScoreInputs {
  const value = (f: InputField) => {
    const text = (values[f.key] ?? '').trim();
    if (f.kind === 'choice' && (model === 'moscow' || model === 'kano')) return text;
    return text === '' ? null : Number(text);
  };
  if (isScorecard(model)) {
    const ratings: Record<string, unknown> = {};
    for (const f of fields) {
      const v = value(f);
      if (v !== null) ratings[f.key] = v;
    }
    return { ratings };
  }
  const out: ScoreInputs = {};
  for (const f of fields) out[f.key] = value(f);
  return out;
}

/** A field's error from the server's issues ("rice.reach", "scorecard.ratings.<id>"). */
export function fieldError(model: ModelName, issues: Record<string, string>, key: string): string | undefined {
  const prefix = isScorecard(model) ? 'scorecard.ratings' : model;
  return issues[`${prefix}.${key}`];
}

/** A score for a table: up to two decimals, no trailing zeros. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined) return '—';
  return String(Math.round(score * 100) / 100);
}

export const QUADRANT_LABELS: Record<Quadrant, string> = {
  quick_win: 'Quick win',
  big_bet: 'Big bet',
  fill_in: 'Fill-in',
  time_sink: 'Time sink',
};

export interface ChartPoint {
  key: string;
  title: string;
  value: number;
  effort: number;
  quadrant: Quadrant;
}

/** The value/effort chart's points: the scored items with their inputs. */
export function chartPoints(items: RankedItem[]): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const i of items) {
    if (!i.inputs || !i.quadrant) continue;
    const value = Number(i.inputs.value);
    const effort = Number(i.inputs.effort);
    if (!Number.isFinite(value) || !Number.isFinite(effort)) continue;
    out.push({ key: i.key, title: i.title, value, effort, quadrant: i.quadrant });
  }
  return out;
}

/** "3 quick wins, 1 big bet" — the chart's one-line summary. */
export function quadrantSummary(points: ChartPoint[]): string {
  if (points.length === 0) return 'No item has a value and effort yet.';
  const counts = new Map<Quadrant, number>();
  for (const p of points) counts.set(p.quadrant, (counts.get(p.quadrant) ?? 0) + 1);
  const order: Quadrant[] = ['quick_win', 'big_bet', 'fill_in', 'time_sink'];
  return (
    order
      .filter((q) => counts.has(q))
      .map((q) => `${counts.get(q)} ${QUADRANT_LABELS[q].toLowerCase()}${counts.get(q) === 1 ? '' : 's'}`)
      .join(', ') + '.'
  );
}
