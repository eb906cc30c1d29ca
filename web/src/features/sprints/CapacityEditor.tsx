import { useId, useState, type FormEvent } from 'react';

import { toApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { sprintApi } from '../../api/sprints';
import { CAPACITY_UNITS, type CapacityUnit, type SprintDetail } from '../../api/sprintTypes';
import { useAsync } from '../../components/useAsync';
import { dayLabel, effectiveCapacity, figure, unitLabel, workingDates } from './sprintModel';

interface Row {
  user_id: string;
  name: string;
  capacity: string;
  days_off: string[];
}

interface Person {
  id: string;
  name: string;
}

/** The people who may be given capacity: the team's members and the product's PO, SM and team. */
async function loadPeople(sprint: SprintDetail, signal: AbortSignal): Promise<Person[]> {
  const [team, product, users] = await Promise.all([
    sprintApi.teams(signal).then((ts) => ts.find((t) => t.id === sprint.team_id) ?? null),
    api.getProduct(sprint.product_id, signal),
    api.listUsers(signal).catch(() => []),
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const people = new Map<string, string>();
  for (const id of team?.member_ids ?? []) people.set(id, names.get(id) ?? id);
  for (const r of product.roles ?? []) {
    if (r.role === 'product_owner' || r.role === 'scrum_master' || r.role === 'team_member') {
      people.set(r.user.id, r.user.name);
    }
  }
  return [...people].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

interface Props {
  sprint: SprintDetail;
  canWrite: boolean;
  onSaved: (sprint: SprintDetail) => void;
}

/** Each member's capacity and days off; the PO and Scrum Master edit them (points or hours). */
export function CapacityEditor({ sprint, canWrite, onSaved }: Props) {
  const id = useId();
  const editable = canWrite && sprint.status !== 'completed';
  const [draft, setDraft] = useState<Row[] | null>(null);
  const [unit, setUnit] = useState<CapacityUnit>(sprint.capacity_unit);
  const [adding, setAdding] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const people = useAsync(
    (signal) => (draft ? loadPeople(sprint, signal) : Promise.resolve([] as Person[])),
    [draft !== null, sprint.team_id, sprint.product_id],
  );
  const working = workingDates(sprint.start_date, sprint.end_date, sprint.working_days);
  const cap = sprint.capacity;

  function edit() {
    setError(null);
    setUnit(sprint.capacity_unit);
    setDraft(
      cap.members.map((m) => ({
        user_id: m.user_id,
        name: m.name ?? m.user_id,
        capacity: String(m.capacity),
        days_off: [...m.days_off],
      })),
    );
  }

  function update(userId: string, change: Partial<Row>) {
    setDraft((rows) => rows && rows.map((r) => (r.user_id === userId ? { ...r, ...change } : r)));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setError(null);
    const members = draft.map((r) => ({ user_id: r.user_id, capacity: Number(r.capacity), days_off: r.days_off }));
    const bad = draft.find((r) => r.capacity.trim() === '' || !Number.isFinite(Number(r.capacity)) || Number(r.capacity) < 0);
    if (bad) {
      setError(`The capacity of ${bad.name} must be a number of 0 or more.`);
      return;
    }
    setBusy(true);
    try {
      if (unit !== sprint.capacity_unit) {
        onSaved(await sprintApi.updateSprint(sprint.id, sprint.version, { capacity_unit: unit }));
      }
      onSaved(await sprintApi.setCapacity(sprint.id, members));
      setDraft(null);
    } catch (err) {
      const apiErr = toApiError(err);
      const issues = apiErr.details.map((d) => `${d.field}: ${d.issue}`).join('; ');
      setError(issues ? `${apiErr.message} (${issues})` : apiErr.message);
    } finally {
      setBusy(false);
    }
  }

  const shownUnit = draft ? unit : cap.unit;
  const draftTotal = draft
    ? draft.reduce((sum, r) => sum + effectiveCapacity(Number(r.capacity) || 0, r.days_off, working), 0)
    : cap.total;
  const others = (people.data ?? []).filter((p) => !draft?.some((r) => r.user_id === p.id));

  return (
    <section aria-labelledby={`${id}-heading`} className="capacity-editor">
      <div className="heading-row">
        <h2 id={`${id}-heading`}>Capacity</h2>
        {editable && !draft && (
          <button type="button" onClick={edit}>
            Edit capacity
          </button>
        )}
      </div>
      <p>
        Total: {figure(draftTotal)} {unitLabel(shownUnit, draftTotal)} over {working.length} working day
        {working.length === 1 ? '' : 's'}.
      </p>
      {!draft && cap.members.length === 0 && <p className="muted">No capacity given yet.</p>}
      {!draft && cap.members.length > 0 && (
        <table className="table compact">
          <caption className="visually-hidden">Capacity per member</caption>
          <thead>
            <tr>
              <th scope="col">Member</th>
              <th scope="col">Capacity</th>
              <th scope="col">Days off</th>
              <th scope="col">Effective</th>
            </tr>
          </thead>
          <tbody>
            {cap.members.map((m) => (
              <tr key={m.user_id}>
                <td>{m.name ?? m.user_id}</td>
                <td>
                  {figure(m.capacity)} {unitLabel(cap.unit, m.capacity)}
                </td>
                <td>{m.days_off.length === 0 ? <span className="muted">None</span> : m.days_off.map(dayLabel).join(', ')}</td>
                <td>{figure(m.effective)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {draft && (
        <form aria-label="Capacity per member" onSubmit={(e) => void save(e)}>
          <label className="field inline">
            Capacity in{' '}
            <select value={unit} onChange={(e) => setUnit(e.target.value as CapacityUnit)}>
              {CAPACITY_UNITS.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
          </label>
          <table className="table compact">
            <thead>
              <tr>
                <th scope="col">Member</th>
                <th scope="col">Capacity</th>
                <th scope="col">Days off</th>
                <th scope="col">Effective</th>
                <th scope="col"><span className="visually-hidden">Remove</span></th>
              </tr>
            </thead>
            <tbody>
              {draft.map((r) => (
                <tr key={r.user_id}>
                  <td>{r.name}</td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      step="any"
                      className="narrow"
                      value={r.capacity}
                      aria-label={`Capacity of ${r.name}`}
                      onChange={(e) => update(r.user_id, { capacity: e.target.value })}
                    />
                  </td>
                  <td>
                    <details>
                      <summary>
                        {r.days_off.length} day{r.days_off.length === 1 ? '' : 's'} off
                      </summary>
                      <fieldset className="days-off">
                        <legend className="visually-hidden">Days off of {r.name}</legend>
                        {working.map((d) => (
                          <label key={d}>
                            <input
                              type="checkbox"
                              checked={r.days_off.includes(d)}
                              onChange={(e) =>
                                update(r.user_id, {
                                  days_off: e.target.checked ? [...r.days_off, d].sort() : r.days_off.filter((x) => x !== d),
                                })
                              }
                            />{' '}
                            {dayLabel(d)}
                          </label>
                        ))}
                      </fieldset>
                    </details>
                  </td>
                  <td>{figure(effectiveCapacity(Number(r.capacity) || 0, r.days_off, working))}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={`Remove ${r.name} from the capacity`}
                      onClick={() => setDraft((rows) => rows && rows.filter((x) => x.user_id !== r.user_id))}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="inline-form">
            <label>
              Add a member{' '}
              <select value={adding} onChange={(e) => setAdding(e.target.value)}>
                <option value="">Choose…</option>
                {others.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              disabled={!adding}
              onClick={() => {
                const p = others.find((x) => x.id === adding);
                if (p) setDraft((rows) => [...(rows ?? []), { user_id: p.id, name: p.name, capacity: '0', days_off: [] }]);
                setAdding('');
              }}
            >
              Add member
            </button>
          </div>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="inline-form">
            <button type="submit" className="primary" disabled={busy}>
              Save capacity
            </button>
            <button type="button" onClick={() => setDraft(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
