import createClient from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The one HTTP client of the app, typed from the server's OpenAPI document
 * (schema.d.ts is generated: `npm run gen:api`). Authentication is the
 * server's HttpOnly session cookie, so nothing is stored client side.
 *
 * `fetch` is looked up on every call rather than captured once, so tests can
 * stub `globalThis.fetch`; an absolute baseUrl keeps jsdom's Request happy.
 */
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  fetch: (request) => globalThis.fetch(request),
  credentials: 'same-origin',
  // The server takes alternatives comma-separated (`type=ministry,ngo`), OpenAPI's explode=false.
  querySerializer: { array: { style: 'form', explode: false } },
  headers: { Accept: 'application/json, application/problem+json' },
});

/** The header that makes a POST safe to repeat: the server answers a repeat with the first response. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/**
 * A fresh key for one logical request (a UUID v4). `crypto.randomUUID` needs
 * a secure context; a plain-HTTP address on a LAN falls back to random bytes.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Every POST carries an Idempotency-Key. A caller that may send the same
// request again (the offline outbox, a Retry button) passes its own key, and
// the same one each time; any other POST gets a fresh key here.
api.use({
  onRequest({ request }) {
    if (request.method === 'POST' && !request.headers.has(IDEMPOTENCY_HEADER)) {
      request.headers.set(IDEMPOTENCY_HEADER, newIdempotencyKey());
    }
    return request;
  },
});

type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Operation<P extends keyof paths, M extends keyof paths[P]> = paths[P][M];

/**
 * The JSON body an operation accepts, named by path and method so that code
 * does not depend on how the server names its schemas:
 * `RequestBody<'/api/v1/organizations', 'post'>`.
 */
export type RequestBody<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { requestBody?: infer R } ? JsonContent<NonNullable<R>> : never;

/** The JSON body an operation answers with for one status (200 unless given). */
export type ResponseBody<P extends keyof paths, M extends keyof paths[P], S extends number = 200> =
  Operation<P, M> extends { responses: infer Rs } ? (S extends keyof Rs ? JsonContent<Rs[S]> : never) : never;

/** One entry of a problem's `errors` array: `location` is like `body.name`. */
export interface ApiErrorDetail {
  location: string;
  message: string;
}

/** The JSON body of an `application/problem+json` answer (RFC 9457). */
interface ProblemBody {
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  request_id?: string;
  errors?: { location?: string; message?: string }[] | null;
}

/**
 * Every failed request ends up as an ApiError: a problem+json answer keeps
 * the server's title, detail, stable `code` (`not_found`, `stale`…), request
 * id and field errors; anything else (a proxy's HTML page, a network
 * failure) gets the bare minimum. `status` is 0 when the server could not be
 * reached at all; `retryAfter` is the Retry-After of a 429 or 503, in seconds.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly code: string;
  readonly request_id: string;
  readonly errors: ApiErrorDetail[];
  readonly retryAfter: number | null;

  constructor(init: {
    status: number;
    title?: string;
    detail?: string;
    code?: string;
    request_id?: string;
    errors?: ApiErrorDetail[];
    retryAfter?: number | null;
  }) {
    const title = init.title ?? '';
    const detail = init.detail ?? '';
    super(detail || title || `HTTP ${init.status}`);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = title;
    this.detail = detail;
    this.code = init.code ?? '';
    this.request_id = init.request_id ?? '';
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter ?? null;
  }

  /** Builds the error from what openapi-fetch parsed out of a failed response. */
  static fromResponse(body: unknown, response: Response): ApiError {
    const problem: ProblemBody = isObject(body) ? (body as ProblemBody) : {};
    const errors = Array.isArray(problem.errors)
      ? problem.errors.map((e) => ({ location: e.location ?? '', message: e.message ?? '' }))
      : [];
    return new ApiError({
      status: typeof problem.status === 'number' ? problem.status : response.status,
      title: problem.title ?? response.statusText,
      detail: problem.detail,
      code: typeof problem.code === 'string' ? problem.code : undefined,
      request_id: problem.request_id ?? response.headers.get('X-Request-ID') ?? undefined,
      errors,
      retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
    });
  }

  /** True when the server could not be reached (offline, DNS, refused). */
  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

/** Retry-After as whole seconds from now: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** What an openapi-fetch call resolves to: data on success, error otherwise. */
interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The success body of a call; `void` for answers without one (204). */
export type SuccessData<R extends FetchResult> = [Exclude<R['data'], undefined>] extends [never]
  ? void
  : Exclude<R['data'], undefined>;

/**
 * Awaits an openapi-fetch call and returns its data, or throws an ApiError.
 * Hooks call the API only through this, so every failure has one shape.
 */
export async function unwrap<R extends FetchResult>(call: Promise<R>): Promise<SuccessData<R>> {
  let result: R;
  try {
    result = await call;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ status: 0, title: 'Network error', detail: String(cause) });
  }
  if (result.error !== undefined || !result.response.ok) {
    throw ApiError.fromResponse(result.error, result.response);
  }
  return result.data as SuccessData<R>;
}

/**
 * Maps a server location (`body.name`, `body.tags[1]`, `body.address.city`) to
 * the form path it belongs to (`name`, `tags.1`, `address.city`); locations
 * outside the body (`query.limit`, `header.If-Match`) have no form field.
 */
export function locationToField(location: string): string | null {
  if (!location.startsWith('body.')) return null;
  const path = location
    .slice('body.'.length)
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
  return path || null;
}

/** The If-Match header for a record read at `version` (the server's ETag is `"<version>"`). */
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` };
}

/** True for the answer to a write based on a stale version (someone else saved first). */
export function isStale(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 412;
}

/**
 * Splits an ApiError's `errors` into messages for known form fields and the
 * rest (shown above the form). With `fields` given, a location naming another
 * field counts as "rest", so no message is ever silently dropped. A location
 * below a known field (`tags.1`) is reported on that field, unless the field
 * is listed in `nested` (a list edited row by row, like `positions`), where
 * the full path (`positions.0.organization_id`) is kept.
 */
export function serverFieldErrors(
  error: unknown,
  fields?: readonly string[],
  nested: readonly string[] = [],
): { fieldErrors: Record<string, string>; otherErrors: string[] } {
  const fieldErrors: Record<string, string> = {};
  const otherErrors: string[] = [];
  if (!(error instanceof ApiError)) return { fieldErrors, otherErrors };
  for (const { location, message } of error.errors) {
    const field = locationToField(location);
    const root = field?.split('.')[0];
    if (field && root && (!fields || fields.includes(root))) {
      const key = fields && !fields.includes(field) && !nested.includes(root) ? root : field;
      fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]} ${message}` : message;
    } else {
      otherErrors.push(message);
    }
  }
  return { fieldErrors, otherErrors };
}
