import type { TFunction } from 'i18next';
import { isStale } from '../../api/client';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';

/**
 * What an admin form shows of a failed save: the server's field errors go
 * to their fields (`fieldErrors`), the rest above the form (`general`).
 */
export function saveProblems(error: unknown, t: TFunction, fields: readonly string[]) {
  const { otherErrors, fieldErrors } = formErrors(error, t, fields);
  const general = !error
    ? []
    : isStale(error)
      ? [t('conflict.text')]
      : otherErrors.length
        ? otherErrors
        : Object.keys(fieldErrors).length
          ? []
          : [errorMessage(error, t)];
  return { fieldErrors, general };
}
