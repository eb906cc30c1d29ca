// The signed-in user's session: GET /api/v1/me, and sign-out.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import { ApiError, setUnauthorizedHandler, toApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import type { Me } from '../../api/types';

export type SessionStatus = 'idle' | 'loading' | 'ready' | 'anonymous' | 'error';

export interface Session {
  status: SessionStatus;
  /** True once the user logged out here (as opposed to a session that expired). */
  loggedOut: boolean;
  me: Me | null;
  error: ApiError | null;
  /** Fetches /me; resolves with it (rejects with ApiError). */
  load: () => Promise<Me>;
  /**
   * Fetches /me again without leaving `ready` (a product renamed, a role granted); a failure
   * keeps the current one (a 401 still signs out).
   */
  refresh: () => Promise<void>;
  /** Calls logout on the server (errors ignored) and forgets the session. */
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

interface State {
  status: SessionStatus;
  loggedOut?: boolean;
  me: Me | null;
  error: ApiError | null;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'idle', me: null, error: null });

  useEffect(() => {
    // Any 401 from the API means the session is gone: RequireSession then sends to /login.
    setUnauthorizedHandler(() => setState({ status: 'anonymous', me: null, error: null }));
    return () => setUnauthorizedHandler(null);
  }, []);

  const load = useCallback(async () => {
    setState((s) => ({ ...s, status: 'loading', error: null }));
    try {
      const me = await api.me();
      setState({ status: 'ready', me, error: null });
      return me;
    } catch (e) {
      const err = toApiError(e);
      setState({ status: err.status === 401 ? 'anonymous' : 'error', me: null, error: err });
      throw err;
    }
  }, []);

  const refresh = useCallback(async () => {
    let me: Me;
    try {
      me = await api.me();
    } catch {
      return;
    }
    setState((s) => (s.status === 'ready' && s.me?.user.id === me.user.id ? { ...s, me } : s));
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } catch {
      // The cookie may already be gone; signing out locally is what matters.
    }
    setState({ status: 'anonymous', me: null, error: null, loggedOut: true });
  }, []);

  const value = useMemo<Session>(
    () => ({ ...state, loggedOut: state.loggedOut ?? false, load, refresh, logout }),
    [state, load, refresh, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession must be used inside <SessionProvider>');
  return s;
}

/** The loaded /me; only for components rendered inside <RequireSession>. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe used outside <RequireSession>');
  return me;
}
