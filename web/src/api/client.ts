import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** One field-level problem, as the API reports it (`details` of an error body). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A failed API call. `status` 0 means the server could not be reached. `message` is already in
 * the user's language: every request sends the chosen language as Accept-Language.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let currentLanguage = 'en';
/** The language the API answers in; set by the i18n layer when the user switches. */
export function setApiLanguage(language: string) {
  currentLanguage = language;
}

const UNAUTHENTICATED_EVENT = 'mutua:unauthenticated';

/** Called when a signed-in call answers 401 (the session ended); returns an unsubscribe. */
export function onSessionEnded(listener: () => void): () => void {
  window.addEventListener(UNAUTHENTICATED_EVENT, listener);
  return () => window.removeEventListener(UNAUTHENTICATED_EVENT, listener);
}

const middleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage);
    return request;
  },
  onResponse({ request, response }) {
    const path = new URL(request.url).pathname;
    if (response.status === 401 && path !== '/api/auth/sign-in' && path !== '/api/auth/me') {
      window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
    }
    return response;
  },
};

/** The typed API client: every path, parameter and body is checked against the server's OpenAPI. */
export const api = createClient<paths>({ baseUrl: window.location.origin, credentials: 'same-origin' });
api.use(middleware);

interface ErrorBody {
  error?: { code?: string; message?: string; details?: FieldProblem[] };
}

/**
 * Awaits an openapi-fetch call and returns its data, or throws an ApiError built from the API's
 * error body (or a network error with status 0).
 */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await request;
  } catch (cause) {
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause));
  }
  const { data, error, response } = result;
  if (!response.ok) {
    const body = (error ?? {}) as ErrorBody;
    throw new ApiError(response.status, body.error?.code ?? 'http_error', body.error?.message ?? response.statusText, body.error?.details ?? []);
  }
  return data as T;
}
