import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

export type Loadable<T> =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'ready'; data: T; error: undefined }
  | { status: 'failed'; data: undefined; error: ApiError };

/**
 * Loads data with an API call when the dependencies change; `reload` fetches again (after a
 * change). An answer that arrives after the dependencies moved on is dropped.
 */
export function useApi<T>(load: () => Promise<T>, deps: DependencyList): Loadable<T> & { reload: () => Promise<void> } {
  const [state, setState] = useState<Loadable<T>>({ status: 'loading', data: undefined, error: undefined });
  const generation = useRef(0);
  // The caller lists what `load` reads, as with useEffect.
  const stable = useCallback(load, deps);

  const run = useCallback(async (quiet: boolean) => {
    const mine = ++generation.current;
    if (!quiet) setState({ status: 'loading', data: undefined, error: undefined });
    try {
      const data = await stable();
      if (mine === generation.current) setState({ status: 'ready', data, error: undefined });
    } catch (error) {
      if (mine === generation.current) setState({ status: 'failed', data: undefined, error: asApiError(error) });
    }
  }, [stable]);

  useEffect(() => {
    void run(false);
  }, [run]);

  const reload = useCallback(() => run(true), [run]);
  return { ...state, reload };
}

export function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'client', error instanceof Error ? error.message : String(error));
}
