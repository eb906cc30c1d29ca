import { useState } from 'react';
import { Link } from 'react-router-dom';

import { releaseApi } from '../../api/releases';
import type { Release, ScopeChange, ScopeChangeItem } from '../../api/releaseTypes';
import { ErrorState } from '../../components/ErrorState';
import { useAsync } from '../../components/useAsync';
import { SCOPE_CHANGE_LABELS } from './releaseLabels';

function pts(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : String(n);
}

function ItemName({ item, base }: { item: ScopeChangeItem; base: string }) {
  if (!item.key) return <span className="muted">{item.title || '(deleted item)'}</span>;
  return (
    <>
      <Link to={`${base}/items/${encodeURIComponent(item.key)}`} className="mono">
        {item.key}
      </Link>{' '}
      {item.title}
    </>
  );
}

function pointsChange(c: ScopeChange): string {
  switch (c.kind) {
    case 'added':
      return `+${pts(c.points_after)}`;
    case 'removed':
      return `−${pts(c.points_before)}`;
    default:
      return `${pts(c.points_before)} → ${pts(c.points_after)}`;
  }
}

/**
 * The Product Owner's Commit plan button: asks first (a release is committed once), then takes
 * the baseline from which every scope change is recorded.
 */
export function CommitPlan({ release, onCommit }: { release: Release; onCommit: () => Promise<boolean> }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const items = release.items ?? [];
  const points = items.reduce((sum, i) => sum + (i.points ?? 0), 0);

  if (!asking) {
    return (
      <button type="button" onClick={() => setAsking(true)}>
        Commit plan
      </button>
    );
  }
  return (
    <div className="alert alert-info commit-confirm" role="group" aria-label="Commit the release plan">
      <p>
        Commit the plan of {items.length} {items.length === 1 ? 'item' : 'items'} ({points} points) as the baseline? From
        then on every item added, removed or re-estimated is recorded as a scope change. A release is committed once.
      </p>
      <div className="inline-form">
        <button
          type="button"
          className="primary"
          autoFocus
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            const ok = await onCommit();
            setBusy(false);
            if (!ok) setAsking(false);
          }}
        >
          Commit
        </button>
        <button type="button" disabled={busy} onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

/** The release's baseline and the scope changes recorded since the commit, oldest first. */
export function ScopeChanges({ release, base }: { release: Release; base: string }) {
  const committed = release.committed_at !== null && release.committed_at !== undefined;
  // Reloaded whenever the release's plan or its count of changes may have moved.
  const changeKey = `${release.revision}:${release.committed_at ?? ''}:${release.baseline?.changes ?? ''}:${(release.items ?? [])
    .map((i) => `${i.id}/${i.points}`)
    .join(',')}`;
  const scope = useAsync(
    (signal) => (committed ? releaseApi.scopeChanges(release.id, signal) : Promise.resolve(null)),
    [release.id, committed, changeKey],
  );

  return (
    <section aria-labelledby="scope-heading" className="scope-changes">
      <h2 id="scope-heading">Scope changes</h2>
      {!committed ? (
        <p className="muted">
          The plan is not committed yet. Once the Product Owner commits it, items added, removed or re-estimated are
          recorded here against the baseline.
        </p>
      ) : scope.status === 'error' && !scope.data ? (
        <ErrorState error={scope.error} title="Could not load the scope changes" onRetry={scope.reload} />
      ) : !scope.data ? (
        <p className="muted">Loading the scope changes…</p>
      ) : (
        <>
          <p>
            Baseline: {scope.data.baseline.items.length} {scope.data.baseline.items.length === 1 ? 'item' : 'items'},{' '}
            {pts(scope.data.baseline.committed_points)} points, committed{' '}
            {scope.data.committed_at ? new Date(scope.data.committed_at).toLocaleString() : ''}
            {scope.data.committed_by ? ` by ${scope.data.committed_by.name}` : ''}.
          </p>
          {scope.data.baseline.items.length > 0 && (
            <details>
              <summary>Items in the baseline</summary>
              <ul>
                {scope.data.baseline.items.map((b) => (
                  <li key={b.item.id}>
                    <ItemName item={b.item} base={base} /> · {pts(b.points)} points
                  </li>
                ))}
              </ul>
            </details>
          )}
          {scope.data.data.length === 0 ? (
            <p className="muted">No scope change since the commit.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Scope changes since the commit</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Change</th>
                  <th scope="col">Item</th>
                  <th scope="col">Points</th>
                  <th scope="col">By</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {scope.data.data.map((c) => (
                  <tr key={c.id} className={`scope-${c.kind}`}>
                    <td>{new Date(c.at).toLocaleString()}</td>
                    <td>{SCOPE_CHANGE_LABELS[c.kind]}</td>
                    <td>
                      <ItemName item={c.item} base={base} />
                    </td>
                    <td>{pointsChange(c)}</td>
                    <td>{c.by_name ?? '—'}</td>
                    <td>{c.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
