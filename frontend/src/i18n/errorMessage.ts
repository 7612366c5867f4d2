import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';

/**
 * The sentence to show a person for a failed request: the server's own detail
 * when it gave one (it is written for people), else a translated fallback.
 */
export function errorMessage(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    if (error.isNetworkError) return t('errors.network');
    if (error.status === 429) return error.detail || t('login.throttled');
    if (error.detail) return error.detail;
    if (error.title && error.status < 500) return error.title;
  }
  return t('errors.unexpected');
}
