// An item's alignment: for epics and features, the PM and PO pick the goal or initiative it
// serves (PATCH goal_id / initiative_id); for every item, its trace up to the vision
// (GET /items/{id}/trace) as a breadcrumb tree: vision, goals, initiative, then the item chain.
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';

import type { Item, ItemChanges } from '../../api/backlogTypes';
import { strategyApi } from '../../api/strategy';
import type { Trace } from '../../api/strategyTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/useAsync';
import { goalPath, GoalBadge, initiativePath, InitiativeBadge, itemPath, strategyBase } from '../strategy/StrategyParts';

export function TraceTree({ productId, trace }: { productId: string; trace: Trace }) {
  // Top-down: the epic first, the item itself last.
  const chain = [...trace.chain].reverse();
  const items = (
    <ul className="trace-level">
      {chain.reduceRight<ReactNode>(
        (inner, it) => (
          <li key={it.id}>
            <span className={`type type-${it.type}`}>{it.type}</span>{' '}
            <Link className="mono" to={itemPath(productId, it.key)}>
              {it.key}
            </Link>{' '}
            {it.title}
            {trace.aligned_by?.id === it.id && <span className="muted"> (aligned here)</span>}
            {inner && <ul className="trace-level">{inner}</ul>}
          </li>
        ),
        null,
      )}
    </ul>
  );
  const withInitiative = trace.initiative ? (
    <ul className="trace-level">
      <li>
        Initiative <Link to={initiativePath(productId, trace.initiative.id)}>{trace.initiative.name}</Link>{' '}
        <InitiativeBadge status={trace.initiative.status} />
        {items}
      </li>
    </ul>
  ) : (
    items
  );
  const withGoals =
    trace.goals.length > 0 ? (
      <ul className="trace-level">
        {trace.goals.map((g) => (
          <li key={g.id}>
            Goal <Link to={goalPath(productId, g.id)}>{g.objective}</Link> <GoalBadge goal={g} />
            {withInitiative}
          </li>
        ))}
      </ul>
    ) : (
      withInitiative
    );
  return (
    <nav className="trace-tree" aria-label="Trace to the vision">
      <ul className="trace-level">
        <li>
          <Link to={strategyBase(productId)}>Vision</Link>
          {trace.vision?.statement ? <span className="muted">: {trace.vision.statement}</span> : <span className="muted"> (not written)</span>}
          {withGoals}
        </li>
      </ul>
      {!trace.aligned_by && <p className="muted">Not aligned: no item of this chain names a goal or an initiative.</p>}
    </nav>
  );
}

export function ItemAlignment({
  productId,
  item,
  canEdit,
  onSave,
}: {
  productId: string;
  item: Item;
  canEdit: boolean;
  onSave: (changes: ItemChanges) => Promise<boolean>;
}) {
  const id = useId();
  const editable = canEdit && (item.type === 'epic' || item.type === 'feature');
  const trace = useAsync((signal) => strategyApi.trace(item.id, signal), [item.id, item.version]);
  const goals = useAsync((signal) => (editable ? strategyApi.goals(productId, {}, signal) : Promise.resolve([])), [productId, editable]);
  const initiatives = useAsync(
    (signal) => (editable ? strategyApi.initiatives(productId, {}, signal) : Promise.resolve([])),
    [productId, editable],
  );

  return (
    <section aria-labelledby={`${id}-heading`} className="card item-alignment">
      <h2 id={`${id}-heading`}>Alignment</h2>
      {editable && (
        <div className="inline-form">
          <label htmlFor={`${id}-goal`}>Goal</label>
          <select
            id={`${id}-goal`}
            value={item.goal_id ?? ''}
            onChange={(e) => void onSave({ goal_id: e.target.value || null })}
          >
            <option value="">None</option>
            {(goals.data ?? [])
              .filter((g) => g.state === 'open' || g.id === item.goal_id)
              .map((g) => (
                <option key={g.id} value={g.id}>
                  {g.objective}
                </option>
              ))}
            {item.goal_id && !goals.data?.some((g) => g.id === item.goal_id) && (
              <option value={item.goal_id}>{item.goal?.objective ?? item.goal_id}</option>
            )}
          </select>
          <label htmlFor={`${id}-initiative`}>Initiative</label>
          <select
            id={`${id}-initiative`}
            value={item.initiative_id ?? ''}
            onChange={(e) => void onSave({ initiative_id: e.target.value || null })}
          >
            <option value="">None</option>
            {(initiatives.data ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
            {item.initiative_id && !initiatives.data?.some((i) => i.id === item.initiative_id) && (
              <option value={item.initiative_id}>{item.initiative?.name ?? item.initiative_id}</option>
            )}
          </select>
        </div>
      )}
      {trace.status === 'error' && !trace.data && (
        <ErrorState error={trace.error} title="Could not load the trace" onRetry={trace.reload} />
      )}
      {!trace.data && trace.status === 'loading' && <Loading />}
      {trace.data && <TraceTree productId={productId} trace={trace.data} />}
    </section>
  );
}
