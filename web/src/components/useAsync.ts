import { useCallback, useEffect, useState } from 'react';

import { ApiError, toApiError } from '../api/client';

export type AsyncState<T> =
  | { status: 'loading'; data: T | undefined; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | undefined; error: ApiError };

/**
 * Runs `load` on mount and whenever `deps` change; `reload` runs it again (the Retry button).
 * Stale responses (after deps changed or unmount) are dropped via the AbortSignal.
 */
export function useAsync<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): AsyncState<T> & { reload: () => void; setData: (update: (prev: T) => T) => void } {
  const [state, setState] = useState<AsyncState<T>>({
    status: 'loading',
    data: undefined,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((s) => ({ status: 'loading', data: s.data, error: null }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data, error: null });
      },
      (e: unknown) => {
        if (!controller.signal.aborted) {
          setState((s) => ({ status: 'error', data: s.data, error: toApiError(e) }));
        }
      },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const setData = useCallback((update: (prev: T) => T) => {
    setState((s) => (s.status === 'ready' ? { ...s, data: update(s.data) } : s));
  }, []);

  return { ...state, reload, setData };
}
