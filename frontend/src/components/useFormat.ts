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
 * The formatters are made once per language and shared by every component:
 * making an Intl formatter loads locale data, which costs milliseconds apiece
 * on a phone, and a page has dozens of components asking for them.
 */
export function useFormat() {
  const { i18n } = useTranslation();
  return formatFor(i18n.resolvedLanguage ?? 'en');
}

export type Format = ReturnType<typeof makeFormat>;

const formats = new Map<string, Format>();

function formatFor(ui: string): Format {
  const language = intlLocale(ui, 'dates');
  const names = intlLocale(ui, 'names');
  const key = `${language} ${names}`;
  let format = formats.get(key);
  if (!format) {
    format = makeFormat(language, names);
    formats.set(key, format);
  }
  return format;
}

function makeFormat(language: string, names: string) {
  // Each formatter is made on first use: most pages show dates but few show language names.
  const once = <T,>(make: () => T) => {
    let made: { value: T } | undefined;
    return () => (made ??= { value: make() }).value;
  };
  const date = once(() => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }));
  const dateTime = once(() => new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }));
  const localDate = once(() => new Intl.DateTimeFormat(language, { dateStyle: 'medium' }));
  const number = once(() => new Intl.NumberFormat(language));
  const languages = once(() => {
    try {
      return new Intl.DisplayNames([names], { type: 'language', fallback: 'code' });
    } catch {
      return null;
    }
  });
  return {
    /** A plain date (`2026-11-27`) or the day of a timestamp. */
    date: (value: string | null | undefined) => {
      const parsed = value ? parseDate(value) : null;
      if (!parsed) return '';
      return /^\d{4}-\d{2}-\d{2}$/.test(value!) ? date().format(parsed) : localDate().format(parsed);
    },
    dateTime: (value: string | null | undefined) => {
      const parsed = value ? parseDate(value) : null;
      return parsed ? dateTime().format(parsed) : '';
    },
    number: (value: number) => number().format(value),
    /** An ISO 639-1 code as the language's name: `ar` → "Arabic" / "العربية". */
    language: (code: string) => languages()?.of(code) ?? code,
  };
}
