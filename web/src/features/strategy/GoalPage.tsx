// One goal: its figures, key results with check-ins (the Product Manager records them here and
// the progress moves at once), progress over time, the initiatives serving it and the work below.
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { strategyApi } from '../../api/strategy';
import type { Goal, KeyResult } from '../../api/strategyTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { EMPTY_KR, GoalForm, KeyResultFields, krInput, type KrDraft } from './GoalForm';
import { ProgressChart } from './ProgressChart';
import { StrategyNav } from './StrategyNav';
import { GoalBadge, InitiativeBadge, initiativePath, ProgressBar, strategyBase, WorkTable } from './StrategyParts';
import {
  canWriteStrategy,
  GOAL_STATE_LABELS,
  HORIZON_LABELS,
  isStrategyEvent,
  num,
  percent,
  period,
  productPeople,
  todayUtc,
  withUnit,
} from './strategyLabels';

/** The goal with one key result replaced; its progress is the mean of its key results'. */
export function withKeyResult(goal: Goal, kr: KeyResult): Goal {
  const key_results = goal.key_results.map((k) => (k.id === kr.id ? kr : k));
  const progress = key_results.length === 0 ? null : key_results.reduce((s, k) => s + k.progress, 0) / key_results.length;
  return { ...goal, key_results, progress };
}

function CheckInForm({ kr, onDone }: { kr: KeyResult; onDone: (kr: KeyResult) => void }) {
  const [value, setValue] = useState('');
  const [date, setDate] = useState(todayUtc());
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    setBusy(true);
    try {
      const answer = await strategyApi.checkIn(kr.id, {
        value: value.trim() === '' ? Number.NaN : Number(value),
        ...(date ? { date } : {}),
        note,
      });
      setValue('');
      setNote('');
      onDone(answer.key_result);
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form check-in-form" aria-label={`Check in ${kr.title}`} onSubmit={submit} noValidate>
      <label>
        Value{kr.unit ? ` (${kr.unit})` : ''}{' '}
        <input type="number" step="any" required value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <label>
        Date <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label>
        Note <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={busy}>
        Check in
      </button>
      {(errors.value || errors.date || errors.note || error) && (
        <span className="field-error" role="alert">
          {errors.value ?? errors.date ?? errors.note ?? error}
        </span>
      )}
    </form>
  );
}

function KeyResultCard({
  kr,
  canWrite,
  onChanged,
  onRemoved,
}: {
  kr: KeyResult;
  canWrite: boolean;
  onChanged: (kr: KeyResult) => void;
  onRemoved: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const checkIns = [...kr.check_ins].reverse();
  return (
    <section className="card key-result" aria-label={`Key result ${kr.title}`}>
      <div className="heading-row">
        <h3>{kr.title}</h3>
        {canWrite && (
          <button
            type="button"
            className="link-button"
            onClick={() => {
              if (!window.confirm(`Delete the key result "${kr.title}" and its check-ins?`)) return;
              strategyApi.deleteKeyResult(kr.id).then(onRemoved, (e) => setError(toApiError(e).message));
            }}
          >
            Delete key result
          </button>
        )}
      </div>
      <p>
        {kr.metric}: {withUnit(kr.baseline, kr.unit)} → {withUnit(kr.target, kr.unit)} · now{' '}
        <strong>{withUnit(kr.current, kr.unit)}</strong>
      </p>
      <ProgressBar progress={kr.progress} label={`Progress of ${kr.title}`} />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {canWrite && <CheckInForm kr={kr} onDone={onChanged} />}
      <details className="check-ins" open={checkIns.length > 0 && checkIns.length <= 5}>
        <summary>
          Check-ins ({checkIns.length})
        </summary>
        {checkIns.length === 0 ? (
          <p className="muted">No check-ins yet.</p>
        ) : (
          <table className="table compact">
            <caption className="visually-hidden">Check-ins of {kr.title}</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Value</th>
                <th scope="col">Note</th>
                <th scope="col">By</th>
                {canWrite && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {checkIns.map((c) => (
                <tr key={c.id}>
                  <td>{c.date}</td>
                  <td>{withUnit(c.value, kr.unit)}</td>
                  <td>{c.note || <span className="muted">—</span>}</td>
                  <td>{c.by?.name ?? '—'}</td>
                  {canWrite && (
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Delete the check-in of ${c.date}`}
                        onClick={() =>
                          strategyApi.deleteCheckIn(c.id).then(
                            () => onChanged({ ...kr, check_ins: kr.check_ins.filter((x) => x.id !== c.id) }),
                            (e) => setError(toApiError(e).message),
                          )
                        }
                      >
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </section>
  );
}

function NewKeyResult({ goalId, onAdded, onCancel }: { goalId: string; onAdded: () => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<KrDraft>({ ...EMPTY_KR });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    try {
      await strategyApi.addKeyResult(goalId, krInput(draft));
      onAdded();
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.message);
    }
  }
  return (
    <form className="card form-grid" aria-label="New key result" onSubmit={submit} noValidate>
      <KeyResultFields draft={draft} onChange={setDraft} errors={errors} prefix="" legend="New key result" />
      {error && Object.keys(errors).length === 0 && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          Add key result
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function GoalPage({ productId, goalId }: { productId: string; goalId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const canWrite = canWriteStrategy(roles);
  const goal = useAsync((signal) => strategyApi.goal(goalId, signal), [goalId]);
  const product = useAsync((signal) => (canWrite ? api.getProduct(productId, signal) : Promise.resolve(null)), [productId, canWrite]);
  const [editing, setEditing] = useState(false);
  const [addingKr, setAddingKr] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  useLiveEvents(
    (e) => isStrategyEvent(e, productId),
    () => goal.refresh(),
  );

  if (goal.status === 'error' && !goal.data) {
    return <ErrorState error={goal.error} title="Could not load the goal" onRetry={goal.reload} />;
  }
  if (!goal.data) return <Loading />;
  const g = goal.data;

  return (
    <article className="goal-page">
      <p className="breadcrumbs">
        <Link to={strategyBase(productId)}>Strategy</Link> / <Link to={`${strategyBase(productId)}/goals`}>Goals</Link>
      </p>
      <div className="heading-row">
        <PageHeading title={g.objective}>{g.objective}</PageHeading>
        <GoalBadge goal={g} />
        {canWrite && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit goal
          </button>
        )}
        {canWrite && (
          <button
            type="button"
            onClick={() => {
              if (!window.confirm(`Delete the goal "${g.objective}"? Its key results and check-ins go with it.`)) return;
              strategyApi.deleteGoal(g.id).then(
                () => navigate(`${strategyBase(productId)}/goals`),
                (e) => setMessage({ kind: 'error', text: toApiError(e).message }),
              );
            }}
          >
            Delete goal
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
        <GoalForm
          goal={g}
          meId={me.user.id}
          people={productPeople(product.data?.roles)}
          onSubmit={(input, version) => strategyApi.updateGoal(g.id, version, input)}
          onDone={() => {
            setEditing(false);
            setMessage({ kind: 'ok', text: 'Goal saved.' });
            goal.refresh();
          }}
          onStale={(current) => goal.setData((prev) => ({ ...prev, ...current }))}
          onCancel={() => setEditing(false)}
        />
      )}
      <dl className="facts">
        <dt>Horizon</dt>
        <dd>{HORIZON_LABELS[g.horizon]}</dd>
        <dt>Period</dt>
        <dd>{period(g.start_date, g.end_date)}</dd>
        <dt>Owner</dt>
        <dd>{g.owner?.name ?? <span className="muted">Nobody</span>}</dd>
        <dt>State</dt>
        <dd>{GOAL_STATE_LABELS[g.state]}</dd>
        <dt>Progress</dt>
        <dd>
          <ProgressBar progress={g.progress} expected={g.state === 'open' ? g.expected : undefined} label="Goal progress" />
        </dd>
        {g.description && (
          <>
            <dt>Description</dt>
            <dd>{g.description}</dd>
          </>
        )}
      </dl>

      <section aria-labelledby="kr-heading">
        <div className="heading-row">
          <h2 id="kr-heading">Key results</h2>
          {canWrite && !addingKr && (
            <button type="button" onClick={() => setAddingKr(true)}>
              Add a key result
            </button>
          )}
        </div>
        {addingKr && (
          <NewKeyResult
            goalId={g.id}
            onAdded={() => {
              setAddingKr(false);
              goal.refresh();
            }}
            onCancel={() => setAddingKr(false)}
          />
        )}
        {g.key_results.length === 0 && <p className="muted">No key results yet: the goal has no progress.</p>}
        {g.key_results.map((kr) => (
          <KeyResultCard
            key={kr.id}
            kr={kr}
            canWrite={canWrite}
            onChanged={(next) => {
              goal.setData((prev) => withKeyResult(prev, next));
              goal.refresh();
            }}
            onRemoved={() => goal.refresh()}
          />
        ))}
      </section>

      <ProgressChart history={g.progress_history ?? []} />

      <section aria-labelledby="goal-initiatives-heading">
        <h2 id="goal-initiatives-heading">Initiatives serving this goal</h2>
        {(g.initiatives ?? []).length === 0 ? (
          <p className="muted">No initiative serves this goal.</p>
        ) : (
          <ul className="plain-list">
            {(g.initiatives ?? []).map((i) => (
              <li key={i.id}>
                <Link to={initiativePath(productId, i.id)}>{i.name}</Link> <InitiativeBadge status={i.status} />
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="goal-work-heading">
        <h2 id="goal-work-heading">Work below this goal</h2>
        {g.work ? (
          <WorkTable
            productId={productId}
            work={g.work}
            caption="Work below this goal"
            loadMore={(cursor) => strategyApi.goalWork(g.id, cursor)}
          />
        ) : (
          <p className="muted">—</p>
        )}
      </section>
      <p className="muted">
        Expected progress today {percent(g.expected)} · {g.key_results.length} key result{g.key_results.length === 1 ? '' : 's'} ·
        version {num(g.version)}
      </p>
    </article>
  );
}
