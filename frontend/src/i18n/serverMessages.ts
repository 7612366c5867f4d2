import type { TFunction } from 'i18next';
import { ApiError, serverFieldErrors } from '../api/client';

/** A field of an import as the wizard labels it; the server's name when the kind has no such field. */
function fieldLabel(t: TFunction, field: string): string {
  return t(`import.fields.${field}` as 'import.fields.name', { defaultValue: field });
}

function kindLabel(t: TFunction, kind: string): string {
  return t(`import.kinds.${kind}` as 'import.kinds.organizations', { defaultValue: kind });
}

/**
 * What an import says about a cell, a row or the whole file
 * (services/import*.go), and what the create and update services say about
 * the fields an import sets.
 */
const IMPORT_MESSAGES: [RegExp, (t: TFunction, m: RegExpExecArray) => string][] = [
  [/^must be yes or no$/, (t) => t('serverErrors.yesNo')],
  [/^must be a whole number$/, (t) => t('serverErrors.wholeNumber')],
  [/^must be a date and time, such as (.+)$/, (t, m) => t('serverErrors.dateTime', { example: m[1] })],
  [/^must be a date YYYY-MM-DD$/, (t) => t('serverErrors.date')],
  [/^cannot be in the future$/, (t) => t('serverErrors.inFuture')],
  [/^must be one of (.+)$/, (t, m) => t('serverErrors.oneOf', { values: m[1] })],
  [/^must be between (\d+) and (\d+)$/, (t, m) => t('serverErrors.between', { min: m[1], max: m[2] })],
  [/^unknown country code "(.*)"$/, (t, m) => t('serverErrors.unknownCountry', { code: m[1] })],
  [/^must be a phone number: international \((.+)\), or national for the record's country$/, (t, m) => t('serverErrors.phone', { example: m[1] })],
  [/^"(.*)" is not an ISO 639-1 code$/, (t, m) => t('serverErrors.notLanguageCode', { code: m[1] })],
  [/^at most (\d+) languages$/, (t, m) => t('serverErrors.tooManyLanguages', { count: Number(m[1]) })],
  [/^the tag "(.*)" is archived$/, (t, m) => t('serverErrors.archivedTag', { tag: m[1] })],
  [/^no such contact$/, (t) => t('serverErrors.noSuchContact')],
  [/^this organization is already a participant$/, (t) => t('serverErrors.organizationTwice')],
  [/^this person is already a participant$/, (t) => t('serverErrors.personTwice')],
  [/^at most (\d+) participants$/, (t, m) => t('serverErrors.tooManyParticipants', { count: Number(m[1]) })],
  [/^cannot be held: it starts in the future \(planned until it happens\)$/, (t) => t('serverErrors.heldAhead')],
  [/^no organization called "(.*)" in your office$/, (t, m) => t('serverErrors.noOrganizationCalled', { name: m[1] })],
  [/^no contact called "(.*)" in your office$/, (t, m) => t('serverErrors.noContactCalled', { name: m[1] })],
  [/^no organization or contact called "(.*)" in your office$/, (t, m) => t('serverErrors.noParticipantCalled', { name: m[1] })],
  [
    /^"(.*)" names (\d+) records of your office: write the (organization|contact)'s id instead$/,
    (t, m) => t(m[3] === 'organization' ? 'serverErrors.ambiguousOrganization' : 'serverErrors.ambiguousContact', { name: m[1], count: Number(m[2]) }),
  ],
  [/^no user with the email "(.*)"$/, (t, m) => t('serverErrors.noUserWithEmail', { email: m[1] })],
  [/^a title needs the organization of the position$/, (t) => t('serverErrors.titleNeedsOrganization')],
  [/^the existing record (\d+) is another office's: it cannot be updated$/, (t, m) => t('serverErrors.anotherOfficesRecord', { id: m[1] })],
  [/^columns "(.*)" and "(.*)" both map to (.+)$/, (t, m) => t('serverErrors.columnsShareField', { first: m[1], second: m[2], field: fieldLabel(t, m[3]!) })],
  [
    /^column "(.*)" maps to "(.*)", which is not a field of (.+)$/,
    (t, m) => t('serverErrors.fieldOfAnotherKind', { column: m[1], field: fieldLabel(t, m[2]!), kind: kindLabel(t, m[3]!) }),
  ],
  [/^has no header row$/, (t) => t('serverErrors.noHeaderRow')],
  [/^has no data rows$/, (t) => t('serverErrors.noDataRows')],
  [/^(?:not a CSV \(UTF-8\) or XLSX file|must be CSV in UTF-8 or XLSX|the file is not CSV \(UTF-8\) or XLSX)$/, (t) => t('serverErrors.notSpreadsheet')],
];

// The server writes its validation messages in English. The ones people meet
// in the forms and in an import's row errors are translated here, keeping the
// names, values and numbers the message quotes; anything else is shown as the
// server said it. The import's wording is pinned on the server by
// services/import_messages_test.go.
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
  [/^is before starts_at$/, (t) => t('serverErrors.endsBeforeStarts')],
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
  ...IMPORT_MESSAGES,
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
