import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { releaseApi } from '../../api/releases';
import { sprintApi } from '../../api/sprints';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { RELEASE_ENTITY_TYPES } from '../releases/releaseLabels';
import { useMe } from '../session/SessionContext';
import { SPRINT_STATUS_LABELS } from '../sprints/sprintModel';

/** A product's test plans with their results; the PO and the team create new ones. */
export function TestPlansPage({ productId }: { productId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const canTest = roles.includes('product_owner') || roles.includes('team_member');
  const plans = useAsync((signal) => releaseApi.testPlans(productId, undefined, signal), [productId]);
  const releases = useAsync((signal) => releaseApi.listReleases(productId, signal), [productId]);
  const sprints = useAsync((signal) => sprintApi.listSprints(productId, {}, signal), [productId]);
  const [name, setName] = useState('');
  const [scope, setScope] = useState(''); // "release:<id>" or "sprint:<id>"
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  useLiveEvents(
    (e) => e.product_id === productId && RELEASE_ENTITY_TYPES.has(e.entity_type),
    () => plans.refresh(),
  );

  const base = `/products/${encodeURIComponent(productId)}`;
  const sprintName = (id: string) => sprints.data?.find((s) => s.id === id)?.name ?? `Sprint ${id}`;

  async function create(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    try {
      const plan = await releaseApi.createTestPlan(productId, {
        name: name.trim(),
        ...(scope.startsWith('sprint:') ? { sprint_id: scope.slice(7) } : { release_id: scope.slice(8) }),
      });
      navigate(`${base}/test-plans/${encodeURIComponent(plan.id)}`);
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.message);
    }
  }

  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Test plans">Test plans</PageHeading>
        <Link to={`${base}/releases`}>Releases</Link>
      </div>
      {canTest && (
        <form className="card form-grid" aria-label="New test plan" onSubmit={(e) => void create(e)}>
          <label className="field">
            Name <input value={name} required maxLength={200} onChange={(e) => setName(e.target.value)} />
            {errors.name && <span className="field-error">{errors.name}</span>}
          </label>
          <label className="field">
            Tests{' '}
            <select value={scope} required onChange={(e) => setScope(e.target.value)}>
              <option value="" disabled>
                Choose a release or a sprint…
              </option>
              {(releases.data ?? []).length > 0 && (
                <optgroup label="Releases">
                  {(releases.data ?? []).map((r) => (
                    <option key={r.id} value={`release:${r.id}`}>
                      Release {r.version}
                    </option>
                  ))}
                </optgroup>
              )}
              {(sprints.data ?? []).length > 0 && (
                <optgroup label="Sprints">
                  {(sprints.data ?? []).map((s) => (
                    <option key={s.id} value={`sprint:${s.id}`}>
                      {s.name} ({SPRINT_STATUS_LABELS[s.status].toLowerCase()})
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
            {errors.release_id && <span className="field-error">{errors.release_id}</span>}
            {errors.sprint_id && <span className="field-error">{errors.sprint_id}</span>}
          </label>
          {error && Object.keys(errors).length === 0 && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="inline-form">
            <button type="submit" className="primary">
              Create test plan
            </button>
          </div>
        </form>
      )}
      {plans.status === 'error' && !plans.data && (
        <ErrorState error={plans.error} title="Could not load the test plans" onRetry={plans.reload} />
      )}
      {!plans.data && plans.status === 'loading' && <Loading />}
      {plans.data && plans.data.length === 0 && <p className="muted">No test plans yet.</p>}
      {plans.data && plans.data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Test plans</caption>
          <thead>
            <tr>
              <th scope="col">Plan</th>
              <th scope="col">Tests</th>
              <th scope="col">Results</th>
            </tr>
          </thead>
          <tbody>
            {plans.data.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`${base}/test-plans/${encodeURIComponent(p.id)}`}>{p.name}</Link>
                </td>
                <td>
                  {p.release ? (
                    `Release ${p.release.version}`
                  ) : p.sprint_id ? (
                    <Link to={`${base}/sprints/${encodeURIComponent(p.sprint_id)}`}>{sprintName(p.sprint_id)}</Link>
                  ) : null}
                </td>
                <td>
                  {p.summary.pass} pass, {p.summary.fail} fail, {p.summary.blocked} blocked, {p.summary.not_run} not run
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
