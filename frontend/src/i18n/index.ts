import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['en', 'ar', 'bs'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where the chosen language is kept until users can store it in their profile. */
export const LANGUAGE_STORAGE_KEY = 'liaison.language';

const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['ar']);

/**
 * Each catalogue is its own chunk, fetched when its language is first used:
 * a person reading Arabic never downloads the English or Bosnian text. A
 * language's catalogue is its base file plus one file per area of the app
 * (areas/<area>.<language>.json), merged key by key into one module
 * (catalogues/<language>.ts), so that a language is one request.
 */
const catalogues: Record<Language, () => Promise<ResourceKey>> = {
  en: () => import('./catalogues/en').then((m) => m.default),
  ar: () => import('./catalogues/ar').then((m) => m.default),
  bs: () => import('./catalogues/bs').then((m) => m.default),
};

const lazyCatalogues: BackendModule = {
  type: 'backend',
  init: () => {},
  read: (language, _namespace, callback) => {
    const load = isLanguage(language) ? catalogues[language] : catalogues.en;
    load().then(
      (catalogue) => callback(null, catalogue),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(language: string): 'ltr' | 'rtl' {
  return isLanguage(language) && RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}

/**
 * The stored choice, else the language cookie (the account's, set by the
 * server at sign-in), else the browser's first supported language, else English.
 */
export function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be unavailable (privacy mode); fall through.
  }
  const cookie = languageCookie();
  if (cookie) return cookie;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag?.split('-')[0]?.toLowerCase();
    // Serbian and Croatian readers are better served by Bosnian than English.
    if (base === 'hr' || base === 'sr') return 'bs';
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Mirrors the language onto <html lang dir>, which Mantine's DirectionProvider follows. */
export function applyDocumentLanguage(language: string): void {
  const root = document.documentElement;
  root.setAttribute('lang', language);
  root.setAttribute('dir', directionOf(language));
}

/**
 * The cookie the server reads to name the language's catalogue in the page
 * it serves (api/language_cookie.go): the next load then fetches it with the
 * app instead of after it. A year, like the server's.
 */
const LANGUAGE_COOKIE = 'liaison_lang';

function languageCookie(): Language | undefined {
  const value = document.cookie
    .split(';')
    .map((part) => part.trim().split('='))
    .find(([name]) => name === LANGUAGE_COOKIE)?.[1];
  return isLanguage(value) ? value : undefined;
}

/** Switches the UI language and remembers the choice on this browser (and tells the server, for the next page it serves). */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisted, but the switch itself still works.
  }
  document.cookie = `${LANGUAGE_COOKIE}=${language}; path=/; max-age=31536000; samesite=lax${window.location.protocol === 'https:' ? '; secure' : ''}`;
  // Intl's data for the language loads while the catalogue does, not in the
  // first render that formats a date.
  warmIntl(language);
  await i18n.changeLanguage(language);
}

/**
 * Makes the language's date formatter once, for its side effect: the first
 * use of Intl in a page loads the browser's locale data (about 30 ms on a
 * desktop, four times that on a phone), and whether the browser has Bosnian
 * data is asked then too. Called while the first page's requests are on
 * their way, it keeps that pause out of the first render, which is what the
 * reader waits for.
 */
export function warmIntl(language: string): void {
  try {
    new Intl.DateTimeFormat(intlLocale(language, 'dates'), { dateStyle: 'medium', timeZone: 'UTC' }).format(0);
  } catch {
    // A browser without Intl's data formats in its own way later; nothing to prepare.
  }
}

/** The UI language as one of ours (i18next may briefly report another tag). */
export function currentLanguage(): Language {
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(language) ? language : 'en';
}

i18n.on('languageChanged', applyDocumentLanguage);

/**
 * Resolves once the first catalogue is in; the app renders after that, so no
 * one sees raw keys. Every key exists in every language (i18n.test.ts), so
 * no fallback catalogue needs fetching alongside.
 */
export const i18nReady = i18n
  .use(lazyCatalogues)
  .use(initReactI18next)
  .init({
    lng: initialLanguage(),
    fallbackLng: false,
    supportedLngs: LANGUAGES,
    load: 'languageOnly',
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    react: { useSuspense: false },
  });

applyDocumentLanguage(i18n.language);

export default i18n;

function hasBosnianData(): boolean {
  try {
    // Asking whether the locale is there costs far less than making a
    // formatter with it (a long pause on a phone, the first time).
    if (Intl.DateTimeFormat.supportedLocalesOf(['bs']).length === 0) return false;
    const month = new Intl.DateTimeFormat('bs', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2026, 10, 15)));
    return month.toLowerCase() === 'novembar';
  } catch {
    return false;
  }
}

let bosnian: boolean | undefined;

/**
 * The locale to hand to Intl for dates and numbers, or for names of countries
 * and languages. Some browsers (Chromium among them) ship no Bosnian data and
 * silently fall back to English: Serbian in Latin script then writes dates the
 * Bosnian way (27. 11. 2026.), and Croatian names countries as Bosnian does
 * (Njemačka, Bosna i Hercegovina). English follows the browser's region
 * (en-GB writes 27 Nov 2026).
 */
export function intlLocale(language: string, use: 'dates' | 'names'): string {
  if (language === 'bs') {
    bosnian ??= hasBosnianData();
    if (bosnian) return 'bs';
    return use === 'dates' ? 'sr-Latn' : 'hr';
  }
  const browser = typeof navigator !== 'undefined' ? navigator.language : '';
  if (browser.toLowerCase().startsWith(`${language}-`)) return browser;
  return language;
}
