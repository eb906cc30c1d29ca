import { useCallback, useEffect, useState } from 'react';

import { backlogApi } from '../../api/backlog';
import { useLiveEvents } from '../live/LiveEvents';
import { useMe } from '../session/SessionContext';

let listeners: (() => void)[] = [];

/** The number of unread inbox entries (null until known or when the inbox is unavailable). */
export function useInbox(): { unread: number | null; refresh: () => void } {
  const me = useMe();
  const [unread, setUnread] = useState<number | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    backlogApi.inbox(true, controller.signal).then(
      (entries) => setUnread(entries.length),
      () => {
        if (!controller.signal.aborted) setUnread(null);
      },
    );
    return () => controller.abort();
  }, [attempt, me.user.id]);

  useEffect(() => {
    const l = () => setAttempt((n) => n + 1);
    listeners.push(l);
    return () => {
      listeners = listeners.filter((x) => x !== l);
    };
  }, []);

  // Mentions arrive with comments, and watched items change: both are item events.
  useLiveEvents(
    (e) => e.entity_type === 'item',
    () => setAttempt((n) => n + 1),
    { delayMs: 500, maxDelayMs: 2000 },
  );

  const refresh = useCallback(() => {
    for (const l of listeners) l();
  }, []);
  return { unread, refresh };
}
