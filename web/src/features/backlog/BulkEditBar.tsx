import { useState, type FormEvent } from 'react';

import { PRIORITIES, type BacklogSettings, type BulkChanges, type Priority } from '../../api/backlogTypes';
import type { UserRef } from '../../api/types';
import { PRIORITY_LABELS } from './itemLabels';

interface Props {
  count: number;
  settings: BacklogSettings | undefined;
  people: UserRef[];
  busy: boolean;
  onApply: (changes: BulkChanges) => void;
  onClear: () => void;
}

const UNCHANGED = '';
const NOBODY = '__nobody__';

/** Edits the selected items at once: status, assignee, a label to add, points, priority. */
export function BulkEditBar({ count, settings, people, busy, onApply, onClear }: Props) {
  const [status, setStatus] = useState(UNCHANGED);
  const [assignee, setAssignee] = useState(UNCHANGED);
  const [label, setLabel] = useState('');
  const [points, setPoints] = useState(UNCHANGED);
  const [priority, setPriority] = useState(UNCHANGED);

  const changes: BulkChanges = {};
  if (status !== UNCHANGED) changes.status = status;
  if (assignee !== UNCHANGED) changes.assignee_id = assignee === NOBODY ? null : assignee;
  if (label.trim() !== '') changes.add_labels = [label.trim().toLowerCase()];
  if (points !== UNCHANGED) changes.points = points === NOBODY ? null : Number(points);
  if (priority !== UNCHANGED) changes.priority = priority as Priority;
  const empty = Object.keys(changes).length === 0;

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (empty) return;
    onApply(changes);
  }

  return (
    <form className="bulk-bar" aria-label="Bulk edit" onSubmit={onSubmit}>
      <strong>{count} selected</strong>
      <label>
        Status{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value={UNCHANGED}>(unchanged)</option>
          {settings?.statuses.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Assignee{' '}
        <select value={assignee} onChange={(e) => setAssignee(e.target.value)}>
          <option value={UNCHANGED}>(unchanged)</option>
          <option value={NOBODY}>Unassigned</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Add label{' '}
        <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={40} size={12} />
      </label>
      <label>
        Points{' '}
        <select value={points} onChange={(e) => setPoints(e.target.value)}>
          <option value={UNCHANGED}>(unchanged)</option>
          <option value={NOBODY}>None</option>
          {settings?.point_scale.map((p) => (
            <option key={p} value={String(p)}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        Priority{' '}
        <select value={priority} onChange={(e) => setPriority(e.target.value)}>
          <option value={UNCHANGED}>(unchanged)</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy || empty}>
        Apply to {count}
      </button>
      <button type="button" onClick={onClear}>
        Clear selection
      </button>
    </form>
  );
}
