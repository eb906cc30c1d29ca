// The roadmap's two views, shared by the product page and the published link: the timeline
// (periods as columns, initiative bars in lanes by goal, release milestones) and the
// Now/Next/Later board. With `onMove` / `onTimeframe` (the PM) bars and cards can be dragged,
// and each has keyboard alternatives (Move earlier / Move later buttons, a timeframe select).
import { useState, type DragEvent } from 'react';

import type { Roadmap, RoadmapInitiative, Timeframe } from '../../api/roadmap';
import { barColumns, PLACEMENT_LABELS, STATUS_LABELS, periodIndex } from './roadmapModel';

const TIMEFRAMES: [Timeframe, string][] = [
  ['now', 'Now'],
  ['next', 'Next'],
  ['later', 'Later'],
];

const DRAG_TYPE = 'application/x-throughline-initiative';

export interface RoadmapActions {
  /** Move the initiative's bar by `periods` periods (negative: earlier). */
  onMove: (initiative: RoadmapInitiative, periods: number) => void;
  onTimeframe: (initiative: RoadmapInitiative, timeframe: Timeframe) => void;
}

function workLine(i: RoadmapInitiative): string {
  const w = i.work;
  if (w.items === 0) return 'No work yet';
  return `${w.done_items}/${w.items} items done · ${w.done_points}/${w.points} points`;
}

function Bar({
  initiative,
  first,
  last,
  actions,
  dragging,
  setDragging,
}: {
  initiative: RoadmapInitiative;
  first: number;
  last: number;
  actions?: RoadmapActions;
  dragging: string | null;
  setDragging: (id: string | null) => void;
}) {
  const i = initiative;
  const title = `${i.name}: ${i.start} – ${i.end}, placed by ${PLACEMENT_LABELS[i.placement]}`;
  return (
    <div
      className={`roadmap-bar status-${i.status}${dragging === i.id ? ' dragging' : ''}`}
      style={{ gridColumn: `${first + 2} / ${last + 3}` }}
      title={title}
      data-testid={`bar-${i.id}`}
      draggable={actions ? true : undefined}
      onDragStart={
        actions
          ? (e: DragEvent) => {
              e.dataTransfer.setData(DRAG_TYPE, i.id);
              e.dataTransfer.setData('text/plain', i.id);
              e.dataTransfer.effectAllowed = 'move';
              setDragging(i.id);
            }
          : undefined
      }
      onDragEnd={actions ? () => setDragging(null) : undefined}
    >
      <span className="roadmap-bar-name">{i.name}</span>
      <span className="roadmap-bar-meta">
        {STATUS_LABELS[i.status]} · {i.start} – {i.end}
        {i.owner ? ` · ${i.owner.name}` : ''} · {workLine(i)}
      </span>
      {actions && (
        <span className="roadmap-bar-actions no-print">
          <button type="button" aria-label={`Move ${i.name} earlier`} onClick={() => actions.onMove(i, -1)}>
            ←
          </button>
          <button type="button" aria-label={`Move ${i.name} later`} onClick={() => actions.onMove(i, 1)}>
            →
          </button>
        </span>
      )}
    </div>
  );
}

/** The timeline: a grid with a label column and one column per period. */
export function RoadmapTimeline({ roadmap, actions }: { roadmap: Roadmap; actions?: RoadmapActions }) {
  const { periods } = roadmap;
  const [dragging, setDragging] = useState<string | null>(null);
  const columns = `minmax(9rem, 14rem) repeat(${periods.length}, minmax(5.5rem, 1fr))`;
  const byId = new Map<string, RoadmapInitiative>();
  for (const lane of roadmap.lanes) for (const i of lane.initiatives) byId.set(i.id, i);

  function dropOn(column: number) {
    return (e: DragEvent) => {
      const id = e.dataTransfer.getData(DRAG_TYPE) || e.dataTransfer.getData('text/plain');
      const initiative = byId.get(id);
      setDragging(null);
      if (!initiative || !actions) return;
      e.preventDefault();
      const { first } = barColumns(periods, initiative.start, initiative.end);
      if (column !== first) actions.onMove(initiative, column - first);
    };
  }

  return (
    <div className="roadmap-timeline" role="table" aria-label="Roadmap timeline" style={{ gridTemplateColumns: columns }}>
      <div role="row" className="roadmap-row roadmap-head">
        <span role="columnheader" className="roadmap-corner">
          Initiative
        </span>
        {periods.map((p) => (
          <span role="columnheader" key={p.start} className="roadmap-period" title={`${p.start} – ${p.end}`}>
            {p.label}
          </span>
        ))}
      </div>
      <div role="row" className="roadmap-row roadmap-releases">
        <span role="rowheader" className="roadmap-lane-label">
          Releases
        </span>
        {periods.map((p, col) => (
          <span role="cell" key={p.start} className="roadmap-cell">
            {roadmap.releases
              .filter((r) => periodIndex(periods, r.target_date) === col)
              .map((r) => (
                <span key={r.id} className="roadmap-milestone" title={`${r.version} ${r.name} on ${r.target_date}`}>
                  ◆ {r.version}
                  <span className="muted"> {r.target_date}</span>
                </span>
              ))}
          </span>
        ))}
      </div>
      {roadmap.lanes.length === 0 && (
        <div role="row" className="roadmap-row">
          <span role="cell" className="muted roadmap-empty">
            No initiatives in this window.
          </span>
        </div>
      )}
      {roadmap.lanes.map((lane) => (
        <div key={lane.goal?.id ?? 'none'} role="rowgroup" className="roadmap-lane" aria-label={lane.name}>
          <div role="row" className="roadmap-row roadmap-lane-head">
            <span role="rowheader" className="roadmap-lane-name">
              {lane.goal ? `Goal: ${lane.name}` : lane.name}
            </span>
          </div>
          {lane.initiatives.map((i) => {
            const { first, last } = barColumns(periods, i.start, i.end);
            return (
              <div role="row" key={i.id} className="roadmap-row roadmap-initiative">
                <span role="rowheader" className="roadmap-lane-label">
                  {i.name}
                </span>
                {periods.map((p, col) => (
                  <span
                    key={p.start}
                    role="cell"
                    className="roadmap-cell"
                    style={{ gridColumn: col + 2, gridRow: 1 }}
                    data-testid={actions ? `drop-${i.id}-${col}` : undefined}
                    onDragOver={actions ? (e) => e.preventDefault() : undefined}
                    onDrop={actions ? dropOn(col) : undefined}
                  />
                ))}
                <Bar
                  initiative={i}
                  first={first}
                  last={last}
                  actions={actions}
                  dragging={dragging}
                  setDragging={setDragging}
                />
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}

/** The Now/Next/Later board of the open initiatives. */
export function RoadmapBoard({ roadmap, actions }: { roadmap: Roadmap; actions?: RoadmapActions }) {
  const all = new Map<string, RoadmapInitiative>();
  for (const [tf] of TIMEFRAMES) for (const i of roadmap.board[tf]) all.set(i.id, i);
  const [over, setOver] = useState<Timeframe | null>(null);

  return (
    <div className="roadmap-board">
      {TIMEFRAMES.map(([tf, label]) => (
        <section
          key={tf}
          className={`roadmap-board-column${over === tf ? ' drop-target' : ''}`}
          aria-label={label}
          data-testid={`board-${tf}`}
          onDragOver={
            actions
              ? (e) => {
                  e.preventDefault();
                  setOver(tf);
                }
              : undefined
          }
          onDragLeave={actions ? () => setOver(null) : undefined}
          onDrop={
            actions
              ? (e) => {
                  e.preventDefault();
                  setOver(null);
                  const id = e.dataTransfer.getData(DRAG_TYPE) || e.dataTransfer.getData('text/plain');
                  const i = all.get(id);
                  if (i && i.timeframe !== tf) actions.onTimeframe(i, tf);
                }
              : undefined
          }
        >
          <h3>
            {label} <span className="muted">({roadmap.board[tf].length})</span>
          </h3>
          <ul className="roadmap-cards">
            {roadmap.board[tf].map((i) => (
              <li
                key={i.id}
                className="roadmap-card"
                draggable={actions ? true : undefined}
                onDragStart={
                  actions
                    ? (e) => {
                        e.dataTransfer.setData(DRAG_TYPE, i.id);
                        e.dataTransfer.setData('text/plain', i.id);
                      }
                    : undefined
                }
              >
                <strong>{i.name}</strong>
                <span className="muted">
                  {' '}
                  {STATUS_LABELS[i.status]}
                  {i.timeframe_source === 'derived' ? ' · derived from dates' : ''}
                </span>
                {i.goals.length > 0 && <div className="muted">Goal: {i.goals.map((g) => g.objective).join(', ')}</div>}
                {actions && (
                  <label className="no-print roadmap-card-timeframe">
                    <select
                      aria-label={`Timeframe of ${i.name}`}
                      value={i.timeframe}
                      onChange={(e) => actions.onTimeframe(i, e.target.value as Timeframe)}
                    >
                      {TIMEFRAMES.map(([value, text]) => (
                        <option key={value} value={value}>
                          {text}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
