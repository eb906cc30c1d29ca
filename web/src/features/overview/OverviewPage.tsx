import { roleLabel, stageLabel } from '../../api/labels';
import { api } from '../../api/endpoints';
import { ROLES } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { Warnings } from '../../components/Warnings';

export function OverviewPage({ productId }: { productId: string }) {
  const product = useAsync((signal) => api.getProduct(productId, signal), [productId]);

  if (product.status === 'loading') return <Loading />;
  if (product.status === 'error') {
    return <ErrorState error={product.error} title="Could not load the product" onRetry={product.reload} />;
  }
  const p = product.data;
  const roles = [...(p.roles ?? [])].sort(
    (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || a.user.name.localeCompare(b.user.name),
  );

  return (
    <section>
      <PageHeading title={p.name}>{p.name}</PageHeading>
      <Warnings warnings={p.warnings} />
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
