import { useCallback, useEffect, useState } from 'react';

import { roleLabel, stageLabel } from '../../api/labels';
import { api } from '../../api/endpoints';
import { ROLES, type ChangeEvent, type Product } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { Warnings } from '../../components/Warnings';
import { joinNames, otherActors, useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { ProductEditForm } from './ProductEditForm';

/** How long "Updated by … just now" stays. */
export const UPDATED_NOTICE_MS = 10_000;

export function OverviewPage({ productId }: { productId: string }) {
  const me = useMe();
  const product = useAsync((signal) => api.getProduct(productId, signal), [productId]);
  const { refresh, setData } = product;
  const [editing, setEditing] = useState(false);
  // Who made the latest live change (for an open form), and the "Updated by … just now"
  // notice, shown for others' changes only (a new object restarts its timer).
  const [changedBy, setChangedBy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ by: string } | null>(null);

  useLiveEvents(
    (e: ChangeEvent) => e.product_id === productId,
    (events) => {
      refresh();
      const others = otherActors(events, me.user.id);
      if (others.length > 0) {
        setChangedBy(joinNames(others));
        setNotice({ by: joinNames(others) });
      } else {
        // My own change from another window or device: no notice, but an open form says so.
        setChangedBy('you, in another window');
      }
    },
  );

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), UPDATED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  const onSaved = useCallback(
    (saved: Product) => {
      setData(() => saved);
      setEditing(false);
    },
    [setData],
  );
  const onStale = useCallback((current: Product) => setData(() => current), [setData]);

  if (product.status === 'error') {
    return <ErrorState error={product.error} title="Could not load the product" onRetry={product.reload} />;
  }
  if (product.status === 'loading') return <Loading />;

  const p = product.data;
  const canEdit = p.my_roles?.includes('product_manager') ?? false;
  const roles = [...(p.roles ?? [])].sort(
    (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.user.name.localeCompare(b.user.name),
  );

  return (
    <section>
      <div className="heading-row">
        <PageHeading title={p.name}>{p.name}</PageHeading>
        {canEdit && !editing && (
          <button type="button" onClick={() => setEditing(true)}>
            Edit product
          </button>
        )}
      </div>
      <div className="live-notice" aria-live="polite">
        {notice && !editing && <p>Updated by {notice.by} just now</p>}
      </div>
      <Warnings warnings={p.warnings} />
      {editing ? (
        <ProductEditForm
          product={p}
          changedBy={changedBy}
          onSaved={onSaved}
          onStale={onStale}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <dl className="facts">
          <dt>Key</dt>
          <dd>{p.key}</dd>
          <dt>Life-cycle stage</dt>
          <dd>
            <span className={`stage stage-${p.stage}`}>{stageLabel(p.stage)}</span>
          </dd>
          <dt>Description</dt>
          <dd className="description">{p.description || <span className="muted">No description</span>}</dd>
        </dl>
      )}

      <h2>Roles</h2>
      {roles.length === 0 ? (
        <p className="muted">No one has a role on this product yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Role assignments</caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Person</th>
            </tr>
          </thead>
          <tbody>
            {roles.map((a) => (
              <tr key={a.id}>
                <td>{roleLabel(a.role)}</td>
                <td>
                  {a.user.name}
                  {a.user.email && <span className="muted"> &lt;{a.user.email}&gt;</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
