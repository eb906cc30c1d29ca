// A product's initiatives with a status filter; the Product Manager creates them here.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { api } from '../../api/endpoints';
import { strategyApi } from '../../api/strategy';
import { INITIATIVE_STATUSES, type InitiativeStatus } from '../../api/strategyTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { InitiativeForm } from './InitiativeForm';
import { StrategyNav } from './StrategyNav';
import { goalPath, InitiativeBadge, initiativePath } from './StrategyParts';
import { canWriteStrategy, HORIZON_LABELS, INITIATIVE_STATUS_LABELS, isStrategyEvent, period, productPeople } from './strategyLabels';

export function InitiativesPage({ productId }: { productId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const canWrite = canWriteStrategy(roles);
  const [status, setStatus] = useState<InitiativeStatus | ''>('');
  const [creating, setCreating] = useState(false);
  const initiatives = useAsync((signal) => strategyApi.initiatives(productId, { status }, signal), [productId, status]);
  const goals = useAsync((signal) => strategyApi.goals(productId, {}, signal), [productId]);
  const product = useAsync((signal) => (canWrite ? api.getProduct(productId, signal) : Promise.resolve(null)), [productId, canWrite]);

  useLiveEvents(
    (e) => isStrategyEvent(e, productId) && e.entity_type !== 'item',
    () => {
      initiatives.refresh();
      goals.refresh();
    },
  );

  const objective = (id: string) => goals.data?.find((g) => g.id === id)?.objective ?? '…';

  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Initiatives">Initiatives</PageHeading>
        {canWrite && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New initiative
          </button>
        )}
      </div>
      <StrategyNav productId={productId} />
      {creating && (
        <InitiativeForm
          initiative={null}
          goals={(goals.data ?? []).filter((g) => g.state === 'open')}
          people={productPeople(product.data?.roles)}
          meId={me.user.id}
          onSubmit={(input) => strategyApi.createInitiative(productId, input)}
          onDone={(i) => navigate(initiativePath(productId, i.id))}
          onCancel={() => setCreating(false)}
        />
      )}
      <div className="inline-form filters" role="group" aria-label="Filters">
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as InitiativeStatus | '')}>
            <option value="">All</option>
            {INITIATIVE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {INITIATIVE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {initiatives.status === 'error' && !initiatives.data && (
        <ErrorState error={initiatives.error} title="Could not load the initiatives" onRetry={initiatives.reload} />
      )}
      {!initiatives.data && initiatives.status === 'loading' && <Loading />}
      {initiatives.data && initiatives.data.length === 0 && <p className="muted">No initiatives match.</p>}
      {initiatives.data && initiatives.data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Initiatives</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Goals</th>
              <th scope="col">Owner</th>
              <th scope="col">Horizon</th>
              <th scope="col">Dates</th>
            </tr>
          </thead>
          <tbody>
            {initiatives.data.map((i) => (
              <tr key={i.id}>
                <td>
                  <Link to={initiativePath(productId, i.id)}>{i.name}</Link>
                </td>
                <td>
                  <InitiativeBadge status={i.status} />
                </td>
                <td>
                  {i.goal_ids.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    i.goal_ids.map((gid, n) => (
                      <span key={gid}>
                        {n > 0 && ', '}
                        <Link to={goalPath(productId, gid)}>{i.goals?.find((g) => g.id === gid)?.objective ?? objective(gid)}</Link>
                      </span>
                    ))
                  )}
                </td>
                <td>{i.owner?.name ?? <span className="muted">—</span>}</td>
                <td>{i.horizon ? HORIZON_LABELS[i.horizon] : <span className="muted">—</span>}</td>
                <td>{period(i.start_date, i.end_date)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
