// Creates a goal with its key results, or edits a goal (objective, description, horizon,
// dates, owner, state). Field errors come from the server by name (key_results.<i>.<field>).
import { useId, useState, type FormEvent } from 'react';

import { toApiError } from '../../api/client';
import {
  GOAL_STATES,
  HORIZONS,
  type Goal,
  type GoalInput,
  type GoalState,
  type Horizon,
  type KeyResultInput,
} from '../../api/strategyTypes';
import { ConflictAlert } from '../../components/ConflictAlert';
import { GOAL_STATE_LABELS, HORIZON_LABELS, todayUtc } from './strategyLabels';

interface KrDraft {
  title: string;
  metric: string;
  unit: string;
  baseline: string;
  target: string;
}

const EMPTY_KR: KrDraft = { title: '', metric: '', unit: '', baseline: '', target: '' };

export function krInput(d: KrDraft): KeyResultInput {
  return {
    title: d.title.trim(),
    metric: d.metric.trim(),
    unit: d.unit.trim(),
    baseline: d.baseline.trim() === '' ? Number.NaN : Number(d.baseline),
    target: d.target.trim() === '' ? Number.NaN : Number(d.target),
  };
}

/** Key-result fields, shared by the new-goal form and the "add a key result" form. */
export function KeyResultFields({
  draft,
  onChange,
  errors,
  prefix,
  legend,
}: {
  draft: KrDraft;
  onChange: (d: KrDraft) => void;
  errors: Record<string, string>;
  prefix: string;
  legend: string;
}) {
  const id = useId();
  const field = (f: keyof KrDraft, label: string, type: 'text' | 'number' = 'text', required = true) => (
    <div className="field">
      <label htmlFor={`${id}-${f}`}>{label}</label>
      <input
        id={`${id}-${f}`}
        type={type}
        step="any"
        required={required}
        value={draft[f]}
        aria-invalid={errors[`${prefix}${f}`] ? true : undefined}
        onChange={(e) => onChange({ ...draft, [f]: e.target.value })}
      />
      {errors[`${prefix}${f}`] && <span className="field-error">{errors[`${prefix}${f}`]}</span>}
    </div>
  );
  return (
    <fieldset className="field-card kr-fields">
      <legend>{legend}</legend>
      {field('title', 'Key result')}
      {field('metric', 'Metric')}
      {field('unit', 'Unit', 'text', false)}
      {field('baseline', 'Baseline', 'number')}
      {field('target', 'Target', 'number')}
    </fieldset>
  );
}

export { EMPTY_KR };
export type { KrDraft };

interface Values {
  objective: string;
  description: string;
  horizon: Horizon;
  start_date: string;
  end_date: string;
  owner_id: string;
  state: GoalState;
}

function valuesOf(g: Goal | null, meId: string): Values {
  return g
    ? {
        objective: g.objective,
        description: g.description,
        horizon: g.horizon,
        start_date: g.start_date,
        end_date: g.end_date,
        owner_id: g.owner?.id ?? '',
        state: g.state,
      }
    : { objective: '', description: '', horizon: 'quarter', start_date: todayUtc(), end_date: '', owner_id: meId, state: 'open' };
}

interface Props {
  /** The goal to edit (latest known), or null for a new goal. */
  goal: Goal | null;
  people: { id: string; name: string }[];
  meId: string;
  onSubmit: (input: GoalInput, baseVersion: number) => Promise<Goal>;
  onDone: (g: Goal) => void;
  /** A stale save (412): the page shows the newer goal; the form keeps the input. */
  onStale?: (current: Goal) => void;
  onCancel: () => void;
}

export function GoalForm({ goal, people, meId, onSubmit, onDone, onStale, onCancel }: Props) {
  const [base, setBase] = useState(goal);
  const [values, setValues] = useState<Values>(() => valuesOf(goal, meId));
  const [krs, setKrs] = useState<KrDraft[]>(goal ? [] : [{ ...EMPTY_KR }]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const editing = goal !== null;
  const stale = editing && base !== null && goal.version > base.version;

  function set<K extends keyof Values>(k: K, v: Values[K]) {
    setValues((s) => ({ ...s, [k]: v }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    const input: GoalInput = {};
    if (!editing) {
      input.objective = values.objective.trim();
      input.description = values.description;
      input.horizon = values.horizon;
      input.start_date = values.start_date;
      if (values.end_date) input.end_date = values.end_date;
      input.owner_id = values.owner_id || null;
      input.key_results = krs.map(krInput);
    } else {
      const b = valuesOf(base, meId);
      if (values.objective !== b.objective) input.objective = values.objective.trim();
      if (values.description !== b.description) input.description = values.description;
      if (values.horizon !== b.horizon) input.horizon = values.horizon;
      if (values.start_date !== b.start_date) input.start_date = values.start_date;
      if (values.end_date !== b.end_date) input.end_date = values.end_date || null;
      if (values.owner_id !== b.owner_id) input.owner_id = values.owner_id || null;
      if (values.state !== b.state) input.state = values.state;
      if (Object.keys(input).length === 0) {
        onCancel();
        return;
      }
    }
    setBusy(true);
    try {
      onDone(await onSubmit(input, base?.version ?? 0));
    } catch (err) {
      const apiErr = toApiError(err);
      const current = (apiErr.body as { current?: Goal } | undefined)?.current;
      if (apiErr.status === 412 && current) {
        onStale?.(current);
        setError('Not saved: this goal was changed since you started editing.');
      } else {
        setErrors(apiErr.issuesByField());
        setError(apiErr.message);
      }
    } finally {
      setBusy(false);
    }
  }

  const issue = (f: string) => errors[f] && <span className="field-error">{errors[f]}</span>;

  return (
    <form className="card form-grid wide" aria-label={editing ? 'Edit goal' : 'New goal'} onSubmit={submit} noValidate>
      {stale && goal && (
        <ConflictAlert
          onReload={() => {
            setBase(goal);
            setValues(valuesOf(goal, meId));
            setError(null);
          }}
          onKeep={() => {
            setBase(goal);
            setError(null);
          }}
        >
          This goal was changed by someone else (now version {goal.version}) while you were editing. Your input is kept.
        </ConflictAlert>
      )}
      {error && !stale && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-objective`}>Objective</label>
        <input
          id={`${id}-objective`}
          value={values.objective}
          required
          aria-invalid={errors.objective ? true : undefined}
          onChange={(e) => set('objective', e.target.value)}
        />
        {issue('objective')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea id={`${id}-description`} rows={3} value={values.description} onChange={(e) => set('description', e.target.value)} />
        {issue('description')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-horizon`}>Horizon</label>
        <select id={`${id}-horizon`} value={values.horizon} onChange={(e) => set('horizon', e.target.value as Horizon)}>
          {HORIZONS.map((h) => (
            <option key={h} value={h}>
              {HORIZON_LABELS[h]}
            </option>
          ))}
        </select>
        {issue('horizon')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-start`}>Start date</label>
        <input id={`${id}-start`} type="date" value={values.start_date} onChange={(e) => set('start_date', e.target.value)} />
        {issue('start_date')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-end`}>End date</label>
        <input id={`${id}-end`} type="date" value={values.end_date} onChange={(e) => set('end_date', e.target.value)} />
        <span className="muted">Empty: the horizon's length from the start.</span>
        {issue('end_date')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-owner`}>Owner</label>
        <select id={`${id}-owner`} value={values.owner_id} onChange={(e) => set('owner_id', e.target.value)}>
          <option value="">Nobody</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        {issue('owner_id')}
      </div>
      {editing && (
        <div className="field">
          <label htmlFor={`${id}-state`}>State</label>
          <select id={`${id}-state`} value={values.state} onChange={(e) => set('state', e.target.value as GoalState)}>
            {GOAL_STATES.map((s) => (
              <option key={s} value={s}>
                {GOAL_STATE_LABELS[s]}
              </option>
            ))}
          </select>
          {issue('state')}
        </div>
      )}
      {!editing && (
        <>
          {krs.map((kr, i) => (
            <div key={i}>
              <KeyResultFields
                draft={kr}
                legend={`Key result ${i + 1}`}
                prefix={`key_results.${i}.`}
                errors={errors}
                onChange={(d) => setKrs((all) => all.map((x, j) => (j === i ? d : x)))}
              />
              <button type="button" className="link-button" onClick={() => setKrs((all) => all.filter((_, j) => j !== i))}>
                Remove key result {i + 1}
              </button>
            </div>
          ))}
          {issue('key_results')}
          <div>
            <button type="button" onClick={() => setKrs((all) => [...all, { ...EMPTY_KR }])}>
              Add a key result
            </button>
          </div>
        </>
      )}
      <div className="inline-form">
        <button type="submit" className="primary" disabled={busy}>
          {editing ? 'Save goal' : 'Create goal'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
