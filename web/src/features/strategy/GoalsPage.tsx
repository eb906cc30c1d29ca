// A product's goals (OKRs) with horizon and state filters; the Product Manager creates goals
// with their key results here.
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { api } from '../../api/endpoints';
import { strategyApi } from '../../api/strategy';
import { GOAL_STATES, HORIZONS, type GoalState, type Horizon } from '../../api/strategyTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { GoalForm } from './GoalForm';
import { StrategyNav } from './StrategyNav';
import { GoalBadge, goalPath, ProgressBar } from './StrategyParts';
import { canWriteStrategy, GOAL_STATE_LABELS, HORIZON_LABELS, isStrategyEvent, period, productPeople } from './strategyLabels';

export function GoalsPage({ productId }: { productId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const canWrite = canWriteStrategy(roles);
  const [horizon, setHorizon] = useState<Horizon | ''>('');
  const [state, setState] = useState<GoalState | ''>('');
  const [creating, setCreating] = useState(false);
  const goals = useAsync((signal) => strategyApi.goals(productId, { horizon, state }, signal), [productId, horizon, state]);
  const product = useAsync((signal) => (canWrite ? api.getProduct(productId, signal) : Promise.resolve(null)), [productId, canWrite]);

  useLiveEvents(
    (e) => isStrategyEvent(e, productId) && e.entity_type !== 'item',
    () => goals.refresh(),
  );

  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Goals">Goals</PageHeading>
        {canWrite && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New goal
          </button>
        )}
      </div>
      <StrategyNav productId={productId} />
      {creating && (
        <GoalForm
          goal={null}
          meId={me.user.id}
          people={productPeople(product.data?.roles)}
          onSubmit={(input) => strategyApi.createGoal(productId, input)}
          onDone={(g) => navigate(goalPath(productId, g.id))}
          onCancel={() => setCreating(false)}
        />
      )}
      <div className="inline-form filters" role="group" aria-label="Filters">
        <label>
          Horizon{' '}
          <select value={horizon} onChange={(e) => setHorizon(e.target.value as Horizon | '')}>
            <option value="">All</option>
            {HORIZONS.map((h) => (
              <option key={h} value={h}>
                {HORIZON_LABELS[h]}
              </option>
            ))}
          </select>
        </label>
        <label>
          State{' '}
          <select value={state} onChange={(e) => setState(e.target.value as GoalState | '')}>
            <option value="">All</option>
            {GOAL_STATES.map((s) => (
              <option key={s} value={s}>
                {GOAL_STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {goals.status === 'error' && !goals.data && (
        <ErrorState error={goals.error} title="Could not load the goals" onRetry={goals.reload} />
      )}
      {!goals.data && goals.status === 'loading' && <Loading />}
      {goals.data && goals.data.length === 0 && <p className="muted">No goals match.</p>}
      {goals.data && goals.data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Goals</caption>
          <thead>
            <tr>
              <th scope="col">Objective</th>
              <th scope="col">Horizon</th>
              <th scope="col">Period</th>
              <th scope="col">Owner</th>
              <th scope="col">Key results</th>
              <th scope="col">Progress</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {goals.data.map((g) => (
              <tr key={g.id}>
                <td>
                  <Link to={goalPath(productId, g.id)}>{g.objective}</Link>
                </td>
                <td>{HORIZON_LABELS[g.horizon]}</td>
                <td>{period(g.start_date, g.end_date)}</td>
                <td>{g.owner?.name ?? <span className="muted">—</span>}</td>
                <td>{g.key_results.length}</td>
                <td>
                  <ProgressBar
                    progress={g.progress}
                    expected={g.state === 'open' ? g.expected : undefined}
                    label={`Progress of ${g.objective}`}
                  />
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
