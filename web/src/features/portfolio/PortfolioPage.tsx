import { Link } from 'react-router-dom';

import { roleLabel, stageLabel } from '../../api/labels';
import { holders, productsWithRoles } from '../../api/products';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';

function names(list: string[]) {
  return list.length > 0 ? list.join(', ') : <span className="muted">—</span>;
}

export function PortfolioPage() {
  const products = useAsync((signal) => productsWithRoles(signal), []);
  // Names, stages and the PM/PO columns change with products and role assignments.
  useLiveEvents(
    (e) => e.entity_type === 'product' || e.entity_type === 'role_assignment',
    products.refresh,
  );

  return (
    <section>
      <PageHeading title="Portfolio">Portfolio</PageHeading>
      {products.status === 'loading' && <Loading />}
      {products.status === 'error' && (
        <ErrorState error={products.error} title="Could not load the products" onRetry={products.reload} />
      )}
      {products.status === 'ready' &&
        (products.data.length === 0 ? (
          <p className="muted">You have no products yet.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Products</caption>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Key</th>
                <th scope="col">Stage</th>
                <th scope="col">Product Manager</th>
                <th scope="col">Product Owner</th>
                <th scope="col">My roles</th>
              </tr>
            </thead>
            <tbody>
              {products.data.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/products/${encodeURIComponent(p.id)}/overview`}>{p.name}</Link>
                    {(p.warnings?.length ?? 0) > 0 && (
                      <span className="badge-warning" title={p.warnings!.map((w) => w.message).join('\n')}>
                        {' '}
                        ⚠ {p.warnings!.length}
                      </span>
                    )}
                  </td>
                  <td className="mono">{p.key}</td>
                  <td>
                    <span className={`stage stage-${p.stage}`}>{stageLabel(p.stage)}</span>
                  </td>
                  <td>{names(holders(p, 'product_manager'))}</td>
                  <td>{names(holders(p, 'product_owner'))}</td>
                  <td>{names((p.my_roles ?? []).map(roleLabel))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
