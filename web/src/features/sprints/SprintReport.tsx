import { useId, type ReactNode } from 'react';
import { Link } from 'react-router-dom';

import { sprintApi } from '../../api/sprints';
import type { ReportEntry, ScopeChange, SprintDetail } from '../../api/sprintTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useAsync } from '../../components/useAsync';
import { formatPoints, typeLabel } from '../backlog/itemLabels';
import { changeText, figure, formatTime, SCOPE_CHANGE_LABELS } from './sprintModel';

interface Props {
  sprint: SprintDetail;
  productId: string;
  tick: number;
}

function ItemCell({ entry, productId }: { entry: { key: string | null; title: string; type?: string }; productId: string }) {
  return (
    <>
      {entry.key ? (
        <Link className="mono" to={`/products/${encodeURIComponent(productId)}/items/${encodeURIComponent(entry.key)}`}>
          {entry.key}
        </Link>
      ) : (
        <span className="muted">deleted</span>
      )}{' '}
      {entry.title}
      {entry.type ? <span className="muted"> {typeLabel(entry.type)}</span> : null}
    </>
  );
}

function Group({
  title,
  entries,
  empty,
  columns,
  row,
}: {
  title: string;
  entries: ReportEntry[];
  empty: string;
  columns: string[];
  row: (e: ReportEntry) => ReactNode[];
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="report-group">
      <h3 id={id}>
        {title} ({entries.length})
      </h3>
      {entries.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="table compact">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {entries.map((e, k) => (
              <tr key={`${e.change_id ?? e.id}-${k}`}>
                {row(e).map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Who, when and why of a scope change entry. */
function who(e: { by_name?: string | null; at?: number; reason?: string }): ReactNode[] {
  return [e.by_name ?? '—', formatTime(e.at), e.reason || <span className="muted">—</span>];
}

/** The sprint report: done, not done, added after the start, removed, re-estimated, carried over. */
export function SprintReport({ sprint, productId, tick }: Props) {
  const id = useId();
  const report = useAsync((signal) => sprintApi.report(sprint.id, signal), [sprint.id, tick]);
  if (report.status === 'error' && !report.data) {
    return <ErrorState error={report.error} title="Could not load the sprint report" onRetry={report.reload} />;
  }
  if (!report.data) return <Loading />;
  const r = report.data;
  const item = (e: ReportEntry) => <ItemCell entry={e} productId={productId} />;
  const sprintPath = (sid: string) => `/products/${encodeURIComponent(productId)}/sprints/${encodeURIComponent(sid)}`;

  return (
    <section aria-labelledby={`${id}-heading`} className="sprint-report">
      <h2 id={`${id}-heading`}>Sprint report</h2>
      <p>
        {r.status === 'completed' ? 'Completed' : 'Done so far'}: {figure(r.completed)} of {figure(r.committed)} committed
        points.
      </p>
      <div className="report-columns">
        <Group
          title="Done"
          entries={r.done}
          empty="Nothing done yet."
          columns={['Item', 'Points']}
          row={(e) => [item(e), formatPoints(e.points)]}
        />
        <Group
          title="Not done"
          entries={r.not_done}
          empty="Nothing left."
          columns={['Item', 'Status', 'Points']}
          row={(e) => [item(e), e.status ?? '', formatPoints(e.points)]}
        />
      </div>
      <Group
        title="Added after the start"
        entries={r.added_after_start}
        empty="Nothing was added after the start."
        columns={['Item', 'Points', 'By', 'When', 'Why']}
        row={(e) => [item(e), formatPoints(e.points), ...who(e)]}
      />
      <Group
        title="Removed"
        entries={r.removed}
        empty="Nothing was removed."
        columns={['Item', 'Points', 'By', 'When', 'Why']}
        row={(e) => [item(e), formatPoints(e.points), ...who(e)]}
      />
      {r.re_estimated.length > 0 && (
        <Group
          title="Re-estimated"
          entries={r.re_estimated}
          empty=""
          columns={['Item', 'Points', 'By', 'When', 'Why']}
          row={(e) => [item(e), `${figure(e.points_before)} → ${figure(e.points_after)}`, ...who(e)]}
        />
      )}
      {r.status === 'completed' && (
        <Group
          title="Unfinished at completion"
          entries={r.carried_over}
          empty="Every item was done."
          columns={['Item', 'Points', 'Went to']}
          row={(e) => [
            item(e),
            formatPoints(e.points),
            e.outcome === 'carried_over' && e.next_sprint_id ? (
              <Link to={sprintPath(e.next_sprint_id)}>the next sprint</Link>
            ) : (
              'the backlog'
            ),
          ]}
        />
      )}
    </section>
  );
}

/** Every change of the sprint's scope after its start, oldest first: what, who, when and why. */
export function ScopeChanges({ sprint, productId, tick }: Props) {
  const id = useId();
  const changes = useAsync(
    (signal) => (sprint.status === 'planned' ? Promise.resolve([] as ScopeChange[]) : sprintApi.scopeChanges(sprint.id, signal)),
    [sprint.id, sprint.status, tick],
  );
  if (sprint.status === 'planned') return null;
  return (
    <section aria-labelledby={`${id}-heading`} className="scope-changes">
      <h2 id={`${id}-heading`}>Scope changes</h2>
      {changes.status === 'error' && !changes.data && (
        <ErrorState error={changes.error} title="Could not load the scope changes" onRetry={changes.reload} />
      )}
      {changes.data && changes.data.length === 0 && <p className="muted">The scope has not changed since the start.</p>}
      {changes.data && changes.data.length > 0 && (
        <table className="table compact">
          <caption className="visually-hidden">Scope changes</caption>
          <thead>
            <tr>
              <th scope="col">Change</th>
              <th scope="col">Item</th>
              <th scope="col">Points</th>
              <th scope="col">By</th>
              <th scope="col">When</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {changes.data.map((c) => (
              <tr key={c.id} className={`scope-${c.kind}`}>
                <td>{SCOPE_CHANGE_LABELS[c.kind]}</td>
                <td>
                  <ItemCell entry={c.item} productId={productId} />
                </td>
                <td>{changeText(c)}</td>
                {who(c).map((cell, i) => (
                  <td key={i}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
