import { useEffect, useId, useState, type FormEvent } from 'react';

import { toApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { productLabel, roleLabel } from '../../api/labels';
import { ROLES, type Product, type Role, type User } from '../../api/types';
import { Warnings } from '../../components/Warnings';

interface Props {
  initial: Product;
  users: User[];
}

/** One product's role assignments, with assign and remove (workspace admin). */
export function ProductRoles({ initial, users }: Props) {
  const [product, setProduct] = useState(initial);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<Role>('team_member');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  // A newer copy from the page (a live update) replaces ours; the assign form keeps its input.
  useEffect(() => setProduct(initial), [initial]);

  async function refresh() {
    setProduct(await api.getProduct(product.id));
  }

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
      await refresh();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  }

  function onAssign(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!userId) {
      setError('Choose a user to assign.');
      return;
    }
    void run(() => api.assignRole(product.id, userId, role));
  }

  const roles = product.roles ?? [];
  const titleId = `${id}-title`;
  return (
    <section className="card" aria-labelledby={titleId} aria-busy={busy}>
      <h3 id={titleId}>{productLabel(product)}</h3>
      <Warnings warnings={product.warnings} />
      {error && (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      )}
      {roles.length === 0 ? (
        <p className="muted">No role assignments.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Role assignments for {product.name}</caption>
          <thead>
            <tr>
              <th scope="col">Role</th>
              <th scope="col">Person</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {roles.map((a) => (
              <tr key={a.id}>
                <td>{roleLabel(a.role)}</td>
                <td>{a.user.name}</td>
                <td>
                  <button
                    type="button"
                    className="link-button"
                    disabled={busy}
                    aria-label={`Remove ${roleLabel(a.role)} ${a.user.name}`}
                    onClick={() => void run(() => api.removeRole(product.id, a.id))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" onSubmit={onAssign}>
        <label htmlFor={`${id}-user`}>User</label>
        <select id={`${id}-user`} value={userId} onChange={(e) => setUserId(e.target.value)}>
          <option value="">Choose…</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.email})
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-role`}>Role</label>
        <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy}>
          Assign
        </button>
      </form>
    </section>
  );
}
