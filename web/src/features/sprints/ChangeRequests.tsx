import { useId, useState } from 'react';
import { Link } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { sprintApi } from '../../api/sprints';
import type { ChangeRequest } from '../../api/sprintTypes';
import { ErrorState } from '../../components/ErrorState';
import { useAsync } from '../../components/useAsync';
import { formatTime } from './sprintModel';

const STATUS_LABELS = { open: 'Open', accepted: 'Accepted', rejected: 'Rejected' } as const;

interface Props {
  sprintId: string;
  productId: string;
  /** Only the Product Owner accepts or rejects. */
  isPO: boolean;
  tick: number;
  onDecided: () => void;
}

function OpenRequest({ request, isPO, onDecided }: { request: ChangeRequest; isPO: boolean; onDecided: () => void }) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = request.item.key ?? request.item.title;

  async function decide(accept: boolean) {
    setError(null);
    setBusy(true);
    try {
      await sprintApi.decide(request.id, accept, note);
      onDecided();
    } catch (err) {
      setError(toApiError(err).message);
    } finally {
      setBusy(false);
    }
  }

  if (!isPO) return null;
  return (
    <div className="inline-form">
      <input
        value={note}
        onChange={(e) => setNote(e.target.value)}
        aria-label={`Note on the request for ${label}`}
        placeholder="Note (optional)"
        maxLength={10_000}
      />
      <button type="button" className="primary" disabled={busy} onClick={() => void decide(true)} aria-label={`Accept the request for ${label}`}>
        Accept
      </button>
      <button type="button" disabled={busy} onClick={() => void decide(false)} aria-label={`Reject the request for ${label}`}>
        Reject
      </button>
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** Requests to change an approval sprint's scope: who asked, when and why; the PO decides. */
export function ChangeRequests({ sprintId, productId, isPO, tick, onDecided }: Props) {
  const id = useId();
  const requests = useAsync((signal) => sprintApi.changeRequests(sprintId, undefined, signal), [sprintId, tick]);
  if (requests.status === 'error' && !requests.data) {
    return <ErrorState error={requests.error} title="Could not load the change requests" onRetry={requests.reload} />;
  }
  const list = requests.data ?? [];
  if (list.length === 0) return null;
  const open = list.filter((r) => r.status === 'open');
  const decided = list.filter((r) => r.status !== 'open');
  const itemPath = (key: string) => `/products/${encodeURIComponent(productId)}/items/${encodeURIComponent(key)}`;

  return (
    <section aria-labelledby={`${id}-heading`} className="change-requests">
      <h2 id={`${id}-heading`}>Change requests</h2>
      {open.length === 0 && <p className="muted">No open request.</p>}
      <ul className="request-list">
        {[...open, ...decided].map((r) => (
          <li key={r.id} className={`request request-${r.status}`}>
            <p>
              <span className={`flag request-status-${r.status}`}>{STATUS_LABELS[r.status]}</span>{' '}
              <strong>{r.kind === 'add' ? 'Add' : 'Remove'}</strong>{' '}
              {r.item.key ? <Link to={itemPath(r.item.key)}>{r.item.key}</Link> : null} {r.item.title}
              {r.item.points !== undefined && r.item.points !== null ? ` (${r.item.points} points)` : ''}
            </p>
            <p className="muted">
              Asked by {r.requested_by_name ?? 'someone'} on {formatTime(r.requested_at)}
              {r.reason ? `: “${r.reason}”` : ''}
            </p>
            {r.status !== 'open' && (
              <p className="muted">
                {STATUS_LABELS[r.status]} by {r.decided_by_name ?? 'someone'} on {formatTime(r.decided_at)}
                {r.note ? `: “${r.note}”` : ''}
              </p>
            )}
            {r.status === 'open' && <OpenRequest request={r} isPO={isPO} onDecided={onDecided} />}
          </li>
        ))}
      </ul>
    </section>
  );
}
