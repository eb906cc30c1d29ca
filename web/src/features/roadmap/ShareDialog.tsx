import { useState } from 'react';

import { toApiError } from '../../api/client';
import { roadmapApi, type RoadmapShare } from '../../api/roadmap';
import { useAsync } from '../../components/useAsync';

function when(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The PM's published read-only links: create one (its address is shown once, since only a hash
 * of its token is kept) and revoke any.
 */
export function ShareDialog({ productId, onClose }: { productId: string; onClose: () => void }) {
  const shares = useAsync((signal) => roadmapApi.listShares(productId, signal), [productId]);
  const [created, setCreated] = useState<RoadmapShare | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create() {
    setError(null);
    try {
      setCreated(await roadmapApi.createShare(productId));
      shares.refresh();
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  async function revoke(id: string) {
    setError(null);
    try {
      await roadmapApi.revokeShare(id);
      if (created?.id === id) setCreated(null);
      shares.refresh();
    } catch (e) {
      setError(toApiError(e).message);
    }
  }

  const address = created?.url ? `${window.location.origin}${created.url}` : null;

  return (
    <div className="card share-dialog no-print" role="dialog" aria-label="Share the roadmap">
      <h2>Share the roadmap</h2>
      <p className="muted">
        A published link shows this roadmap read-only to anyone who has it, without signing in: initiatives, goals,
        dates and releases, never descriptions or revenue.
      </p>
      <div className="inline-form">
        <button type="button" className="primary" onClick={() => void create()}>
          Create link
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {address && (
        <p role="status">
          New link (copy it now, it is shown only once):{' '}
          <a href={address} className="mono" data-testid="share-url">
            {address}
          </a>
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {shares.data && shares.data.length === 0 && <p className="muted">No published links.</p>}
      {shares.data && shares.data.length > 0 && (
        <ul className="share-list">
          {shares.data.map((s) => (
            <li key={s.id}>
              Link created {when(s.created_at)}
              {s.created_by ? ` by ${s.created_by.name}` : ''}{' '}
              <button type="button" aria-label={`Revoke link created ${when(s.created_at)}`} onClick={() => void revoke(s.id)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
