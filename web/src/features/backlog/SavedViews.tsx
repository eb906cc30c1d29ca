import { useState, type FormEvent } from 'react';

import type { SavedView } from '../../api/backlogTypes';
import { backlogApi } from '../../api/backlog';
import { toApiError } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import type { AsyncState } from '../../components/useAsync';

interface Props {
  productId: string;
  myId: string;
  isProductOwner: boolean;
  views: AsyncState<SavedView[]> & { refresh: () => void; reload: () => void };
  query: string;
  onOpen: (view: SavedView) => void;
}

/** My and shared saved views: open one, delete one, save the current query as one. */
export function SavedViews({ productId, myId, isProductOwner, views, query, onOpen }: Props) {
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSave(e: FormEvent) {
    e.preventDefault();
    if (name.trim() === '' || busy) return;
    setBusy(true);
    setError(null);
    try {
      await backlogApi.createView(productId, { name: name.trim(), query, shared });
      setName('');
      setShared(false);
      views.refresh();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  async function onDelete(view: SavedView) {
    setError(null);
    try {
      await backlogApi.deleteView(view.id);
      views.refresh();
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  const list = views.data ?? [];
  return (
    <section className="saved-views" aria-labelledby="saved-views-heading">
      <h2 id="saved-views-heading">Saved views</h2>
      {views.status === 'error' && !views.data && (
        <ErrorState error={views.error} title="Could not load the saved views" onRetry={views.reload} />
      )}
      {list.length === 0 && views.status === 'ready' && <p className="muted">No saved views yet.</p>}
      {list.length > 0 && (
        <ul className="view-list">
          {list.map((v) => {
            const mine = (v.owner?.id ?? v.owner_id) === myId;
            return (
              <li key={v.id}>
                <button type="button" className="link-like" onClick={() => onOpen(v)} title={v.query}>
                  {v.name}
                </button>
                {v.shared && <span className="muted"> · shared{!mine && v.owner ? ` by ${v.owner.name}` : ''}</span>}
                {(mine || (v.shared && isProductOwner)) && (
                  <button
                    type="button"
                    className="link-button"
                    aria-label={`Delete view ${v.name}`}
                    onClick={() => void onDelete(v)}
                  >
                    Delete
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <form className="inline-form" aria-label="Save view" onSubmit={onSave}>
        <label>
          View name <input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} /> Shared with the
          product
        </label>
        <button type="submit" disabled={busy || name.trim() === ''}>
          Save view
        </button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
