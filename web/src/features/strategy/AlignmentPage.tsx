// How a sprint's or a release's points divide over the product's goals and initiatives: the
// shares in numbers and as a chart, the unaligned points and items, and the open goals and
// initiatives the scope does nothing for.
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import { Link } from 'react-router-dom';

import { strategyApi } from '../../api/strategy';
import type { Alignment } from '../../api/strategyTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { goalPath, initiativePath, itemPath } from './StrategyParts';
import { num, percent } from './strategyLabels';

const ALIGNMENT_ENTITY_TYPES = new Set(['item', 'goal', 'initiative', 'sprint', 'release']);

export interface AlignmentScope {
  type: 'sprint' | 'release';
  id: string;
}

export interface ShareRow {
  name: string;
  percent: number;
  unaligned: boolean;
}

/** The chart's bars: each goal's share, then the unaligned share (they sum to 100%). */
export function shareRows(a: Alignment): ShareRow[] {
  const rows = a.by_goal.map((g) => ({ name: g.goal.objective, percent: Math.round(g.share * 1000) / 10, unaligned: false }));
  if (a.unaligned.items > 0 || a.points === 0) {
    rows.push({ name: 'Unaligned', percent: Math.round(a.unaligned.share * 1000) / 10, unaligned: true });
  }
  return rows;
}

export function alignmentSummary(a: Alignment): string {
  if (a.items === 0) return `${a.scope.name} has no items.`;
  const aligned = 1 - a.unaligned.share;
  return `${percent(aligned)} of ${num(a.points)} points serve a goal; ${a.unaligned.items} item${
    a.unaligned.items === 1 ? '' : 's'
  } (${num(a.unaligned.points)} points) ${a.unaligned.items === 1 ? 'is' : 'are'} unaligned.`;
}

function ShareChart({ a }: { a: Alignment }) {
  const rows = shareRows(a);
  if (rows.length === 0 || a.points === 0) return null;
  return (
    <figure className="sprint-chart" aria-labelledby="alignment-chart-title">
      <figcaption id="alignment-chart-title" className="chart-title">
        Share of points per goal
      </figcaption>
      <div className="chart-canvas" role="img" aria-label="Share of points per goal chart" aria-describedby="alignment-summary">
        <BarChart
          width={640}
          height={Math.max(120, rows.length * 44 + 40)}
          data={rows}
          layout="vertical"
          accessibilityLayer={false}
          margin={{ top: 10, right: 30, bottom: 5, left: 10 }}
        >
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" domain={[0, 100]} unit="%" />
          <YAxis type="category" dataKey="name" width={220} />
          <Tooltip />
          <Bar dataKey="percent" name="Share" isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.name} fill={r.unaligned ? '#b35c00' : '#1f4e79'} />
            ))}
          </Bar>
        </BarChart>
      </div>
    </figure>
  );
}

export function AlignmentReport({ productId, a }: { productId: string; a: Alignment }) {
  return (
    <>
      <p id="alignment-summary" className="chart-summary">
        {alignmentSummary(a)}
      </p>
      <ShareChart a={a} />
      <section aria-labelledby="by-goal-heading">
        <h2 id="by-goal-heading">By goal</h2>
        {a.by_goal.length === 0 ? (
          <p className="muted">No item serves a goal.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Share per goal</caption>
            <thead>
              <tr>
                <th scope="col">Goal</th>
                <th scope="col">Items</th>
                <th scope="col">Points</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {a.by_goal.map((g) => (
                <tr key={g.goal.id}>
                  <td>
                    <Link to={goalPath(productId, g.goal.id)}>{g.goal.objective}</Link>
                  </td>
                  <td>{g.items}</td>
                  <td>{num(g.points)}</td>
                  <td>{percent(g.share)}</td>
                </tr>
              ))}
              <tr className="unaligned-row">
                <td>Unaligned</td>
                <td>{a.unaligned.items}</td>
                <td>{num(a.unaligned.points)}</td>
                <td>{percent(a.unaligned.share)}</td>
              </tr>
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="by-initiative-heading">
        <h2 id="by-initiative-heading">By initiative</h2>
        {a.by_initiative.length === 0 ? (
          <p className="muted">No item belongs to an initiative.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Share per initiative</caption>
            <thead>
              <tr>
                <th scope="col">Initiative</th>
                <th scope="col">Items</th>
                <th scope="col">Points</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {a.by_initiative.map((i) => (
                <tr key={i.initiative.id}>
                  <td>
                    <Link to={initiativePath(productId, i.initiative.id)}>{i.initiative.name}</Link>
                  </td>
                  <td>{i.items}</td>
                  <td>{num(i.points)}</td>
                  <td>{percent(i.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="unaligned-heading">
        <h2 id="unaligned-heading">Unaligned work</h2>
        <p>
          {a.unaligned.items} item{a.unaligned.items === 1 ? '' : 's'}, {num(a.unaligned.points)} points ({percent(a.unaligned.share)}
          )
        </p>
        {a.unaligned.keys.length > 0 && (
          <ul className="key-list" aria-label="Unaligned items">
            {a.unaligned.keys.map((k) => (
              <li key={k}>
                <Link className="mono" to={itemPath(productId, k)}>
                  {k}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="without-work-heading">
        <h2 id="without-work-heading">Without work here</h2>
        <h3>Goals</h3>
        {a.goals_without_work.length === 0 ? (
          <p className="muted">Every open goal has work here.</p>
        ) : (
          <ul className="plain-list" aria-label="Goals without work">
            {a.goals_without_work.map((g) => (
              <li key={g.id}>
                <Link to={goalPath(productId, g.id)}>{g.objective}</Link>
              </li>
            ))}
          </ul>
        )}
        <h3>Initiatives</h3>
        {a.initiatives_without_work.length === 0 ? (
          <p className="muted">Every open initiative has work here.</p>
        ) : (
          <ul className="plain-list" aria-label="Initiatives without work">
            {a.initiatives_without_work.map((i) => (
              <li key={i.id}>
                <Link to={initiativePath(productId, i.id)}>{i.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function AlignmentPage({ productId, scope }: { productId: string; scope: AlignmentScope }) {
  const report = useAsync(
    (signal) =>
      scope.type === 'sprint' ? strategyApi.sprintAlignment(scope.id, signal) : strategyApi.releaseAlignment(scope.id, signal),
    [scope.type, scope.id],
  );
  useLiveEvents(
    (e) => e.product_id === productId && ALIGNMENT_ENTITY_TYPES.has(e.entity_type),
    () => report.refresh(),
  );
  const base = `/products/${encodeURIComponent(productId)}`;
  const back =
    scope.type === 'sprint' ? `${base}/sprints/${encodeURIComponent(scope.id)}` : `${base}/releases/${encodeURIComponent(scope.id)}`;
  const name = report.data?.scope.name ?? '';
  const title = `Alignment${name ? ` of ${name}` : ''}`;

  return (
    <section className="alignment-page">
      <p className="breadcrumbs">
        <Link to={back}>{scope.type === 'sprint' ? 'Back to the sprint' : 'Back to the release'}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {report.status === 'error' && !report.data && (
        <ErrorState error={report.error} title="Could not load the alignment" onRetry={report.reload} />
      )}
      {!report.data && report.status === 'loading' && <Loading />}
      {report.data && <AlignmentReport productId={productId} a={report.data} />}
    </section>
  );
}
