import type { Planning } from '../../api/sprintTypes';
import { Warnings } from '../../components/Warnings';
import { capacityFigures, figure, velocityHint } from './sprintModel';

/** The points planned against the capacity (or velocity), the velocity hint and the server's warnings. */
export function CapacityBar({ planning }: { planning: Planning }) {
  const f = capacityFigures(planning);
  const valueText =
    f.limit === null
      ? `${figure(f.planned)} points planned`
      : `${figure(f.planned)} of ${figure(f.limit)} points (${f.limitLabel})${f.over ? ', over' : ''}`;
  return (
    <div className="capacity">
      <div
        className={`capacity-bar${f.over ? ' over' : ''}`}
        role="meter"
        aria-label={f.limitLabel === 'velocity' ? 'Points planned against velocity' : 'Points planned against capacity'}
        aria-valuemin={0}
        aria-valuemax={f.limit ?? Math.max(f.planned, 1)}
        aria-valuenow={f.planned}
        aria-valuetext={valueText}
      >
        <div className="capacity-fill" style={{ width: `${f.percent}%` }} />
        {f.limitAt !== null && (
          <div className="capacity-limit" style={{ left: `${f.limitAt}%` }} title={`${f.limitLabel} ${figure(f.limit)}`} />
        )}
        {f.velocityAt !== null && (
          <div className="capacity-velocity" style={{ left: `${f.velocityAt}%` }} title={`velocity ${figure(planning.velocity)}`} />
        )}
      </div>
      <p className="capacity-text">
        {f.text}
        {planning.unestimated > 0 && ` · ${planning.unestimated} unestimated`}
      </p>
      <p className="muted velocity-hint">{velocityHint(planning)}</p>
      <Warnings warnings={planning.warnings} />
    </div>
  );
}
