import { useId, useState, type FormEvent } from 'react';

import { toApiError } from '../../api/client';
import { CAPACITY_UNITS, type CapacityUnit, type Sprint, type SprintInput, type Team } from '../../api/sprintTypes';
import { WEEKDAYS, workingDates } from './sprintModel';

interface Props {
  /** The form's accessible name ("New sprint", "Edit sprint"). */
  label: string;
  submitLabel: string;
  /** Teams to choose from when creating; omitted when editing (the team is fixed). */
  teams?: Team[];
  initial?: Sprint;
  /** A completed sprint changes only its name and goal. */
  nameAndGoalOnly?: boolean;
  onSubmit: (input: SprintInput) => Promise<void>;
  onCancel: () => void;
}

/** Name, goal, team, dates, working days, capacity unit and approval of a sprint. */
export function SprintForm({ label, submitLabel, teams, initial, nameAndGoalOnly = false, onSubmit, onCancel }: Props) {
  const id = useId();
  const [name, setName] = useState(initial?.name ?? '');
  const [goal, setGoal] = useState(initial?.goal ?? '');
  const [teamId, setTeamId] = useState(initial?.team_id ?? (teams?.length === 1 ? teams[0].id : ''));
  const [start, setStart] = useState(initial?.start_date ?? '');
  const [end, setEnd] = useState(initial?.end_date ?? '');
  const [days, setDays] = useState<number[]>(initial?.working_days ?? [1, 2, 3, 4, 5]);
  const [unit, setUnit] = useState<CapacityUnit>(initial?.capacity_unit ?? 'points');
  const [approval, setApproval] = useState(initial?.require_approval ?? false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const count = start && end ? workingDates(start, end, days).length : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    const input: SprintInput = nameAndGoalOnly
      ? { name: name.trim(), goal: goal.trim() }
      : {
          ...(teams ? { team_id: teamId } : {}),
          name: name.trim(),
          goal: goal.trim(),
          start_date: start,
          end_date: end,
          working_days: [...days].sort(),
          capacity_unit: unit,
          require_approval: approval,
        };
    setBusy(true);
    try {
      await onSubmit(input);
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.message);
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (field: string) => errors[field] && <span className="field-error">{errors[field]}</span>;

  return (
    <form className="card form-grid sprint-form" aria-label={label} onSubmit={(e) => void submit(e)}>
      <label className="field">
        Name <input value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} placeholder="Sprint 14" />
        {fieldError('name')}
      </label>
      <label className="field">
        Goal <textarea value={goal} rows={2} maxLength={10_000} onChange={(e) => setGoal(e.target.value)} />
        {fieldError('goal')}
      </label>
      {teams && (
        <label className="field">
          Team{' '}
          <select value={teamId} required onChange={(e) => setTeamId(e.target.value)}>
            <option value="" disabled>
              {teams.length === 0 ? 'No team works on this product' : 'Choose a team…'}
            </option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          {fieldError('team_id')}
        </label>
      )}
      {!nameAndGoalOnly && (
        <>
          <div className="field-row">
            <label className="field">
              Start <input type="date" value={start} required onChange={(e) => setStart(e.target.value)} />
              {fieldError('start_date')}
            </label>
            <label className="field">
              End <input type="date" value={end} required onChange={(e) => setEnd(e.target.value)} />
              {fieldError('end_date')}
            </label>
          </div>
          <fieldset className="weekdays" aria-describedby={`${id}-count`}>
            <legend>Working days</legend>
            {WEEKDAYS.map(([n, day]) => (
              <label key={n}>
                <input
                  type="checkbox"
                  checked={days.includes(n)}
                  onChange={(e) => setDays((d) => (e.target.checked ? [...d, n] : d.filter((x) => x !== n)))}
                />{' '}
                {day}
              </label>
            ))}
            <span id={`${id}-count`} className="muted">
              {count === null ? '' : `${count} working day${count === 1 ? '' : 's'}`}
            </span>
            {fieldError('working_days')}
          </fieldset>
          <label className="field">
            Capacity in{' '}
            <select value={unit} onChange={(e) => setUnit(e.target.value as CapacityUnit)}>
              {CAPACITY_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </label>
          <label className="field checkbox">
            <input type="checkbox" checked={approval} onChange={(e) => setApproval(e.target.checked)} /> Changes after the
            start need the Product Owner's approval
          </label>
        </>
      )}
      {error && Object.keys(errors).length === 0 && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
