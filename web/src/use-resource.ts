import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from './api-error.ts';

export type ResourceState<T> =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly error: ApiError }
  | { readonly status: 'ready'; readonly data: T };

/**
 * Loads data for a key (a URL-like string; null = nothing to load), aborting the previous request when
 * the key changes so a slow answer never overwrites a newer one. `reload` asks again for the same key
 * and keeps showing what was loaded until the answer comes, so a refresh does not blank the page.
 */
export function useResource<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
): ResourceState<T> & { reload: () => void } {
  const [state, setState] = useState<ResourceState<T>>(
    key === null ? { status: 'idle' } : { status: 'loading' },
  );
  const [attempt, setAttempt] = useState(0);
  const loadedKey = useRef<string | null>(null);
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    const sameKey = loadedKey.current === key;
    setState((previous) => (sameKey && previous.status === 'ready' ? previous : { status: 'loading' }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        loadedKey.current = key;
        setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
