import type { TFunction } from 'i18next';
import type { ConsentBasis, Gender } from '../hooks/contacts';

// Contact enumerations, written as records so the type checker notices when
// the OpenAPI document adds or drops a value.
const GENDERS: Record<Gender, true> = { female: true, male: true, other: true, undisclosed: true };
const CONSENT: Record<ConsentBasis, true> = { consent: true, legitimate_interest: true, public_role: true };

export const GENDER_VALUES = Object.keys(GENDERS) as Gender[];
export const CONSENT_VALUES = Object.keys(CONSENT) as ConsentBasis[];

export function genderOptions(t: TFunction) {
  return GENDER_VALUES.map((value) => ({ value, label: t(`contact.genders.${value}`) }));
}

export function consentOptions(t: TFunction) {
  return CONSENT_VALUES.map((value) => ({ value, label: t(`contact.consent.${value}`) }));
}

/** Languages offered for a contact: the ones this work meets most, then the rest of ISO 639-1. */
export const LANGUAGE_CODES = [
  'ar', 'bs', 'en', 'hr', 'sr', 'ku', 'tr', 'fr', 'de', 'fa', 'es', 'ru', 'it', 'nl', 'sv', 'sq', 'mk', 'sl', 'hu', 'el',
  'zh', 'ja', 'ko', 'hi', 'ur', 'bn', 'pt', 'pl', 'uk', 'ro', 'bg', 'cs', 'sk', 'da', 'no', 'fi', 'he', 'am', 'so', 'sw',
  'ps', 'id', 'ms', 'th', 'vi', 'tl', 'ha', 'yo', 'ig', 'az', 'ka', 'hy', 'uz', 'kk', 'mn', 'ne', 'si', 'ta', 'te', 'ti',
];
