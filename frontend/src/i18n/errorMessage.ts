import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { knownServerMessage } from './serverMessages';

/**
 * The problem codes the server sends (api/problem.go) that the app has words
 * for. A code names the kind of error; it is translated, where the server's
 * `detail` is English.
 */
export const PROBLEM_CODES = [
  'bad_request',
  'invalid_credentials',
  'mfa_required',
  'mfa_enrolment_required',
  'password_login_disabled',
  'unauthenticated',
  'forbidden',
  'commitment_close_not_allowed',
  'not_found',
  'method_not_allowed',
  'conflict',
  'stale',
  'body_too_large',
  'unsupported_media_type',
  'validation_failed',
  'precondition_required',
  'too_many_requests',
  'request_cancelled',
  'internal_error',
  'unavailable',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export function isProblemCode(code: string): code is ProblemCode {
  return (PROBLEM_CODES as readonly string[]).includes(code);
}

/** Codes whose detail names what was wrong: the first field's message, when the app knows it, follows the sentence. */
const WITH_FIELD_MESSAGE: readonly ProblemCode[] = ['validation_failed', 'conflict'];

/** The sentence for a problem code, in the UI language; null for a code the app does not know. */
export function codeMessage(error: ApiError, t: TFunction): string | null {
  const { code } = error;
  if (!isProblemCode(code)) return null;
  if (code === 'too_many_requests' || code === 'unavailable') {
    const wait = error.retryAfter;
    if (wait != null && wait > 0) return t(code === 'too_many_requests' ? 'errors.codes.too_many_requests_wait' : 'errors.codes.unavailable_wait', { count: wait });
  }
  const sentence = t(`errors.codes.${code}`);
  if (WITH_FIELD_MESSAGE.includes(code) && error.errors[0]) {
    const field = knownServerMessage(error.errors[0].message, t);
    if (field) return t('errors.withDetail', { sentence, detail: field });
  }
  return sentence;
}

/**
 * True for a request or a page's code that could not be fetched because the
 * server was out of reach: the API client's status 0, and what browsers throw
 * from fetch() or a dynamic import() when offline ("Failed to fetch",
 * "NetworkError when attempting to fetch resource", "Load failed",
 * "Failed to fetch dynamically imported module", "Importing a module script failed").
 */
export function isNetworkFailure(error: unknown): boolean {
  if (error instanceof ApiError) return error.isNetworkError;
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'ChunkLoadError' ||
    /failed to fetch|networkerror|load failed|network request failed|dynamically imported module|importing a module script failed|error loading dynamically imported module/i.test(error.message)
  );
}

/**
 * The sentence to show a person for a failed request: the problem's `code`
 * in the UI language when the app knows it; else the server's own detail,
 * translated when the app knows the sentence (it is written for people, in
 * English), else a translated fallback. Never a raw exception
 * ("TypeError: Failed to fetch" is the network message).
 */
export function errorMessage(error: unknown, t: TFunction): string {
  if (isNetworkFailure(error)) return t('errors.network');
  if (error instanceof ApiError) {
    const byCode = codeMessage(error, t);
    if (byCode) return byCode;
    if (error.status === 429) {
      return error.retryAfter ? t('errors.codes.too_many_requests_wait', { count: error.retryAfter }) : error.detail || t('login.throttled');
    }
    if (error.detail) return knownServerMessage(error.detail, t) ?? error.detail;
    if (error.title && error.status < 500) return error.title;
  }
  return t('errors.unexpected');
}
