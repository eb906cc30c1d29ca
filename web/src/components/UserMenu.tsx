import { useEffect, useId, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';

import { roleLabel } from '../api/labels';
import type { MyProduct, User } from '../api/types';
import { useSession } from '../features/session/SessionContext';

interface Props {
  user: User;
  product: MyProduct | null;
}

export function UserMenu({ user, product }: Props) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const { logout } = useSession();
  const navigate = useNavigate();
  const menuId = useId();
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  async function onLogout() {
    setBusy(true);
    await logout();
    navigate('/login', { replace: true });
  }

  const roles = product?.my_roles ?? [];

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        type="button"
        className="user-menu-button"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        {user.name}
      </button>
      {open && (
        <div className="user-menu-panel" id={menuId}>
          <p className="user-email">{user.email}</p>
          {user.is_admin && <p className="muted">Workspace administrator</p>}
          {product && (
            <div className="user-roles">
              <p className="muted">Roles in {product.name}</p>
              {roles.length > 0 ? (
                <ul>
                  {roles.map((r) => (
                    <li key={r}>{roleLabel(r)}</li>
                  ))}
                </ul>
              ) : (
                <p>No role</p>
              )}
            </div>
          )}
          <button type="button" onClick={onLogout} disabled={busy}>
            Log out
          </button>
        </div>
      )}
    </div>
  );
}
