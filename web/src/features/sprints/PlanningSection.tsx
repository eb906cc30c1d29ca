import { useId, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';

import { backlogApi } from '../../api/backlog';
import type { Item } from '../../api/backlogTypes';
import type { SprintDetail } from '../../api/sprintTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/useAsync';
import { formatPoints, typeLabel } from '../backlog/itemLabels';
import { CapacityBar } from './CapacityBar';
import { PLANNABLE_QUERY } from './sprintModel';

interface Props {
  sprint: SprintDetail;
  productId: string;
  canWrite: boolean;
  /** Changes whenever what the page shows may have changed (live events, own writes). */
  tick: number;
  /** Adds or removes items (by id); the page shows the outcome. */
  onPlan: (kind: 'add' | 'remove', items: Item[], reason: string) => Promise<boolean>;
}

function itemLink(productId: string, item: Item) {
  return <Link to={`/products/${encodeURIComponent(productId)}/items/${encodeURIComponent(item.key)}`}>{item.key}</Link>;
}

/** The sprint's items beside the backlog, with the capacity bar; PO and Scrum Master add and remove. */
export function PlanningSection({ sprint, productId, canWrite, tick, onPlan }: Props) {
  const id = useId();
  const editable = canWrite && sprint.status !== 'completed';
  const backlog = useAsync(
    (signal) => (editable ? backlogApi.listItems(productId, PLANNABLE_QUERY, signal) : Promise.resolve([] as Item[])),
    [productId, editable, tick],
  );
  const [filter, setFilter] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const active = sprint.status === 'active';

  const candidates = useMemo(() => {
    const words = filter.trim().toLowerCase();
    const inSprint = new Set(sprint.items.map((i) => i.id));
    return (backlog.data ?? []).filter(
      (i) => !inSprint.has(i.id) && (!words || `${i.key} ${i.title}`.toLowerCase().includes(words)),
    );
  }, [backlog.data, filter, sprint.items]);

  async function plan(kind: 'add' | 'remove', item: Item) {
    setBusy(true);
    try {
      if (await onPlan(kind, [item], reason)) setReason('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-heading`} className="planning">
      <h2 id={`${id}-heading`}>{active ? 'Scope' : 'Planning'}</h2>
      <CapacityBar planning={sprint.planning} />
      {editable && active && (
        <label className="field reason-field">
          Reason for the change{' '}
          <input
            value={reason}
            maxLength={10_000}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Recorded with the scope change"
          />
        </label>
      )}
      <div className={editable ? 'planning-columns' : undefined}>
        <div>
          <h3>
            In the sprint ({sprint.items.length} item{sprint.items.length === 1 ? '' : 's'})
          </h3>
          {sprint.items.length === 0 ? (
            <p className="muted">No items planned yet.</p>
          ) : (
            <table className="table compact">
              <caption className="visually-hidden">Items in the sprint</caption>
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Title</th>
                  <th scope="col">Status</th>
                  <th scope="col">Points</th>
                  {editable && <th scope="col"><span className="visually-hidden">Remove</span></th>}
                </tr>
              </thead>
              <tbody>
                {sprint.items.map((i) => (
                  <tr key={i.id} className={i.category === 'done' ? 'status-done' : undefined}>
                    <td className="mono">{itemLink(productId, i)}</td>
                    <td>
                      {i.title} <span className="muted">{typeLabel(i.type)}</span>
                    </td>
                    <td>{i.status}</td>
                    <td>{formatPoints(i.points)}</td>
                    {editable && (
                      <td>
                        <button
                          type="button"
                          disabled={busy}
                          aria-label={`Remove ${i.key} from the sprint`}
                          onClick={() => void plan('remove', i)}
                        >
                          Remove
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {editable && (
          <div>
            <h3>Backlog</h3>
            <label className="field">
              <span className="visually-hidden">Filter the backlog</span>
              <input
                type="search"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
                placeholder="Filter by key or title"
                aria-label="Filter the backlog"
              />
            </label>
            {backlog.status === 'error' && !backlog.data && (
              <ErrorState error={backlog.error} title="Could not load the backlog" onRetry={backlog.reload} />
            )}
            {!backlog.data && backlog.status === 'loading' && <Loading />}
            {backlog.data && candidates.length === 0 && <p className="muted">Nothing left to plan.</p>}
            {candidates.length > 0 && (
              <div className="backlog-pick">
                <table className="table compact">
                  <caption className="visually-hidden">Backlog items to plan</caption>
                  <thead>
                    <tr>
                      <th scope="col">Key</th>
                      <th scope="col">Title</th>
                      <th scope="col">Points</th>
                      <th scope="col"><span className="visually-hidden">Add</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {candidates.map((i) => (
                      <tr key={i.id}>
                        <td className="mono">{itemLink(productId, i)}</td>
                        <td>
                          {i.title} <span className="muted">{typeLabel(i.type)}</span>
                        </td>
                        <td>{formatPoints(i.points)}</td>
                        <td>
                          <button
                            type="button"
                            disabled={busy}
                            aria-label={`Add ${i.key} to the sprint`}
                            onClick={() => void plan('add', i)}
                          >
                            Add
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
