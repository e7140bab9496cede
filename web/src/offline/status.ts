import { useSyncExternalStore } from 'react';

/**
 * The device's sync state, small enough for the first screen: whether the browser is online,
 * whether a sync is running, how many changes wait and how many need a person. The engine that
 * fills it (IndexedDB, the API) loads on demand with `loadEngine()`.
 */
export interface FieldStatus {
  online: boolean;
  syncing: boolean;
  /** Changes queued or being sent. */
  waiting: number;
  /** Changes the server refused: a person decides. */
  problems: number;
  /** Bumped whenever the local data changed (a sync, a queued change): screens reload from the store. */
  revision: number;
  /** The last sync's failure that is not a refusal (no network, server down), as an i18n key. */
  lastFailure: 'network' | 'server' | 'session' | null;
}

let state: FieldStatus = { online: typeof navigator === 'undefined' ? true : navigator.onLine, syncing: false, waiting: 0, problems: 0, revision: 0, lastFailure: null };
const listeners = new Set<() => void>();

export function setFieldStatus(change: Partial<FieldStatus>) {
  state = { ...state, ...change };
  for (const listener of listeners) listener();
}

export function fieldStatus(): FieldStatus {
  return state;
}

export function useFieldStatus(): FieldStatus {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => state,
  );
}

export const loadEngine = () => import('./engine');
