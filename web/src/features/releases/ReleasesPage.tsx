import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';

import { toApiError } from '../../api/client';
import { releaseApi } from '../../api/releases';
import type { Readiness, Release } from '../../api/releaseTypes';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { RELEASE_ENTITY_TYPES, STATUS_LABELS } from './releaseLabels';

/** One line of readiness: items done, criteria passing, and what stands in the way. */
export function readinessSummary(r: Readiness): string {
  const parts = [
    `${r.items_done}/${r.items_total} items done`,
    `${r.criteria_passing}/${r.criteria_total} criteria passing`,
  ];
  if (r.open_blockers.length > 0) {
    parts.push(`${r.open_blockers.length} open blocker${r.open_blockers.length === 1 ? '' : 's'}`);
  }
  if (r.failing_cases.length > 0) {
    parts.push(`${r.failing_cases.length} failing case${r.failing_cases.length === 1 ? '' : 's'}`);
  }
  return parts.join(' · ');
}

function NewReleaseForm({ productId, onCreated }: { productId: string; onCreated: (r: Release) => void }) {
  const [version, setVersion] = useState('');
  const [name, setName] = useState('');
  const [target, setTarget] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setError(null);
    try {
      const created = await releaseApi.createRelease(productId, {
        version: version.trim(),
        name: name.trim(),
        target_date: target || null,
      });
      setVersion('');
      setName('');
      setTarget('');
      onCreated(created);
    } catch (err) {
      const apiErr = toApiError(err);
      setErrors(apiErr.issuesByField());
      setError(apiErr.message);
    }
  }

  return (
    <form className="card form-grid" aria-label="New release" onSubmit={onSubmit}>
      <label className="field">
        Version{' '}
        <input value={version} required maxLength={40} onChange={(e) => setVersion(e.target.value)} placeholder="2.1" />
        {errors.version && <span className="field-error">{errors.version}</span>}
      </label>
      <label className="field">
        Name <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="field">
        Target date <input type="date" value={target} onChange={(e) => setTarget(e.target.value)} />
        {errors.target_date && <span className="field-error">{errors.target_date}</span>}
      </label>
      {error && Object.keys(errors).length === 0 && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary">
          Create release
        </button>
      </div>
    </form>
  );
}

/** A product's releases with status, target date and readiness; the PO creates new ones. */
export function ReleasesPage({ productId }: { productId: string }) {
  const me = useMe();
  const roles = me.products.find((p) => p.id === productId)?.my_roles ?? [];
  const isPO = roles.includes('product_owner');
  const releases = useAsync((signal) => releaseApi.listReleases(productId, signal), [productId]);
  const [creating, setCreating] = useState(false);

  useLiveEvents(
    (e) => e.product_id === productId && RELEASE_ENTITY_TYPES.has(e.entity_type),
    () => releases.refresh(),
  );

  const base = `/products/${encodeURIComponent(productId)}`;

  return (
    <section>
      <div className="heading-row">
        <PageHeading title="Releases">Releases</PageHeading>
        <Link to={`${base}/test-plans`}>Test plans</Link>
        {isPO && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New release
          </button>
        )}
      </div>
      {creating && (
        <NewReleaseForm
          productId={productId}
          onCreated={() => {
            setCreating(false);
            releases.refresh();
          }}
        />
      )}
      {releases.status === 'error' && !releases.data && (
        <ErrorState error={releases.error} title="Could not load the releases" onRetry={releases.reload} />
      )}
      {!releases.data && releases.status === 'loading' && <Loading />}
      {releases.data && releases.data.length === 0 && <p className="muted">No releases yet.</p>}
      {releases.data && releases.data.length > 0 && (
        <table className="table">
          <caption className="visually-hidden">Releases</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Name</th>
              <th scope="col">Status</th>
              <th scope="col">Target date</th>
              <th scope="col">Readiness</th>
            </tr>
          </thead>
          <tbody>
            {releases.data.map((r) => (
              <tr key={r.id}>
                <td className="mono">
                  <Link to={`${base}/releases/${encodeURIComponent(r.id)}`}>{r.version}</Link>
                </td>
                <td>{r.name || <span className="muted">—</span>}</td>
                <td>{STATUS_LABELS[r.status]}</td>
                <td>{r.target_date ?? <span className="muted">None</span>}</td>
                <td>
                  {r.readiness.ready ? <span className="flag ready-flag">Ready</span> : null}{' '}
                  <span>{readinessSummary(r.readiness)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
