import { useId } from 'react';

import { IssueText, type EditorProps } from './parts';
import { parseScale } from './settingsDraft';

/** The point scale (the estimates offered, e.g. in planning poker) and the split threshold. */
export function EstimationEditor({ draft, update, issues }: EditorProps) {
  const id = useId();
  const scale = parseScale(draft.pointScale);
  const threshold = Number(draft.splitThreshold);
  // Shown while typing; the same check runs again on save.
  const scaleIssue = issues.point_scale ?? (scale.problem && draft.pointScale.trim() !== '' ? scale.problem : undefined);
  const max = scale.values.length > 0 ? scale.values[scale.values.length - 1] : null;
  const nothingAbove =
    !scale.problem && max !== null && draft.splitThreshold.trim() !== '' && Number.isFinite(threshold) && threshold >= max;

  return (
    <section className="card settings-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Estimation</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-scale`}>Point scale</label>
          <input
            id={`${id}-scale`}
            value={draft.pointScale}
            onChange={(e) => update((d) => ({ ...d, pointScale: e.target.value }))}
            aria-describedby={`${id}-scale-help${scaleIssue ? ` ${id}-scale-error` : ''}`}
            aria-invalid={scaleIssue ? true : undefined}
          />
          <span className="muted" id={`${id}-scale-help`}>
            The estimates offered, ascending, separated by commas (e.g. 0, 0.5, 1, 2, 3, 5, 8, 13).
          </span>
          <IssueText id={`${id}-scale-error`} text={scaleIssue} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-threshold`}>Split threshold</label>
          <input
            id={`${id}-threshold`}
            className="narrow"
            type="number"
            min={0}
            max={1000}
            step="any"
            value={draft.splitThreshold}
            onChange={(e) => update((d) => ({ ...d, splitThreshold: e.target.value }))}
            aria-describedby={`${id}-threshold-help${issues.split_threshold ? ` ${id}-threshold-error` : ''}`}
            aria-invalid={issues.split_threshold ? true : undefined}
          />
          <span className="muted" id={`${id}-threshold-help`}>
            Items estimated above it are flagged as too big to refine.
          </span>
          <IssueText id={`${id}-threshold-error`} text={issues.split_threshold} />
          {nothingAbove && (
            <span className="badge-warning">No estimate on the scale is above {threshold}, so nothing is flagged.</span>
          )}
        </div>
      </div>
    </section>
  );
}
