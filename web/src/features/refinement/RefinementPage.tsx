import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { backlogApi } from '../../api/backlog';
import { toApiError } from '../../api/client';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { BACKLOG_ENTITY_TYPES, flagLabel, formatPoints, typeLabel } from '../backlog/itemLabels';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';

/** The items still to refine (flagged or not ready), in rank order, with quick actions. */
export function RefinementPage({ productId }: { productId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const canStart = roles.includes('product_owner') || roles.includes('scrum_master');
  const items = useAsync((signal) => backlogApi.refinement(productId, signal), [productId]);
  const [error, setError] = useState<string | null>(null);

  useLiveEvents(
    (e) => e.product_id === productId && BACKLOG_ENTITY_TYPES.has(e.entity_type),
    () => items.refresh(),
  );

  const base = `/products/${encodeURIComponent(productId)}`;

  async function estimate(itemId: string) {
    setError(null);
    try {
      const round = await backlogApi.startPoker(itemId);
      navigate(`${base}/poker/${encodeURIComponent(round.id)}`);
    } catch (e) {
      const err = toApiError(e);
      if (err.status === 409) {
        // A round is already open: join it.
        try {
          const open = await backlogApi.latestPoker(itemId);
          navigate(`${base}/poker/${encodeURIComponent(open.id)}`);
          return;
        } catch {
          /* fall through to the message */
        }
      }
      setError(err.message);
    }
  }

  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Refinement">Refinement queue</PageHeading>
        <Link to={`${base}/backlog`}>Backlog</Link>
      </div>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {items.status === 'error' && !items.data && (
        <ErrorState error={items.error} title="Could not load the refinement queue" onRetry={items.reload} />
      )}
      {!items.data && items.status === 'loading' && <Loading />}
      {items.data && items.data.length === 0 && <p className="muted">Nothing to refine: every item is ready.</p>}
      {items.data && items.data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Items to refine</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Type</th>
              <th scope="col">Title</th>
              <th scope="col">Points</th>
              <th scope="col">Flags</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {items.data.map((i) => (
              <tr key={i.id}>
                <td className="mono">{i.key}</td>
                <td>{typeLabel(i.type)}</td>
                <td>
                  <Link to={`${base}/items/${encodeURIComponent(i.key)}`}>{i.title}</Link>
                </td>
                <td>{formatPoints(i.points)}</td>
                <td>
                  {i.flags.map((f) => (
                    <span key={f} className={`flag flag-${f}`}>
                      {flagLabel(f)}
                    </span>
                  ))}
                  {!i.ready && <span className="flag">Not ready</span>}
                </td>
                <td>
                  {canStart && (
                    <button type="button" onClick={() => void estimate(i.id)} aria-label={`Estimate ${i.key}`}>
                      Estimate
                    </button>
                  )}{' '}
                  <Link to={`${base}/items/${encodeURIComponent(i.key)}`} aria-label={`Open ${i.key}`}>
                    Open
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
