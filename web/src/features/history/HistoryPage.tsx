import { useState } from 'react';

import { toApiError, type ApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import type { HistoryEntry, Page } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';

export const HISTORY_PAGE_SIZE = 50;

export function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v === '' ? '""' : v;
  return JSON.stringify(v);
}

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

function Changes({ changes }: { changes: HistoryEntry['changes'] }) {
  const fields = Object.entries(changes ?? {});
  if (fields.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="changes">
      {fields.map(([field, c]) => (
        <li key={field}>
          <span className="field-name">{field}</span>: <span className="before">{formatValue(c?.before)}</span>
          {' → '}
          <span className="after">{formatValue(c?.after)}</span>
        </li>
      ))}
    </ul>
  );
}

export function HistoryPage({ productId }: { productId: string }) {
  const first = useAsync(
    (signal) => api.history(productId, { limit: HISTORY_PAGE_SIZE }, signal),
    [productId],
  );
  const [more, setMore] = useState<Page<HistoryEntry>[]>([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  // Entries that arrived live since the first page loaded, newest first.
  const [live, setLive] = useState<HistoryEntry[]>([]);

  useLiveEvents(
    (e) => e.product_id === productId,
    (events) => setLive((l) => [...[...events].reverse(), ...l]),
  );

  if (first.status === 'loading') return <Loading />;
  if (first.status === 'error') {
    return <ErrorState error={first.error} title="Could not load the history" onRetry={first.reload} />;
  }

  const pages = [first.data, ...more];
  const seen = new Set<string>();
  const entries = [...live, ...pages.flatMap((p) => p.data ?? [])].filter(
    (e) => !seen.has(e.id) && seen.add(e.id),
  );
  const cursor = pages[pages.length - 1].next_cursor;

  async function loadMore() {
    if (!cursor) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const next = await api.history(productId, { limit: HISTORY_PAGE_SIZE, cursor });
      setMore((m) => [...m, next]);
    } catch (e) {
      setMoreError(toApiError(e));
    } finally {
      setLoadingMore(false);
    }
  }

  return (
    <section>
      <PageHeading title="History">History</PageHeading>
      {entries.length === 0 ? (
        <p className="muted">No changes recorded yet.</p>
      ) : (
        <table className="table history">
          <caption className="visually-hidden">Audit history</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Action</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>
                  <time dateTime={e.at}>{formatTime(e.at)}</time>
                </td>
                <td>{e.actor?.name ?? <span className="muted">system</span>}</td>
                <td>
                  {e.entity_type} <span className="muted mono">{e.entity_id}</span>
                </td>
                <td>{e.action}</td>
                <td>
                  <Changes changes={e.changes} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {moreError && <ErrorState error={moreError} title="Could not load more" onRetry={loadMore} />}
      {cursor && (
        <button type="button" onClick={loadMore} disabled={loadingMore} aria-busy={loadingMore}>
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}
