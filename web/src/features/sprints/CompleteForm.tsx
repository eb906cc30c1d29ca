import { useState, type FormEvent } from 'react';

import { toApiError } from '../../api/client';
import { sprintApi } from '../../api/sprints';
import type { CarryOver, SprintDetail } from '../../api/sprintTypes';
import { useAsync } from '../../components/useAsync';

interface Props {
  sprint: SprintDetail;
  onCompleted: (sprint: SprintDetail) => void;
  onCancel: () => void;
}

/** Completes an active sprint: its unfinished items go to the top of the backlog or the next sprint. */
export function CompleteForm({ sprint, onCompleted, onCancel }: Props) {
  const next = useAsync(
    (signal) =>
      sprintApi
        .listSprints(sprint.product_id, { team: sprint.team_id, status: 'planned' }, signal)
        .then((list) => list.filter((s) => s.id !== sprint.id)),
    [sprint.product_id, sprint.team_id, sprint.id],
  );
  const [carry, setCarry] = useState<CarryOver>('backlog');
  const [nextId, setNextId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unfinished = sprint.items.filter((i) => i.category !== 'done');
  const choices = next.data ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      onCompleted(
        await sprintApi.complete(
          sprint.id,
          carry === 'next_sprint' ? { carry_over: carry, next_sprint_id: nextId } : { carry_over: carry },
        ),
      );
    } catch (err) {
      const apiErr = toApiError(err);
      const issues = apiErr.details.map((d) => d.issue).join('; ');
      setError(issues ? `${apiErr.message}: ${issues}` : apiErr.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card form-grid" aria-label="Complete the sprint" onSubmit={(e) => void submit(e)}>
      <p>
        {unfinished.length === 0
          ? 'Every item of the sprint is done.'
          : `${unfinished.length} unfinished item${unfinished.length === 1 ? '' : 's'} (${unfinished.map((i) => i.key).join(', ')}) leave the sprint.`}
      </p>
      <fieldset>
        <legend>Unfinished items go to</legend>
        <label className="field checkbox">
          <input type="radio" name="carry-over" checked={carry === 'backlog'} onChange={() => setCarry('backlog')} /> the
          top of the backlog
        </label>
        <label className="field checkbox">
          <input
            type="radio"
            name="carry-over"
            checked={carry === 'next_sprint'}
            disabled={choices.length === 0}
            onChange={() => {
              setCarry('next_sprint');
              if (!nextId && choices.length > 0) setNextId(choices[0].id);
            }}
          />{' '}
          the next sprint{choices.length === 0 && next.data ? ' (the team has no planned sprint)' : ''}
        </label>
      </fieldset>
      {carry === 'next_sprint' && (
        <label className="field">
          Next sprint{' '}
          <select value={nextId} required onChange={(e) => setNextId(e.target.value)}>
            {choices.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.start_date} – {s.end_date})
              </option>
            ))}
          </select>
        </label>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary" disabled={busy}>
          Complete sprint
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
