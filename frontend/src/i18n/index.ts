import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import ar from './ar.json';
import bs from './bs.json';
import en from './en.json';

export const LANGUAGES = ['en', 'ar', 'bs'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Where the chosen language is kept until users can store it in their profile. */
export const LANGUAGE_STORAGE_KEY = 'liaison.language';

const RTL_LANGUAGES: ReadonlySet<Language> = new Set(['ar']);

export const resources = {
  en: { translation: en },
  ar: { translation: ar },
  bs: { translation: bs },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function directionOf(language: string): 'ltr' | 'rtl' {
  return isLanguage(language) && RTL_LANGUAGES.has(language) ? 'rtl' : 'ltr';
}

/** The stored choice, else the browser's first supported language, else English. */
export function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage can be unavailable (privacy mode); fall through.
  }
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

/** Switches the UI language and remembers the choice. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not persisted, but the switch itself still works.
  }
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', applyDocumentLanguage);

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false }, // React escapes already
  returnNull: false,
  react: { useSuspense: false },
});

applyDocumentLanguage(i18n.language);

export default i18n;
