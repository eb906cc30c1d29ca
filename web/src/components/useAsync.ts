import { useCallback, useEffect, useRef, useState } from 'react';

import { ApiError, toApiError } from '../api/client';

export type AsyncState<T> =
  | { status: 'loading'; data: T | undefined; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | undefined; error: ApiError };

/**
 * Runs `load` on mount and whenever `deps` change; `reload` runs it again (the Retry button).
 * `refresh` runs it again quietly: the page keeps showing its data (no loading state) until
 * the new data arrives, and a failure keeps the old data. A newer run aborts an older one, so
 * stale responses (after deps changed, a newer refresh, or unmount) are dropped.
 */
export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): AsyncState<T> & {
  reload: () => void;
  refresh: () => void;
  setData: (update: (prev: T) => T) => void;
} {
  const [state, setState] = useState<AsyncState<T>>({
    status: 'loading',
    data: undefined,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  const quiet = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    const isQuiet = quiet.current;
    quiet.current = false;
    if (!isQuiet) setState((s) => ({ status: 'loading', data: s.data, error: null }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data, error: null });
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        // A quiet refresh that fails leaves the shown data alone; a 401 still signs out.
        setState((s) =>
          isQuiet && s.status === 'ready' ? s : { status: 'error', data: s.data, error: toApiError(e) },
        );
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const refresh = useCallback(() => {
    quiet.current = true;
    setAttempt((n) => n + 1);
  }, []);
  const setData = useCallback((update: (prev: T) => T) => {
    setState((s) => (s.status === 'ready' ? { ...s, data: update(s.data) } : s));
  }, []);

  return { ...state, reload, refresh, setData };
}
