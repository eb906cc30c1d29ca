import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';

import { ErrorState } from '../../components/ErrorState';
import { Loading } from '../../components/Loading';
import { useSession } from './SessionContext';

/** Renders children once /me has loaded; anonymous visitors go to /login. */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const { status, load } = session;

  useEffect(() => {
    if (status === 'idle') load().catch(() => undefined);
  }, [status, load]);

  if (status === 'anonymous') {
    // After an expired session, come back here once logged in again; not after a log-out.
    const from = location.pathname + location.search;
    const state = session.loggedOut || from === '/' ? undefined : { from };
    return <Navigate to="/login" replace state={state} />;
  }
  if (status === 'error') {
    return (
      <main className="page">
        <ErrorState
          error={session.error}
          title="Could not load your session"
          onRetry={() => load().catch(() => undefined)}
        />
      </main>
    );
  }
  if (status !== 'ready') {
    return (
      <main className="page">
        <Loading />
      </main>
    );
  }
  return <>{children}</>;
}
