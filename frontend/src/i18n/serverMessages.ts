import type { TFunction } from 'i18next';
import { ApiError, serverFieldErrors } from '../api/client';

// The server writes its validation messages in English. The ones people meet
// in the forms are translated here; anything else is shown as the server said it.
const KNOWN: [RegExp, (t: TFunction, m: RegExpExecArray) => string][] = [
  [/^wrong email,? (?:or )?password(?: or code)?\.?$/i, (t) => t('errors.codes.invalid_credentials')],
  [/^(?:not found|no such record)\.?$/i, (t) => t('errors.codes.not_found')],
  [/^(?:forbidden|you may not do this)\.?$/i, (t) => t('errors.codes.forbidden')],
  [/^must be an email address$/, (t) => t('serverErrors.email')],
  [/^must start with http:\/\/ or https:\/\/$/, (t) => t('serverErrors.website')],
  [/^is required$|^expected length >= 1$/, (t) => t('serverErrors.required')],
  [/^no such organization$/, (t) => t('serverErrors.noSuchOrganization')],
  [/^no such office$/, (t) => t('serverErrors.noSuchOffice')],
  [/^is before start_date$/, (t) => t('serverErrors.endBeforeStart')],
  [/^would make the hierarchy a cycle$/, (t) => t('serverErrors.cycle')],
  [/^hierarchy is too deep$/, (t) => t('serverErrors.tooDeep')],
  [/^a contact needs a given name, a family name or a local-script name$/, (t) => t('serverErrors.contactName')],
  [/^must be an active user of the record's office$/, (t) => t('serverErrors.owner')],
  [/^you cannot deactivate yourself$/, (t) => t('serverErrors.deactivateSelf')],
  [/^you cannot remove your own admin role$/, (t) => t('serverErrors.demoteSelf')],
  [/^is not your current password$/, (t) => t('serverErrors.notCurrentPassword')],
  [/^(?:must be at least|expected length >=) (\d+)(?: characters)?$/, (t, m) => t('serverErrors.minLength', { count: Number(m[1]) })],
  [/^(?:must be at most|expected length <=) (\d+)(?: characters)?$/, (t, m) => t('serverErrors.maxLength', { count: Number(m[1]) })],
  [/^unknown tag "?([^"]*)"?$/, (t, m) => t('serverErrors.unknownTag', { tag: m[1] })],
  [/^this person withdrew their consent$/, (t) => t('serverErrors.consentWithdrawn')],
  [/^this person's data was erased$/, (t) => t('serverErrors.personErased')],
];

/** The message in the UI language, or null when it is not one the app knows. */
export function knownServerMessage(message: string, t: TFunction): string | null {
  for (const [pattern, render] of KNOWN) {
    const match = pattern.exec(message.trim());
    if (match) return render(t, match);
  }
  return null;
}

export function translateServerMessage(message: string, t: TFunction): string {
  return knownServerMessage(message, t) ?? message;
}

/** serverFieldErrors, with each message in the UI language where it is known. */
export function formErrors(error: unknown, t: TFunction, fields?: readonly string[], nested: readonly string[] = []) {
  const translated =
    error instanceof ApiError
      ? new ApiError({
          status: error.status,
          title: error.title,
          detail: error.detail,
          code: error.code,
          request_id: error.request_id,
          retryAfter: error.retryAfter,
          errors: error.errors.map((e) => ({ ...e, message: translateServerMessage(e.message, t) })),
        })
      : error;
  return serverFieldErrors(translated, fields, nested);
}
