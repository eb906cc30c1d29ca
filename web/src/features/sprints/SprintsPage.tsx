import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';

import { sprintApi } from '../../api/sprints';
import { SPRINT_STATUSES, type Sprint, type SprintStatus, type Team } from '../../api/sprintTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { SprintForm } from './SprintForm';
import { canWriteSprints, figure, SPRINT_STATUS_LABELS } from './sprintModel';

/** The points of a sprint as its status gives them. */
export function sprintPoints(s: Sprint): string {
  switch (s.status) {
    case 'planned':
      return `${figure(s.planned_points)} planned`;
    case 'active':
      return `${figure(s.committed_points)} committed · ${figure(s.done_points)} done`;
    case 'completed':
      return `${figure(s.completed_points)} of ${figure(s.committed_points)} completed`;
  }
}

/** The teams that may run sprints on the product: its own and those of no product. */
export function productTeams(teams: Team[], productId: string): Team[] {
  return teams.filter((t) => t.product_id === productId || t.product_id === null);
}

/** A product's sprints by team and status; the PO and Scrum Master create new ones. */
export function SprintsPage({ productId }: { productId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const canWrite = canWriteSprints(roles);
  const [params, setParams] = useSearchParams();
  const team = params.get('team') ?? '';
  const status = (params.get('status') ?? '') as SprintStatus | '';
  const sprints = useAsync((signal) => sprintApi.listSprints(productId, { team, status }, signal), [productId, team, status]);
  const teams = useAsync((signal) => sprintApi.teams(signal), []);
  const [creating, setCreating] = useState(false);

  useLiveEvents(
    (e) => e.product_id === productId && e.entity_type === 'sprint',
    () => sprints.refresh(),
  );

  function setFilter(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  }

  const base = `/products/${encodeURIComponent(productId)}`;
  const myTeams = productTeams(teams.data ?? [], productId);
  const teamName = (id: string, fallback: string | null) => teams.data?.find((t) => t.id === id)?.name ?? fallback ?? id;

  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Sprints">Sprints</PageHeading>
        {canWrite && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New sprint
          </button>
        )}
      </div>
      {creating && (
        <SprintForm
          label="New sprint"
          submitLabel="Create sprint"
          teams={myTeams}
          onSubmit={async (input) => {
            const created = await sprintApi.createSprint(productId, input);
            navigate(`${base}/sprints/${encodeURIComponent(created.id)}`);
          }}
          onCancel={() => setCreating(false)}
        />
      )}
      <div className="toolbar" role="group" aria-label="Filter the sprints">
        <label>
          Team{' '}
          <select value={team} onChange={(e) => setFilter('team', e.target.value)}>
            <option value="">All teams</option>
            {myTeams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
            {team && !myTeams.some((t) => t.id === team) && <option value={team}>{teamName(team, null)}</option>}
          </select>
        </label>
        <label>
          Status{' '}
          <select value={status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">Any status</option>
            {SPRINT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {SPRINT_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {sprints.status === 'error' && !sprints.data && (
        <ErrorState error={sprints.error} title="Could not load the sprints" onRetry={sprints.reload} />
      )}
      {!sprints.data && sprints.status === 'loading' && <Loading />}
      {sprints.data && sprints.data.length === 0 && (
        <p className="muted">{team || status ? 'No sprint matches.' : 'No sprints yet.'}</p>
      )}
      {sprints.data && sprints.data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Sprints</caption>
          <thead>
            <tr>
              <th scope="col">Sprint</th>
              <th scope="col">Team</th>
              <th scope="col">Status</th>
              <th scope="col">Dates</th>
              <th scope="col">Items</th>
              <th scope="col">Points</th>
            </tr>
          </thead>
          <tbody>
            {sprints.data.map((s) => (
              <tr key={s.id} className={`sprint-row sprint-${s.status}`}>
                <td>
                  <Link to={`${base}/sprints/${encodeURIComponent(s.id)}`}>{s.name}</Link>
                  {s.goal && <div className="muted sprint-goal">{s.goal}</div>}
                </td>
                <td>{teamName(s.team_id, s.team?.name ?? null)}</td>
                <td>
                  <span className={`sprint-status status-${s.status}`}>{SPRINT_STATUS_LABELS[s.status]}</span>
                </td>
                <td>
                  {s.start_date} – {s.end_date}
                </td>
                <td>{s.item_count}</td>
                <td>{sprintPoints(s)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
