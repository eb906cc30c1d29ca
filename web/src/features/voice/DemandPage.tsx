import { Link } from 'react-router-dom';

import { voiceApi } from '../../api/voice';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { canReadMarket, formatRevenue, VOICE_ENTITY_TYPES } from './voiceModel';

/**
 * Demand per epic and feature, ranked as the server ranks it: more distinct customers first,
 * then (with market.read) revenue at stake, feedback and votes.
 */
export function DemandPage({ productId }: { productId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const showRevenue = canReadMarket(roles);
  const demand = useAsync((signal) => voiceApi.demand(productId, signal), [productId]);

  useLiveEvents(
    (e) => e.product_id === productId && (VOICE_ENTITY_TYPES.has(e.entity_type) || e.entity_type === 'item'),
    () => demand.refresh(),
  );

  const base = `/products/${encodeURIComponent(productId)}`;
  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Demand">Demand</PageHeading>
        <Link to={`${base}/ideas`}>Ideas</Link>
        <Link to={`${base}/feedback`}>Feedback</Link>
      </div>
      <p className="muted">
        Epics and features by the customers behind the feedback and ideas linked to them (or to the items below
        them).
      </p>
      {demand.status === 'error' && !demand.data && (
        <ErrorState error={demand.error} title="Could not load the demand" onRetry={demand.reload} />
      )}
      {!demand.data && demand.status === 'loading' && <Loading />}
      {demand.data && demand.data.length === 0 && <p className="muted">No feedback or ideas are linked to an epic or feature yet.</p>}
      {demand.data && demand.data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Demand</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Rank
              </th>
              <th scope="col">Epic or feature</th>
              <th scope="col" className="num">
                Customers
              </th>
              {showRevenue && (
                <th scope="col" className="num">
                  Revenue at stake
                </th>
              )}
              <th scope="col" className="num">
                Feedback
              </th>
              <th scope="col" className="num">
                Votes
              </th>
              <th scope="col">Critical / important / nice to have</th>
              <th scope="col">Who</th>
            </tr>
          </thead>
          <tbody>
            {demand.data.map((d, n) => (
              <tr key={d.item?.id ?? n}>
                <td className="num">{n + 1}</td>
                <td>
                  {d.item ? (
                    <>
                      <Link className="mono" to={`${base}/items/${encodeURIComponent(d.item.key)}`}>
                        {d.item.key}
                      </Link>{' '}
                      {d.item.title} <span className="muted">({d.item.type})</span>
                    </>
                  ) : (
                    <span className="muted">Deleted item</span>
                  )}
                </td>
                <td className="num">{d.customers}</td>
                {showRevenue && <td className="num">{formatRevenue(d.revenue_at_stake)}</td>}
                <td className="num">{d.feedback_count}</td>
                <td className="num">{d.votes}</td>
                <td>
                  {d.by_importance.critical} / {d.by_importance.important} / {d.by_importance.nice_to_have}
                </td>
                <td>{d.customer_list.map((c) => c.name).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
