// The sprint's charts (recharts, SVG): burndown, burn-up and the team's velocity. Each chart is
// a figure with a one-sentence summary and its data as a table: the text alternative.
import { useId, useMemo, useState, type ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { sprintApi } from '../../api/sprints';
import type { ScopeChange, SprintDetail } from '../../api/sprintTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/useAsync';
import {
  burndownRows,
  burndownSummary,
  burnupSummary,
  dayLabel,
  figure,
  velocitySummary,
  type BurndownRow,
} from './sprintModel';

const WIDTH = 640;
const HEIGHT = 260;
const COLORS = { ideal: '#8a96a3', actual: '#1f4e79', scope: '#b35c00', done: '#1d7a3a', committed: '#b8c4d0' };

function ChartFigure({
  title,
  summary,
  table,
  children,
}: {
  title: string;
  summary: string;
  table: ReactNode;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className="sprint-chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      <div className="chart-canvas" role="img" aria-label={`${title} chart`} aria-describedby={`${id}-summary`}>
        {children}
      </div>
      <p id={`${id}-summary`} className="chart-summary">
        {summary}
      </p>
      <details className="chart-data">
        <summary>{title} as a table</summary>
        {table}
      </details>
    </figure>
  );
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A dot on each day whose scope changed, labelled with the change. */
function changeDots(rows: BurndownRow[], y: (r: BurndownRow) => number | null) {
  return rows
    .filter((r) => r.changes.length > 0)
    .map((r) => (
      <ReferenceDot
        key={`change-${r.date}`}
        x={r.label}
        y={y(r) ?? r.ideal}
        r={5}
        fill={COLORS.scope}
        stroke="#fff"
        label={{ value: r.marks.join(' '), position: 'top', fontSize: 11, fill: COLORS.scope }}
      />
    ));
}

function BurnCharts({ sprint, tick }: { sprint: SprintDetail; tick: number }) {
  const burndown = useAsync((signal) => sprintApi.burndown(sprint.id, signal), [sprint.id, tick]);
  const changes = useAsync(
    (signal) => (sprint.status === 'planned' ? Promise.resolve([] as ScopeChange[]) : sprintApi.scopeChanges(sprint.id, signal)),
    [sprint.id, sprint.status, tick],
  );
  const keys = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of changes.data ?? []) if (c.item.key) m.set(c.item_id, c.item.key);
    for (const i of sprint.items) m.set(i.id, i.key);
    return m;
  }, [changes.data, sprint.items]);

  if (burndown.status === 'error' && !burndown.data) {
    return <ErrorState error={burndown.error} title="Could not load the burndown" onRetry={burndown.reload} />;
  }
  if (!burndown.data) return <Loading />;
  const b = burndown.data;
  const rows = burndownRows(b, keys);
  const summary = burndownSummary(b, keys);
  const now = rows.find((r) => r.date === today());
  const started = b.status !== 'planned';

  return (
    <>
      <ChartFigure
        title="Burndown"
        summary={summary}
        table={
          <DailyTable
            caption="Burndown: points remaining per day"
            rows={rows}
            columns={[
              ['Ideal', (r) => r.ideal],
              ['Remaining', (r) => r.remaining],
            ]}
          />
        }
      >
        <LineChart width={WIDTH} height={HEIGHT} data={rows} accessibilityLayer={false} margin={{ top: 20, right: 20, bottom: 5, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="label" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend />
          <Line name="Ideal" dataKey="ideal" stroke={COLORS.ideal} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
          {started && (
            <Line name="Remaining" dataKey="remaining" stroke={COLORS.actual} strokeWidth={2} isAnimationActive={false} />
          )}
          {now && <ReferenceLine x={now.label} stroke="#999" label={{ value: 'Today', position: 'insideTopRight', fontSize: 11 }} />}
          {changeDots(rows, (r) => r.remaining)}
        </LineChart>
      </ChartFigure>
      {started && (
        <ChartFigure
          title="Burn-up"
          summary={burnupSummary(b, keys)}
          table={
            <DailyTable
              caption="Burn-up: scope and points done per day"
              rows={rows}
              columns={[
                ['Scope', (r) => r.scope],
                ['Done', (r) => r.done],
              ]}
            />
          }
        >
          <LineChart width={WIDTH} height={HEIGHT} data={rows} accessibilityLayer={false} margin={{ top: 20, right: 20, bottom: 5, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="label" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Line name="Scope" type="stepAfter" dataKey="scope" stroke={COLORS.scope} strokeWidth={2} isAnimationActive={false} />
            <Line name="Done" dataKey="done" stroke={COLORS.done} strokeWidth={2} isAnimationActive={false} />
            {now && <ReferenceLine x={now.label} stroke="#999" label={{ value: 'Today', position: 'insideTopRight', fontSize: 11 }} />}
            {changeDots(rows, (r) => r.scope)}
          </LineChart>
        </ChartFigure>
      )}
    </>
  );
}

/** The figures of a day-by-day chart as a table: the day, the given columns, its scope changes. */
function DailyTable({
  caption,
  rows,
  columns,
}: {
  caption: string;
  rows: BurndownRow[];
  columns: [string, (r: BurndownRow) => number | null][];
}) {
  return (
    <table className="table compact">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Day</th>
          {columns.map(([name]) => (
            <th key={name} scope="col">
              {name}
            </th>
          ))}
          <th scope="col">Scope changes</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.date}>
            <td>
              {dayLabel(r.date)}
              {r.working ? '' : <span className="muted"> (not a working day)</span>}
            </td>
            {columns.map(([name, value]) => (
              <td key={name}>{figure(value(r))}</td>
            ))}
            <td>{r.changes.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const VELOCITY_SPANS = [3, 6, 10, 20];

function VelocityChart({ sprint, tick }: { sprint: SprintDetail; tick: number }) {
  const [last, setLast] = useState(6);
  const velocity = useAsync(
    (signal) => sprintApi.velocity(sprint.team_id, sprint.product_id, last, signal),
    [sprint.team_id, sprint.product_id, last, tick],
  );
  const team = sprint.team.name ?? 'the team';
  return (
    <div className="velocity">
      <label className="inline">
        Velocity of {team} over the last{' '}
        <select value={last} onChange={(e) => setLast(Number(e.target.value))} aria-label="Completed sprints shown">
          {VELOCITY_SPANS.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>{' '}
        completed sprints
      </label>
      {velocity.status === 'error' && !velocity.data && (
        <ErrorState error={velocity.error} title="Could not load the velocity" onRetry={velocity.reload} />
      )}
      {velocity.data && (
        <ChartFigure
          title="Velocity"
          summary={velocitySummary(velocity.data)}
          table={
            <table className="table compact">
              <caption>Velocity: committed and completed points per sprint</caption>
              <thead>
                <tr>
                  <th scope="col">Sprint</th>
                  <th scope="col">Committed</th>
                  <th scope="col">Completed</th>
                </tr>
              </thead>
              <tbody>
                {velocity.data.sprints.map((s) => (
                  <tr key={s.id}>
                    <td>{s.name}</td>
                    <td>{figure(s.committed)}</td>
                    <td>{figure(s.completed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        >
          <BarChart width={WIDTH} height={HEIGHT} data={velocity.data.sprints} accessibilityLayer={false} margin={{ top: 20, right: 20, bottom: 5, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis allowDecimals={false} />
            <Tooltip />
            <Legend />
            <Bar name="Committed" dataKey="committed" fill={COLORS.committed} isAnimationActive={false} />
            <Bar name="Completed" dataKey="completed" fill={COLORS.actual} isAnimationActive={false} />
            {velocity.data.average !== null && velocity.data.sprints.length > 0 && (
              <ReferenceLine
                y={velocity.data.average}
                stroke={COLORS.done}
                strokeDasharray="4 3"
                label={{ value: `Average ${figure(velocity.data.average)}`, position: 'insideTopLeft', fontSize: 11 }}
              />
            )}
          </BarChart>
        </ChartFigure>
      )}
    </div>
  );
}

/** Burndown, burn-up and velocity of a sprint, each with its text alternative. */
export function SprintCharts({ sprint, tick }: { sprint: SprintDetail; tick: number }) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`} className="sprint-charts">
      <h2 id={`${id}-heading`}>Charts</h2>
      <BurnCharts sprint={sprint} tick={tick} />
      <VelocityChart sprint={sprint} tick={tick} />
    </section>
  );
}

export default SprintCharts;
