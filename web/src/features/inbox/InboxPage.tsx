import { useState } from 'react';
import { Link } from 'react-router-dom';

import { backlogApi } from '../../api/backlog';
import type { InboxEntry } from '../../api/backlogTypes';
import { toApiError } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useInbox } from './useInbox';

const KIND_TEXT: Record<string, string> = {
  mention: 'mentioned you',
  watch: 'changed',
  change: 'changed',
  comment: 'commented on',
};

function describe(e: InboxEntry): string {
  return e.summary ?? `${e.actor?.name ?? 'Someone'} ${KIND_TEXT[e.kind] ?? e.kind}`;
}

/** Mentions and changes to watched items, newest first; opening one marks it read. */
export function InboxPage() {
  const entries = useAsync((signal) => backlogApi.inbox(false, signal), []);
  const { refresh: refreshCount } = useInbox();
  const [error, setError] = useState<string | null>(null);
  useLiveEvents(
    (e) => e.entity_type === 'item',
    () => entries.refresh(),
  );

  async function act(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
      entries.refresh();
      refreshCount();
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Inbox">Inbox</PageHeading>
        <button type="button" onClick={() => void act(() => backlogApi.markAllRead())}>
          Mark all read
        </button>
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {entries.status === 'error' && !entries.data && (
        <ErrorState error={entries.error} title="Could not load the inbox" onRetry={entries.reload} />
      )}
      {!entries.data && entries.status === 'loading' && <Loading />}
      {entries.data && entries.data.length === 0 && <p className="muted">Nothing here yet.</p>}
      {entries.data && entries.data.length > 0 && (
        <ul className="inbox">
          {entries.data.map((e) => (
            <li key={e.id} className={e.read_at ? 'read' : 'unread'}>
              {!e.read_at && <span className="visually-hidden">Unread: </span>}
              <span className="muted">{new Date(e.created_at).toLocaleString()}</span> {describe(e)}{' '}
              {e.item && e.product_id && (
                <Link
                  to={`/products/${encodeURIComponent(e.product_id)}/items/${encodeURIComponent(e.item.key)}`}
                  onClick={() => {
                    if (!e.read_at) void act(() => backlogApi.markRead(e.id));
                  }}
                >
                  {e.item.key} {e.item.title}
                </Link>
              )}
              {!e.read_at && (
                <button type="button" className="link-like" onClick={() => void act(() => backlogApi.markRead(e.id))}>
                  Mark read
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
