import { useCallback, useState } from 'react';
import type { ApiError } from '../api/client';
import { asApiError } from './use-api';

/**
 * The state of a form that calls the API: `busy` while the call runs, the API's `error` after a
 * refusal. `run` clears the previous error, runs the action and keeps what went wrong.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const run = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(asApiError(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
