// A product's prioritisation: the items in the order a model suggests beside the Product Owner's
// manual rank, disagreements flagged in words (not colour alone), an editor for an item's inputs
// (PM and PO), the scorecards' editor (PM), and for value vs effort the 2×2 chart with its data
// as a table.
import { useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import {
  CartesianGrid,
  Label,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';

import { toApiError } from '../../api/client';
import { prioritisationApi, type RankedItem, type Scorecard } from '../../api/prioritisation';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { canWriteStrategy } from '../strategy/strategyLabels';
import {
  BUILTIN_MODELS,
  chartPoints,
  fieldError,
  fieldsOf,
  formatScore,
  formValues,
  inputsFromForm,
  isScorecard,
  QUADRANT_LABELS,
  quadrantSummary,
  type ChartPoint,
} from './prioritisationModel';
import { ScorecardEditor } from './ScorecardEditor';

const LIVE_TYPES = new Set(['item_score', 'scorecard', 'item']);
const TYPES = ['epic', 'feature', 'story', 'bug'];

function ScoreEditor({
  item,
  model,
  card,
  onSaved,
  onCancel,
}: {
  item: RankedItem;
  model: string;
  card: Scorecard | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const fields = fieldsOf(model, card);
  const [values, setValues] = useState<Record<string, string>>(() => formValues(model, item.inputs));
  const [issues, setIssues] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setIssues({});
    setError(null);
    setSaving(true);
    try {
      await prioritisationApi.putScore(item.key, model, inputsFromForm(model, fields, values));
      onSaved();
    } catch (err) {
      const apiErr = toApiError(err);
      setIssues(apiErr.issuesByField());
      setError(apiErr.message);
    } finally {
      setSaving(false);
    }
  }

  async function onRemove() {
    setError(null);
    try {
      await prioritisationApi.deleteScore(item.key, model);
      onSaved();
    } catch (err) {
      setError(toApiError(err).message);
    }
  }

  return (
    <form className="card form-grid" aria-label={`Score ${item.key}`} onSubmit={onSubmit} noValidate>
      <h2>
        {item.key} {item.title}
      </h2>
      {fields.map((f) => {
        const problem = fieldError(model, issues, f.key);
        return (
          <label className="field" key={f.key}>
            {f.label}{' '}
            {f.kind === 'choice' ? (
              <select value={values[f.key] ?? ''} onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}>
                <option value="">Choose…</option>
                {f.options!.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input
                type="number"
                value={values[f.key] ?? ''}
                min={f.min}
                max={f.max}
                step={f.step}
                onChange={(e) => setValues({ ...values, [f.key]: e.target.value })}
              />
            )}
            {f.hint && <span className="muted"> {f.hint}</span>}
            {problem && <span className="field-error">{problem}</span>}
          </label>
        );
      })}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary" disabled={saving}>
          Save score
        </button>
        {item.score !== null && (
          <button type="button" onClick={() => void onRemove()}>
            Remove score
          </button>
        )}
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const QUADRANT_COLORS = { quick_win: '#1d7a3a', big_bet: '#1f4e79', fill_in: '#8a96a3', time_sink: '#b35c00' };

function ValueEffortChart({ points }: { points: ChartPoint[] }) {
  const id = useId();
  const summary = quadrantSummary(points);
  return (
    <figure className="sprint-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        Value vs effort
      </figcaption>
      <div className="chart-canvas" role="img" aria-label="Value vs effort chart" aria-describedby={`${id}-summary`}>
        <ScatterChart width={520} height={360} margin={{ top: 16, right: 24, bottom: 32, left: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="effort" domain={[0, 10]} ticks={[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}>
            <Label value="Effort" position="bottom" />
          </XAxis>
          <YAxis type="number" dataKey="value" domain={[0, 10]} ticks={[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}>
            <Label value="Value" angle={-90} position="insideLeft" />
          </YAxis>
          <ZAxis type="category" dataKey="key" name="Item" />
          <ReferenceLine x={5.5} stroke="#555" />
          <ReferenceLine y={5.5} stroke="#555" />
          <Tooltip />
          {(Object.keys(QUADRANT_COLORS) as (keyof typeof QUADRANT_COLORS)[]).map((q) => (
            <Scatter
              key={q}
              name={QUADRANT_LABELS[q]}
              data={points.filter((p) => p.quadrant === q)}
              fill={QUADRANT_COLORS[q]}
            />
          ))}
        </ScatterChart>
      </div>
      <p id={`${id}-summary`} className="chart-summary">
        {summary} High value or effort is above 5.
      </p>
      <details className="chart-data">
        <summary>Value vs effort as a table</summary>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Value</th>
              <th scope="col">Effort</th>
              <th scope="col">Quadrant</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.key}>
                <td>
                  {p.key} {p.title}
                </td>
                <td>{p.value}</td>
                <td>{p.effort}</td>
                <td>{QUADRANT_LABELS[p.quadrant]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** /products/:productId/prioritisation */
export function PrioritisationPage({ productId }: { productId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const mayScore = roles.includes('product_owner') || roles.includes('product_manager');
  const mayEditCards = canWriteStrategy(roles);
  const [params, setParams] = useSearchParams();
  const model = params.get('model') ?? 'rice';
  const type = params.get('type') ?? '';
  const includeDone = params.get('include_done') === 'true';
  const [editing, setEditing] = useState<string | null>(null);

  const cards = useAsync((signal) => prioritisationApi.scorecards(productId, signal), [productId]);
  const ranked = useAsync(
    (signal) => prioritisationApi.ranked(productId, { model, type, includeDone }, signal),
    [productId, model, type, includeDone],
  );
  useLiveEvents(
    (e) => e.product_id === productId && LIVE_TYPES.has(e.entity_type),
    () => {
      ranked.refresh();
      cards.refresh();
    },
  );

  function setParam(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
    setEditing(null);
  }

  const card = isScorecard(model) ? (cards.data?.find((c) => `scorecard:${c.id}` === model) ?? null) : null;
  const base = `/products/${encodeURIComponent(productId)}`;
  const view = ranked.data;
  const editingItem = view?.items.find((i) => i.key === editing) ?? null;

  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Prioritisation">Prioritisation</PageHeading>
        <Link to={`${base}/backlog`}>Backlog</Link>
      </div>
      <p className="muted">
        A model suggests an order; the backlog keeps the Product Owner&apos;s rank. Items whose places differ a lot are
        flagged.
      </p>
      <div className="inline-form" role="group" aria-label="Prioritisation filters">
        <label className="field">
          Model{' '}
          <select value={model} onChange={(e) => setParam('model', e.target.value === 'rice' ? '' : e.target.value)}>
            {BUILTIN_MODELS.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
            {(cards.data ?? []).map((c) => (
              <option key={c.id} value={`scorecard:${c.id}`}>
                Scorecard: {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Type{' '}
          <select value={type} onChange={(e) => setParam('type', e.target.value)}>
            <option value="">Epics, features, stories, bugs</option>
            {TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <input
            type="checkbox"
            checked={includeDone}
            onChange={(e) => setParam('include_done', e.target.checked ? 'true' : '')}
          />{' '}
          Include done items
        </label>
      </div>

      {ranked.status === 'error' && !view && (
        <ErrorState error={ranked.error} title="Could not load the prioritisation" onRetry={ranked.reload} />
      )}
      {!view && ranked.status === 'loading' && <Loading />}
      {view && (
        <>
          <p aria-live="polite">
            {view.counts.scored} scored · {view.counts.unscored} unscored · {view.counts.disagreements} disagreement
            {view.counts.disagreements === 1 ? '' : 's'}{' '}
            <span className="muted">(a move of {view.threshold} or more places)</span>
          </p>
          {editingItem && mayScore && (
            <ScoreEditor
              key={`${editingItem.key}-${model}`}
              item={editingItem}
              model={model}
              card={card}
              onCancel={() => setEditing(null)}
              onSaved={() => {
                setEditing(null);
                ranked.refresh();
              }}
            />
          )}
          {view.items.length === 0 ? (
            <p className="muted">No items to prioritise.</p>
          ) : (
            <table className="table prioritisation-table">
              <caption className="visually-hidden">Items by model, beside the manual rank</caption>
              <thead>
                <tr>
                  <th scope="col">Model rank</th>
                  <th scope="col">Manual rank</th>
                  <th scope="col">Item</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                  <th scope="col">Points</th>
                  <th scope="col">Score</th>
                  <th scope="col">Inputs</th>
                  {model === 'value_effort' && <th scope="col">Quadrant</th>}
                  <th scope="col">Agreement</th>
                  {mayScore && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {view.items.map((i) => (
                  <tr key={i.id} className={i.disagrees ? 'disagrees' : undefined}>
                    <td>{i.model_position ?? '—'}</td>
                    <td>
                      {i.manual_position ?? '—'}
                      <span className="muted"> (#{i.backlog_position})</span>
                    </td>
                    <td>
                      <Link to={`${base}/items/${encodeURIComponent(i.key)}`}>{i.key}</Link> {i.title}
                    </td>
                    <td>{i.type}</td>
                    <td>{i.status}</td>
                    <td>{i.points ?? '—'}</td>
                    <td>{formatScore(i.score)}</td>
                    <td>{i.summary ?? <span className="muted">Not scored</span>}</td>
                    {model === 'value_effort' && <td>{i.quadrant ? QUADRANT_LABELS[i.quadrant] : '—'}</td>}
                    <td>
                      {i.disagrees ? (
                        <strong className="flag">
                          Disagrees ({i.manual_position} → {i.model_position})
                        </strong>
                      ) : i.score !== null ? (
                        'Agrees'
                      ) : (
                        ''
                      )}
                    </td>
                    {mayScore && (
                      <td>
                        <button type="button" onClick={() => setEditing(i.key)} aria-label={`Score ${i.key}`}>
                          {i.score === null && !i.summary ? 'Score' : 'Edit'}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {model === 'value_effort' && <ValueEffortChart points={chartPoints(view.items)} />}
        </>
      )}
      {mayEditCards && cards.data && (
        <ScorecardEditor
          productId={productId}
          cards={cards.data}
          onChanged={() => {
            cards.refresh();
            ranked.refresh();
          }}
          onDeleted={(c) => {
            if (model === `scorecard:${c.id}`) setParam('model', '');
          }}
        />
      )}
    </section>
  );
}
