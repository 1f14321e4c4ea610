import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

/** The typed client generated from openapi.json (`npm run api:types`): the UI cannot drift from the API. */
export type Schemas = components['schemas'];

export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem the API answered, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** Worth retrying with the same request (and the same Idempotency-Key). */
  get isTransient(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }

  /** The API's message for a field, to show beside it. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

let onUnauthorized: () => void = () => undefined;

/** What to do when the session has expired (the app sends the user to sign in, then back). */
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

/** Cookie-authenticated writes carry the header a cross-site form cannot send (the API's CSRF check). */
const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') request.headers.set('x-csrf-protection', '1');
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(csrf);

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a call, or an ApiError; a 401 also tells the app the session is gone. */
export async function call<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch {
    throw new ApiError(0, 'network', 'The connection dropped. Nothing is lost: it will be retried.');
  }
  const { data, error, response } = answer;
  if (response.ok) return data as T;
  const problem = (error ?? {}) as { code?: string; detail?: string; title?: string; errors?: FieldError[] };
  const retryAfter = Number(response.headers.get('retry-after'));
  const failure = new ApiError(
    response.status,
    problem.code ?? `http.${response.status}`,
    problem.detail ?? problem.title ?? response.statusText,
    problem.errors ?? [],
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
  if (response.status === 401) onUnauthorized();
  throw failure;
}

/**
 * A write that must not be lost: retried with the same Idempotency-Key while the failure is
 * transient (a dropped connection, 502-504), so the server records it exactly once.
 */
export async function callWithRetry<T>(
  send: () => Promise<Answer<T>>,
  { attempts = 6, onRetry }: { attempts?: number; onRetry?: (error: ApiError, attempt: number) => void } = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(send());
    } catch (error) {
      if (!(error instanceof ApiError) || !error.isTransient || attempt >= attempts) throw error;
      onRetry?.(error, attempt);
      const delay = Math.min(8000, (error.retryAfterSeconds ?? 0) * 1000 || 300 * 2 ** (attempt - 1));
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
