import { useCallback, useState } from 'react';
import { toApiError, type ApiError } from './api-error.ts';

/**
 * Runs one write at a time for a form or a row of buttons: `busy` while it runs, the API's problem
 * when it fails (cleared at the next try). `run` resolves to true when the write succeeded.
 */
export function useAction(): {
  busy: boolean;
  error: ApiError | null;
  run: (work: () => Promise<unknown>) => Promise<boolean>;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async (work: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (thrown) {
      setError(toApiError(thrown));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
