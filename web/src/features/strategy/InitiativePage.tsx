// One initiative: the goals it serves, owner, horizon, dates, expected outcome and status (the
// Product Manager edits them), and the work aligned to it.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { strategyApi } from '../../api/strategy';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { InitiativeForm } from './InitiativeForm';
import { StrategyNav } from './StrategyNav';
import { goalPath, InitiativeBadge, strategyBase, WorkTable } from './StrategyParts';
import { canWriteStrategy, HORIZON_LABELS, isStrategyEvent, period, productPeople } from './strategyLabels';

export function InitiativePage({ productId, initiativeId }: { productId: string; initiativeId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const canWrite = canWriteStrategy(roles);
  const initiative = useAsync((signal) => strategyApi.initiative(initiativeId, signal), [initiativeId]);
  const goals = useAsync((signal) => (canWrite ? strategyApi.goals(productId, {}, signal) : Promise.resolve([])), [productId, canWrite]);
  const product = useAsync((signal) => (canWrite ? api.getProduct(productId, signal) : Promise.resolve(null)), [productId, canWrite]);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useLiveEvents(
    (e) => isStrategyEvent(e, productId),
    () => initiative.refresh(),
  );

  if (initiative.status === 'error' && !initiative.data) {
    return <ErrorState error={initiative.error} title="Could not load the initiative" onRetry={initiative.reload} />;
  }
  if (!initiative.data) return <Loading />;
  const i = initiative.data;
  const served = i.goals ?? i.goal_ids.map((id) => ({ id, objective: id }));

  return (
    <article className="initiative-page">
      <p className="breadcrumbs">
        <Link to={strategyBase(productId)}>Strategy</Link> /{' '}
        <Link to={`${strategyBase(productId)}/initiatives`}>Initiatives</Link>
      </p>
      <div className="heading-row">
        <PageHeading title={i.name}>{i.name}</PageHeading>
        <InitiativeBadge status={i.status} />
        {canWrite && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit initiative
          </button>
        )}
        {canWrite && (
          <button
            type="button"
            onClick={() => {
              if (!window.confirm(`Delete the initiative "${i.name}"? Its items lose the link.`)) return;
              strategyApi.deleteInitiative(i.id).then(
                () => navigate(`${strategyBase(productId)}/initiatives`),
                (e) => setMessage({ kind: 'error', text: toApiError(e).message }),
              );
            }}
          >
            Delete initiative
          </button>
        )}
      </div>
      <StrategyNav productId={productId} />
      {message && (
        <p className={`alert ${message.kind === 'error' ? 'alert-error' : 'alert-ok'}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {editing && (
        <InitiativeForm
          initiative={i}
          goals={(goals.data ?? []).filter((g) => g.state === 'open' || i.goal_ids.includes(g.id))}
          people={productPeople(product.data?.roles)}
          meId={me.user.id}
          onSubmit={(input, version) => strategyApi.updateInitiative(i.id, version, input)}
          onDone={() => {
            setEditing(false);
            setMessage({ kind: 'ok', text: 'Initiative saved.' });
            initiative.refresh();
          }}
          onStale={(current) => initiative.setData((prev) => ({ ...prev, ...current }))}
          onCancel={() => setEditing(false)}
        />
      )}
      <dl className="facts">
        <dt>Goals served</dt>
        <dd>
          {served.length === 0 ? (
            <span className="muted">None</span>
          ) : (
            <ul className="plain-list">
              {served.map((g) => (
                <li key={g.id}>
                  <Link to={goalPath(productId, g.id)}>{g.objective}</Link>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Owner</dt>
        <dd>{i.owner?.name ?? <span className="muted">Nobody</span>}</dd>
        <dt>Horizon</dt>
        <dd>{i.horizon ? HORIZON_LABELS[i.horizon] : <span className="muted">—</span>}</dd>
        <dt>Dates</dt>
        <dd>{period(i.start_date, i.end_date)}</dd>
        <dt>Expected outcome</dt>
        <dd>{i.expected_outcome || <span className="muted">—</span>}</dd>
        {i.description && (
          <>
            <dt>Description</dt>
            <dd>{i.description}</dd>
          </>
        )}
      </dl>
      <section aria-labelledby="initiative-work-heading">
        <h2 id="initiative-work-heading">Linked work</h2>
        {i.work ? (
          <WorkTable
            productId={productId}
            work={i.work}
            caption="Work of this initiative"
            loadMore={(cursor) => strategyApi.initiativeWork(i.id, cursor)}
          />
        ) : (
          <p className="muted">—</p>
        )}
      </section>
    </article>
  );
}
