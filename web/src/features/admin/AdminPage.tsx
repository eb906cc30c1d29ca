import { useCallback } from 'react';

import { api } from '../../api/endpoints';
import { productsWithRoles } from '../../api/products';
import type { Product, User } from '../../api/types';
import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useAsync } from '../../components/useAsync';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';
import { CreateUserForm } from './CreateUserForm';
import { ProductRoles } from './ProductRoles';

interface AdminData {
  users: User[];
  products: Product[];
}

export function AdminPage() {
  const me = useMe();
  if (!me.user.is_admin) {
    return (
      <section>
        <PageHeading title="Administration">Administration</PageHeading>
        <div className="alert alert-error" role="alert">
          Only workspace administrators can manage users and roles.
        </div>
      </section>
    );
  }
  return <AdminContent />;
}

function byName(users: User[]): User[] {
  return [...users].sort((a, b) => a.name.localeCompare(b.name));
}

function AdminContent() {
  const data = useAsync<AdminData>(async (signal) => {
    const [users, products] = await Promise.all([api.listUsers(signal), productsWithRoles(signal)]);
    return { users: byName(users), products };
  }, []);
  const { setData, refresh } = data;
  useLiveEvents(
    (e) => ['user', 'product', 'role_assignment'].includes(e.entity_type),
    refresh,
  );

  const onUserCreated = useCallback(
    (user: User) => setData((d) => ({ ...d, users: byName([...d.users, user]) })),
    [setData],
  );

  return (
    <section>
      <PageHeading title="Administration">Administration</PageHeading>
      {data.status === 'loading' && <Loading />}
      {data.status === 'error' && (
        <ErrorState error={data.error} title="Could not load users and products" onRetry={data.reload} />
      )}
      {data.status === 'ready' && (
        <>
          <section aria-labelledby="admin-users">
            <h2 id="admin-users">Users</h2>
            <table className="table">
              <caption className="visually-hidden">Users</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Workspace admin</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {data.data.users.map((u) => (
                  <tr key={u.id}>
                    <td>{u.name}</td>
                    <td>{u.email}</td>
                    <td>{u.is_admin ? 'Yes' : 'No'}</td>
                    <td>{u.created_at ? new Date(u.created_at).toLocaleDateString() : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <CreateUserForm onCreated={onUserCreated} />
          </section>

          <section aria-labelledby="admin-roles">
            <h2 id="admin-roles">Product roles</h2>
            {data.data.products.length === 0 && <p className="muted">There are no products yet.</p>}
            {data.data.products.map((p) => (
              <ProductRoles key={p.id} initial={p} users={data.data.users} />
            ))}
          </section>
        </>
      )}
    </section>
  );
}
