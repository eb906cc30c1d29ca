import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import type { Item } from '../../api/backlogTypes';
import { ApiError, toApiError } from '../../api/client';
import { sprintApi } from '../../api/sprints';
import type { SprintDetail } from '../../api/sprintTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { CapacityEditor } from './CapacityEditor';
import { ChangeRequests } from './ChangeRequests';
import { CompleteForm } from './CompleteForm';
import { PlanningSection } from './PlanningSection';
import { SprintForm } from './SprintForm';
import { canWriteSprints, figure, formatTime, SPRINT_ENTITY_TYPES, SPRINT_STATUS_LABELS, WEEKDAYS } from './sprintModel';
import { ScopeChanges, SprintReport } from './SprintReport';

// The charts bring recharts: they load on demand, in their own chunk.
const SprintCharts = lazy(() => import('./SprintCharts'));

type Message = { kind: 'ok' | 'error'; text: string };

/** An error of a planning call, with `items.<i>` details named by the items' keys. */
export function planningError(e: unknown, keys: string[]): string {
  const err = toApiError(e);
  if (err.details.length === 0) return err.message;
  const issues = err.details.map((d) => {
    const m = /^items\.(\d+)$/.exec(d.field);
    const name = m ? (keys[Number(m[1])] ?? d.field) : d.field;
    return `${name} ${d.issue}`;
  });
  return `${err.message}: ${issues.join('; ')}`;
}

function weekdayList(days: number[]): string {
  const names = WEEKDAYS.filter(([n]) => days.includes(n)).map(([, d]) => d);
  return names.length === 5 && days.every((d) => d <= 5) ? 'Mon–Fri' : names.join(', ');
}

/** One sprint: its facts, planning against capacity, start and complete, charts and report. */
export function SprintPage({ productId, sprintId }: { productId: string; sprintId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const canWrite = canWriteSprints(roles);
  const isPO = roles.includes('product_owner');
  const sprint = useAsync((signal) => sprintApi.getSprint(sprintId, signal), [sprintId]);
  const [tick, setTick] = useState(0);
  const [message, setMessage] = useState<Message | null>(null);
  const [mode, setMode] = useState<'view' | 'edit' | 'complete' | 'delete'>('view');
  const [busy, setBusy] = useState(false);

  const bump = () => setTick((t) => t + 1);
  useLiveEvents(
    (e) => e.product_id === productId && SPRINT_ENTITY_TYPES.has(e.entity_type),
    () => {
      sprint.refresh();
      bump();
    },
  );

  const base = `/products/${encodeURIComponent(productId)}`;
  if (sprint.status === 'error' && !sprint.data) {
    return <ErrorState error={sprint.error} title="Could not load the sprint" onRetry={sprint.reload} />;
  }
  if (!sprint.data) return <Loading />;
  const s = sprint.data;

  function show(next: SprintDetail, text?: string) {
    sprint.setData(() => next);
    bump();
    if (text) setMessage({ kind: 'ok', text });
  }

  async function run(action: () => Promise<void>) {
    setMessage(null);
    setBusy(true);
    try {
      await action();
    } catch (e) {
      setMessage({ kind: 'error', text: toApiError(e).message });
      if (toApiError(e).status === 412 || toApiError(e).status === 409) sprint.refresh();
    } finally {
      setBusy(false);
    }
  }

  async function plan(kind: 'add' | 'remove', items: Item[], reason: string): Promise<boolean> {
    setMessage(null);
    const keys = items.map((i) => i.key);
    try {
      const ids = items.map((i) => i.id);
      const res = kind === 'add' ? await sprintApi.addItems(s.id, ids, reason) : await sprintApi.removeItems(s.id, ids, reason);
      if (res.sprint) {
        show(res.sprint, kind === 'add' ? `Added ${keys.join(', ')} to the sprint.` : `Removed ${keys.join(', ')} from the sprint.`);
      } else {
        bump();
        setMessage({
          kind: 'ok',
          text: `This sprint needs the Product Owner's approval: asked to ${kind} ${keys.join(', ')} (change request sent).`,
        });
      }
      return true;
    } catch (e) {
      setMessage({ kind: 'error', text: planningError(e, keys) });
      return false;
    }
  }

  const started = s.status !== 'planned';
  const unit = s.capacity_unit;

  return (
    <article className="sprint-page">
      <p className="breadcrumbs">
        <Link to={`${base}/sprints`}>Sprints</Link> / <span>{s.name}</span>
      </p>
      <div className="heading-row">
        <PageHeading title={s.name}>{s.name}</PageHeading>
        <span className={`sprint-status status-${s.status}`}>{SPRINT_STATUS_LABELS[s.status]}</span>
      </div>
      <nav aria-label="Sprint ceremonies" className="inline-form">
        <Link to={`${base}/sprints/${s.id}/review`}>Sprint review</Link>
        <Link to={`${base}/sprints/${s.id}/retro`}>Retrospective</Link>
        <Link to={`${base}/sprints/${s.id}/alignment`}>Alignment</Link>
      </nav>
      {message && (
        <p className={`alert ${message.kind === 'error' ? 'alert-error' : 'alert-ok'}`} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <dl className="facts">
        <dt>Goal</dt>
        <dd>{s.goal || <span className="muted">No goal set.</span>}</dd>
        <dt>Team</dt>
        <dd>{s.team.name ?? s.team_id}</dd>
        <dt>Dates</dt>
        <dd>
          {s.start_date} – {s.end_date} ({s.working_day_count} working day{s.working_day_count === 1 ? '' : 's'},{' '}
          {weekdayList(s.working_days)})
        </dd>
        <dt>Points</dt>
        <dd>
          {s.status === 'planned' && `${figure(s.planned_points)} planned`}
          {s.status === 'active' &&
            `${figure(s.committed_points)} committed at the start · ${figure(s.planned_points)} in the sprint now · ${figure(s.done_points)} done`}
          {s.status === 'completed' && `${figure(s.completed_points)} of ${figure(s.committed_points)} committed completed`}
        </dd>
        {s.started_at && (
          <>
            <dt>Started</dt>
            <dd>{formatTime(s.started_at)}</dd>
          </>
        )}
        {s.completed_at && (
          <>
            <dt>Completed</dt>
            <dd>{formatTime(s.completed_at)}</dd>
          </>
        )}
        <dt>Capacity unit</dt>
        <dd>{unit}</dd>
        {s.require_approval && (
          <>
            <dt>Approval</dt>
            <dd>Changes after the start need the Product Owner's approval.</dd>
          </>
        )}
      </dl>

      {canWrite && mode === 'view' && (
        <div className="inline-form sprint-actions">
          {s.status === 'planned' && (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  const next = await sprintApi.start(s.id);
                  show(next, `Sprint started: ${figure(next.committed_points)} points committed.`);
                })
              }
            >
              Start sprint
            </button>
          )}
          {s.status === 'active' && (
            <button type="button" className="primary" onClick={() => setMode('complete')}>
              Complete sprint
            </button>
          )}
          <button type="button" onClick={() => setMode('edit')}>
            Edit sprint
          </button>
          {s.status === 'planned' && (
            <button type="button" onClick={() => setMode('delete')}>
              Delete sprint
            </button>
          )}
        </div>
      )}
      {mode === 'delete' && (
        <div className="alert alert-warn" role="group" aria-label="Delete the sprint">
          <p>Delete {s.name}? Its items return to the backlog.</p>
          <div className="inline-form">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await sprintApi.deleteSprint(s.id);
                  navigate(`${base}/sprints`);
                })
              }
            >
              Delete
            </button>
            <button type="button" onClick={() => setMode('view')}>
              Keep it
            </button>
          </div>
        </div>
      )}
      {mode === 'edit' && (
        <SprintForm
          label="Edit sprint"
          submitLabel="Save sprint"
          initial={s}
          nameAndGoalOnly={s.status === 'completed'}
          onSubmit={async (input) => {
            try {
              show(await sprintApi.updateSprint(s.id, s.version, input), 'Sprint saved.');
              setMode('view');
            } catch (e) {
              if (e instanceof ApiError && e.status === 412) sprint.refresh();
              throw e;
            }
          }}
          onCancel={() => setMode('view')}
        />
      )}
      {mode === 'complete' && (
        <CompleteForm
          sprint={s}
          onCompleted={(done) => {
            setMode('view');
            show(done, `Sprint completed: ${figure(done.completed_points)} of ${figure(done.committed_points)} points done.`);
          }}
          onCancel={() => setMode('view')}
        />
      )}

      {s.status !== 'completed' && <PlanningSection sprint={s} productId={productId} canWrite={canWrite} tick={tick} onPlan={plan} />}
      <CapacityEditor sprint={s} canWrite={canWrite} onSaved={(next) => show(next, 'Capacity saved.')} />
      <ChangeRequests
        sprintId={s.id}
        productId={productId}
        isPO={isPO}
        tick={tick}
        onDecided={() => {
          sprint.refresh();
          bump();
        }}
      />
      <Suspense fallback={<Loading />}>
        <SprintCharts sprint={s} tick={tick} />
      </Suspense>
      <ScopeChanges sprint={s} productId={productId} tick={tick} />
      {started && <SprintReport sprint={s} productId={productId} tick={tick} />}
    </article>
  );
}
