// Live updates for open pages: one shared event stream per signed-in session, and hooks that
// let a page react to the changes that concern it.
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';

import { notifyUnauthorized, toApiError } from '../../api/client';
import { api } from '../../api/endpoints';
import { LiveConnection, type LiveStatus } from '../../api/liveEvents';
import type { ChangeEvent } from '../../api/types';
import { useSession } from '../session/SessionContext';

interface LiveContextValue {
  connection: LiveConnection | null;
  status: LiveStatus;
}

const LiveContext = createContext<LiveContextValue>({ connection: null, status: 'unsupported' });

async function sessionStillGood(): Promise<boolean> {
  try {
    await api.me(); // a 401 signs the user out (the client's unauthorized handler)
    return true;
  } catch (e) {
    return toApiError(e).status !== 401;
  }
}

/**
 * Opens the stream while a user is signed in and closes it when they sign out. When the
 * server ends the stream because the session has ended, the app signs out as for a 401.
 */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const userId = session.status === 'ready' ? (session.me?.user.id ?? null) : null;
  const [value, setValue] = useState<LiveContextValue>({ connection: null, status: 'closed' });

  useEffect(() => {
    if (!userId) return;
    const connection = new LiveConnection({
      onSessionEnded: notifyUnauthorized,
      checkSession: sessionStillGood,
    });
    const off = connection.onStatus((status) =>
      setValue((v) => (v.connection === connection ? { connection, status } : v)),
    );
    setValue({ connection, status: connection.status });
    connection.start();
    return () => {
      off();
      connection.stop();
      setValue({ connection: null, status: 'closed' });
    };
  }, [userId]);

  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** The state of the shared stream (for the connection indicator). */
export function useLiveStatus(): LiveStatus {
  return useContext(LiveContext).status;
}

export interface LiveOptions {
  /** Quiet time after the last matching event before `onEvents` runs. */
  delayMs?: number;
  /** Longest wait from the first matching event, so a steady stream still updates. */
  maxDelayMs?: number;
}

/**
 * Calls `onEvents` with the change events that `accept` keeps, in batches: a burst of events
 * becomes one call (one refetch). Events that `accept` rejects never wake the page. Does
 * nothing when there is no stream (signed out, or no EventSource).
 */
export function useLiveEvents(
  accept: (event: ChangeEvent) => boolean,
  onEvents: (events: ChangeEvent[]) => void,
  { delayMs = 250, maxDelayMs = 1000 }: LiveOptions = {},
): void {
  const { connection } = useContext(LiveContext);
  const acceptRef = useRef(accept);
  const onEventsRef = useRef(onEvents);
  useEffect(() => {
    acceptRef.current = accept;
    onEventsRef.current = onEvents;
  });

  useEffect(() => {
    if (!connection) return;
    let pending: ChangeEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let firstAt = 0;
    const flush = () => {
      timer = null;
      const batch = pending;
      pending = [];
      if (batch.length > 0) onEventsRef.current(batch);
    };
    const off = connection.subscribe((event) => {
      if (!acceptRef.current(event)) return;
      pending.push(event);
      const now = Date.now();
      if (timer === null) firstAt = now;
      else clearTimeout(timer);
      timer = setTimeout(flush, Math.max(0, Math.min(delayMs, firstAt + maxDelayMs - now)));
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [connection, delayMs, maxDelayMs]);
}

/** The distinct names of the people behind `events` other than `selfId`, in order. */
export function otherActors(events: ChangeEvent[], selfId: string | undefined): string[] {
  const names: string[] = [];
  for (const e of events) {
    if (e.actor && e.actor.id !== selfId && !names.includes(e.actor.name)) names.push(e.actor.name);
  }
  return names;
}

/** "Alice", "Alice and Bob", "Alice, Bob and Carol". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
