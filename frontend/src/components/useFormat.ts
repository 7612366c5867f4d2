import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../i18n';

/** A plain date `YYYY-MM-DD` as midnight UTC, so no time zone moves it a day. */
function parseDate(value: string): Date | null {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Dates, numbers and language names in the UI language, through Intl:
 * Arabic readers get Arabic month names and digits, Bosnian readers theirs.
 */
export function useFormat() {
  const { i18n } = useTranslation();
  const ui = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const language = intlLocale(ui, 'dates');
    const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' });
    const dateTime = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
    const localDate = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
    const number = new Intl.NumberFormat(language);
    let languages: Intl.DisplayNames | null = null;
    try {
      languages = new Intl.DisplayNames([intlLocale(ui, 'names')], { type: 'language', fallback: 'code' });
    } catch {
      languages = null;
    }
    return {
      /** A plain date (`2026-11-27`) or the day of a timestamp. */
      date: (value: string | null | undefined) => {
        const parsed = value ? parseDate(value) : null;
        if (!parsed) return '';
        return /^\d{4}-\d{2}-\d{2}$/.test(value!) ? date.format(parsed) : localDate.format(parsed);
      },
      dateTime: (value: string | null | undefined) => {
        const parsed = value ? parseDate(value) : null;
        return parsed ? dateTime.format(parsed) : '';
      },
      number: (value: number) => number.format(value),
      /** An ISO 639-1 code as the language's name: `ar` → "Arabic" / "العربية". */
      language: (code: string) => languages?.of(code) ?? code,
    };
  }, [ui]);
}
