// The Product Manager's strategy home: the vision, the progress of the open goals against the
// time elapsed, and the initiatives at a glance by status.
import { Link } from 'react-router-dom';

import { strategyApi } from '../../api/strategy';
import { INITIATIVE_STATUSES, type Goal, type Initiative } from '../../api/strategyTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { StrategyNav } from './StrategyNav';
import { GoalBadge, goalPath, InitiativeBadge, initiativePath, ProgressBar, strategyBase } from './StrategyParts';
import { canWriteStrategy, HORIZON_LABELS, INITIATIVE_STATUS_LABELS, isStrategyEvent, period } from './strategyLabels';
import { VisionSection } from './VisionSection';

function GoalProgress({ productId, goals }: { productId: string; goals: Goal[] }) {
  const open = goals.filter((g) => g.state === 'open');
  return (
    <section className="card" aria-labelledby="goal-progress-heading">
      <div className="heading-row">
        <h2 id="goal-progress-heading">Goal progress</h2>
        <Link to={`${strategyBase(productId)}/goals`}>All goals</Link>
      </div>
      {open.length === 0 ? (
        <p className="muted">No open goals.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Open goals</caption>
          <thead>
            <tr>
              <th scope="col">Objective</th>
              <th scope="col">Horizon</th>
              <th scope="col">Progress</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {open.map((g) => (
              <tr key={g.id}>
                <td>
                  <Link to={goalPath(productId, g.id)}>{g.objective}</Link>
                </td>
                <td>
                  {HORIZON_LABELS[g.horizon]} <span className="muted">{period(g.start_date, g.end_date)}</span>
                </td>
                <td>
                  <ProgressBar progress={g.progress} expected={g.expected} label={`Progress of ${g.objective}`} />
                </td>
                <td>
                  <GoalBadge goal={g} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function InitiativesGlance({ productId, initiatives, goals }: { productId: string; initiatives: Initiative[]; goals: Goal[] }) {
  const objective = (id: string) => goals.find((g) => g.id === id)?.objective ?? id;
  const groups = INITIATIVE_STATUSES.map((s) => ({ status: s, list: initiatives.filter((i) => i.status === s) })).filter(
    (g) => g.list.length > 0,
  );
  return (
    <section className="card" aria-labelledby="initiatives-heading">
      <div className="heading-row">
        <h2 id="initiatives-heading">Initiatives</h2>
        <Link to={`${strategyBase(productId)}/initiatives`}>All initiatives</Link>
      </div>
      {groups.length === 0 && <p className="muted">No initiatives yet.</p>}
      {groups.map(({ status, list }) => (
        <section key={status} aria-label={INITIATIVE_STATUS_LABELS[status]} className="initiative-group">
          <h3>
            {INITIATIVE_STATUS_LABELS[status]} <span className="muted">({list.length})</span>
          </h3>
          <ul className="plain-list">
            {list.map((i) => (
              <li key={i.id}>
                <Link to={initiativePath(productId, i.id)}>{i.name}</Link> <InitiativeBadge status={i.status} />
                {(i.start_date || i.end_date) && <span className="muted"> {period(i.start_date, i.end_date)}</span>}
                {i.goal_ids.length > 0 && (
                  <span className="muted"> · serves {i.goal_ids.map(objective).join(', ')}</span>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

export function StrategyPage({ productId }: { productId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const canWrite = canWriteStrategy(roles);
  const vision = useAsync((signal) => strategyApi.vision(productId, signal), [productId]);
  const goals = useAsync((signal) => strategyApi.goals(productId, {}, signal), [productId]);
  const initiatives = useAsync((signal) => strategyApi.initiatives(productId, {}, signal), [productId]);

  useLiveEvents(
    (e) => isStrategyEvent(e, productId),
    (events) => {
      if (events.some((e) => e.entity_type === 'vision')) vision.refresh();
      goals.refresh();
      initiatives.refresh();
    },
  );

  return (
    <section className="strategy-page">
      <PageHeading title="Strategy">Strategy</PageHeading>
      <StrategyNav productId={productId} />
      {vision.status === 'error' && !vision.data && (
        <ErrorState error={vision.error} title="Could not load the vision" onRetry={vision.reload} />
      )}
      {!vision.data && vision.status === 'loading' && <Loading />}
      {vision.data && (
        <VisionSection productId={productId} vision={vision.data} canEdit={canWrite} onChange={(v) => vision.setData(() => v)} />
      )}
      {goals.status === 'error' && !goals.data && (
        <ErrorState error={goals.error} title="Could not load the goals" onRetry={goals.reload} />
      )}
      {goals.data && <GoalProgress productId={productId} goals={goals.data} />}
      {initiatives.status === 'error' && !initiatives.data && (
        <ErrorState error={initiatives.error} title="Could not load the initiatives" onRetry={initiatives.reload} />
      )}
      {initiatives.data && <InitiativesGlance productId={productId} initiatives={initiatives.data} goals={goals.data ?? []} />}
    </section>
  );
}
