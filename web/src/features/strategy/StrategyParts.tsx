// Pieces shared by the strategy pages: status badges, the progress bar against the expected
// progress, and the table of work below a goal or initiative.
import { useState } from 'react';
import { Link } from 'react-router-dom';

import { toApiError } from '../../api/client';
import type { Goal, GoalStatus, InitiativeStatus, Work, WorkItem } from '../../api/strategyTypes';
import { GOAL_STATE_LABELS, GOAL_STATUS_LABELS, INITIATIVE_STATUS_LABELS, num, percent } from './strategyLabels';

export function strategyBase(productId: string): string {
  return `/products/${encodeURIComponent(productId)}/strategy`;
}

export function goalPath(productId: string, goalId: string): string {
  return `${strategyBase(productId)}/goals/${encodeURIComponent(goalId)}`;
}

export function initiativePath(productId: string, initiativeId: string): string {
  return `${strategyBase(productId)}/initiatives/${encodeURIComponent(initiativeId)}`;
}

export function itemPath(productId: string, key: string): string {
  return `/products/${encodeURIComponent(productId)}/items/${encodeURIComponent(key)}`;
}

export function StatusBadge({ status }: { status: GoalStatus | null }) {
  if (!status) return null;
  return <span className={`flag goal-status goal-status-${status}`}>{GOAL_STATUS_LABELS[status]}</span>;
}

/** The goal's status badge when open, else its state (achieved, missed, dropped). */
export function GoalBadge({ goal }: { goal: Pick<Goal, 'state' | 'status'> }) {
  if (goal.state !== 'open') return <span className={`flag goal-state goal-state-${goal.state}`}>{GOAL_STATE_LABELS[goal.state]}</span>;
  return <StatusBadge status={goal.status} />;
}

export function InitiativeBadge({ status }: { status: InitiativeStatus }) {
  return <span className={`flag initiative-status initiative-status-${status}`}>{INITIATIVE_STATUS_LABELS[status]}</span>;
}

/** Progress 0…1 as a bar with a marker where the progress is expected to be by now. */
export function ProgressBar({ progress, expected, label }: { progress: number | null; expected?: number; label: string }) {
  const p = Math.max(0, Math.min(1, progress ?? 0));
  const text =
    progress === null
      ? 'no key results'
      : `${percent(progress)}${expected !== undefined ? ` (expected ${percent(expected)})` : ''}`;
  return (
    <span className="goal-progress">
      <span
        className="goal-progress-bar"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(p * 100)}
        aria-valuetext={text}
      >
        <span className="goal-progress-fill" style={{ width: `${p * 100}%` }} />
        {expected !== undefined && (
          <span className="goal-progress-expected" style={{ left: `${Math.max(0, Math.min(1, expected)) * 100}%` }} title={`expected ${percent(expected)}`} />
        )}
      </span>{' '}
      <span className="goal-progress-text">{text}</span>
    </span>
  );
}

/** The items aligned to a goal or initiative, with their points and status, and the totals. */
/**
 * The work below a goal or initiative: its totals (of all of it) and a table of the first page,
 * with "Load more" for the next pages when `loadMore` reads them.
 */
export function WorkTable({
  productId,
  work,
  caption,
  loadMore,
}: {
  productId: string;
  work: Work;
  caption: string;
  loadMore?: (cursor: string) => Promise<Work>;
}) {
  // Pages read after `work`; they belong to that answer and are dropped when it is read again.
  const [more, setMore] = useState<{ base: Work; items: WorkItem[]; next: string | null } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = more && more.base === work ? more : null;
  const items = current ? [...work.items, ...current.items] : work.items;
  const next = current ? current.next : (work.next_cursor ?? null);
  const t = work.totals;

  async function onLoadMore() {
    if (!loadMore || !next) return;
    setLoading(true);
    setError(null);
    try {
      const page = await loadMore(next);
      setMore({ base: work, items: [...(current?.items ?? []), ...page.items], next: page.next_cursor ?? null });
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setLoading(false);
    }
  }

  return (
    <>
      <p className="work-totals">
        {t.items} item{t.items === 1 ? '' : 's'} · {num(t.points)} points · {t.done_items} done ({num(t.done_points)} points)
      </p>
      {items.length === 0 ? (
        <p className="muted">No work is aligned yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Title</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Points</th>
              <th scope="col">Via</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td className="mono">
                  <Link to={itemPath(productId, i.key)}>{i.key}</Link>
                </td>
                <td>{i.title}</td>
                <td>{i.type}</td>
                <td className={i.category === 'done' ? 'status-done' : undefined}>{i.status}</td>
                <td>{num(i.points)}</td>
                <td>{i.via}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <p className="inline-form">
          <span className="muted">
            Showing {items.length} of {t.items}
          </span>
          {loadMore && (
            <button type="button" onClick={() => void onLoadMore()} disabled={loading}>
              {loading ? 'Loading…' : 'Load more'}
            </button>
          )}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
