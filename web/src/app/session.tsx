import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, ApiError, call, onSessionEnded } from '../api/client';
import type { Me, Scheme } from '../api/types';
import { changeLanguage, hasChosenLanguage, isLanguage } from '../i18n';
import { hasAnywhere } from './access';
import { href, navigate, useLocation } from './router';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'failed'; error: ApiError }
  | { status: 'signed-in'; me: Me; schemes: Scheme[] };

interface SessionApi {
  state: SessionState;
  /** After a successful sign-in (or set-up): loads what the shell needs. */
  signedIn(me: Me): Promise<void>;
  signOut(): Promise<void>;
  /** Reloads the schemes list (after one was created or renamed). */
  reloadSchemes(): Promise<void>;
  retry(): void;
}

const SessionContext = createContext<SessionApi | undefined>(undefined);

async function loadSchemes(me: Me): Promise<Scheme[]> {
  if (!hasAnywhere(me, 'organizations.read')) return [];
  return call(api.GET('/api/schemes'));
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const signedIn = useCallback(async (me: Me) => {
    // The profile's language applies unless the user chose one on this device.
    if (!hasChosenLanguage() && isLanguage(me.locale)) await changeLanguage(me.locale, { remember: false });
    setState({ status: 'signed-in', me, schemes: await loadSchemes(me) });
  }, []);

  useEffect(() => {
    let cancelled = false;
    call(api.GET('/api/auth/me'))
      .then(async (me) => {
        if (!cancelled) await signedIn(me);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        if (error instanceof ApiError && error.status === 401) setState({ status: 'signed-out' });
        else setState({ status: 'failed', error: error instanceof ApiError ? error : new ApiError(0, 'network', String(error)) });
      });
    return () => {
      cancelled = true;
    };
  }, [attempt, signedIn]);

  useEffect(() => onSessionEnded(() => setState({ status: 'signed-out' })), []);

  const value = useMemo<SessionApi>(
    () => ({
      state,
      signedIn,
      async signOut() {
        try {
          await call(api.POST('/api/auth/sign-out'));
        } finally {
          setState({ status: 'signed-out' });
          navigate('/sign-in');
        }
      },
      async reloadSchemes() {
        if (state.status !== 'signed-in') return;
        const schemes = await loadSchemes(state.me);
        setState({ ...state, schemes });
      },
      retry: () => {
        setState({ status: 'loading' });
        setAttempt((n) => n + 1);
      },
    }),
    [state, signedIn],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only for components rendered inside the signed-in shell. */
export function useMe(): { me: Me; schemes: Scheme[] } {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useMe while not signed in');
  return state;
}

/**
 * The scheme the user works on, from the `scheme` query parameter (so a link or a reload keeps
 * it); the first scheme they can see when the parameter is missing or names another.
 */
export function useCurrentScheme(): Scheme | undefined {
  const { schemes } = useMe();
  const { query } = useLocation();
  const code = query.get('scheme');
  return schemes.find((s) => s.code === code) ?? schemes[0];
}

/** A path that keeps the chosen scheme in the URL. */
export function useSchemeHref(): (path: string, query?: Record<string, string | undefined>) => string {
  const { schemes } = useMe();
  const { query } = useLocation();
  const code = query.get('scheme');
  const keep = schemes.length > 1 && schemes.some((s) => s.code === code) ? code : undefined;
  return (path, extra = {}) => href(path, { scheme: keep, ...extra });
}
