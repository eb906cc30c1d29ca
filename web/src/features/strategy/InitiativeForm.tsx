// Creates or edits an initiative: name, description, goals served, owner, horizon, dates,
// expected outcome and status.
import { useId, useState, type FormEvent } from 'react';

import { toApiError } from '../../api/client';
import {
  HORIZONS,
  INITIATIVE_STATUSES,
  type Goal,
  type Horizon,
  type Initiative,
  type InitiativeInput,
  type InitiativeStatus,
} from '../../api/strategyTypes';
import { ConflictAlert } from '../../components/ConflictAlert';
import { HORIZON_LABELS, INITIATIVE_STATUS_LABELS } from './strategyLabels';

interface Values {
  name: string;
  description: string;
  goal_ids: string[];
  owner_id: string;
  horizon: Horizon | '';
  start_date: string;
  end_date: string;
  expected_outcome: string;
  status: InitiativeStatus;
}

function valuesOf(i: Initiative | null, meId: string): Values {
  return i
    ? {
        name: i.name,
        description: i.description,
        goal_ids: i.goal_ids,
        owner_id: i.owner?.id ?? '',
        horizon: i.horizon ?? '',
        start_date: i.start_date ?? '',
        end_date: i.end_date ?? '',
        expected_outcome: i.expected_outcome,
        status: i.status,
      }
    : {
        name: '',
        description: '',
        goal_ids: [],
        owner_id: meId,
        horizon: '',
        start_date: '',
        end_date: '',
        expected_outcome: '',
        status: 'proposed',
      };
}

function toInput(v: Values): InitiativeInput {
  return {
    name: v.name.trim(),
    description: v.description,
    goal_ids: v.goal_ids,
    owner_id: v.owner_id || null,
    horizon: v.horizon || null,
    start_date: v.start_date || null,
    end_date: v.end_date || null,
    expected_outcome: v.expected_outcome,
    status: v.status,
  };
}

interface Props {
  initiative: Initiative | null;
  goals: Goal[];
  people: { id: string; name: string }[];
  meId: string;
  onSubmit: (input: InitiativeInput, baseVersion: number) => Promise<Initiative>;
  onDone: (i: Initiative) => void;
  onStale?: (current: Initiative) => void;
  onCancel: () => void;
}

export function InitiativeForm({ initiative, goals, people, meId, onSubmit, onDone, onStale, onCancel }: Props) {
  const [base, setBase] = useState(initiative);
  const [values, setValues] = useState<Values>(() => valuesOf(initiative, meId));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const editing = initiative !== null;
  const stale = editing && base !== null && initiative.version > base.version;

  function set<K extends keyof Values>(k: K, v: Values[K]) {
    setValues((s) => ({ ...s, [k]: v }));
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    let input = toInput(values);
    if (editing) {
      const before = toInput(valuesOf(base, meId));
      input = Object.fromEntries(
        Object.entries(input).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k as keyof InitiativeInput])),
      ) as InitiativeInput;
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
      const current = (apiErr.body as { current?: Initiative } | undefined)?.current;
      if (apiErr.status === 412 && current) {
        onStale?.(current);
        setError('Not saved: this initiative was changed since you started editing.');
      } else {
        setErrors(apiErr.issuesByField());
        setError(apiErr.message);
      }
    } finally {
      setBusy(false);
    }
  }

  const goalIssue = Object.entries(errors).find(([k]) => k === 'goal_ids' || k.startsWith('goal_ids.'))?.[1];
  const issue = (f: string) => errors[f] && <span className="field-error">{errors[f]}</span>;

  return (
    <form className="card form-grid wide" aria-label={editing ? 'Edit initiative' : 'New initiative'} onSubmit={submit} noValidate>
      {stale && initiative && (
        <ConflictAlert
          onReload={() => {
            setBase(initiative);
            setValues(valuesOf(initiative, meId));
            setError(null);
          }}
          onKeep={() => {
            setBase(initiative);
            setError(null);
          }}
        >
          This initiative was changed by someone else (now version {initiative.version}) while you were editing. Your input
          is kept.
        </ConflictAlert>
      )}
      {error && !stale && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={values.name} required onChange={(e) => set('name', e.target.value)} />
        {issue('name')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-description`}>Description</label>
        <textarea id={`${id}-description`} rows={3} value={values.description} onChange={(e) => set('description', e.target.value)} />
        {issue('description')}
      </div>
      <fieldset className="field-card">
        <legend>Goals served</legend>
        {goals.length === 0 && <p className="muted">The product has no goals yet.</p>}
        {goals.map((g) => (
          <label key={g.id} className="field checkbox">
            <input
              type="checkbox"
              checked={values.goal_ids.includes(g.id)}
              onChange={(e) =>
                set('goal_ids', e.target.checked ? [...values.goal_ids, g.id] : values.goal_ids.filter((x) => x !== g.id))
              }
            />{' '}
            {g.objective}
          </label>
        ))}
        {goalIssue && <span className="field-error">{goalIssue}</span>}
      </fieldset>
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
      <div className="field">
        <label htmlFor={`${id}-horizon`}>Horizon</label>
        <select id={`${id}-horizon`} value={values.horizon} onChange={(e) => set('horizon', e.target.value as Horizon | '')}>
          <option value="">None</option>
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
        {issue('end_date')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-outcome`}>Expected outcome</label>
        <textarea
          id={`${id}-outcome`}
          rows={2}
          value={values.expected_outcome}
          onChange={(e) => set('expected_outcome', e.target.value)}
        />
        {issue('expected_outcome')}
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={values.status} onChange={(e) => set('status', e.target.value as InitiativeStatus)}>
          {INITIATIVE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {INITIATIVE_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        {issue('status')}
      </div>
      <div className="inline-form">
        <button type="submit" className="primary" disabled={busy}>
          {editing ? 'Save initiative' : 'Create initiative'}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
