import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountries, type Country } from '../hooks/countries';
import { intlLocale } from '../i18n';

/** Countries as a picker lists them, and a code's name. */
export interface CountryNames {
  options: { value: string; label: string }[];
  nameOf: (code: string | null | undefined) => string;
}

const NO_COUNTRIES: readonly Country[] = [];

// Named and sorted once per list of countries and language, for every
// component that asks: many do on one page (each marker of the stakeholder
// map, each picker, each timeline entry), and naming 250 countries through
// Intl and sorting them costs a phone a few milliseconds each time.
const named = new WeakMap<readonly Country[], Map<string, CountryNames>>();

/** The countries' names in a language, made once per list and language. */
export function countryNames(countries: readonly Country[], language: string): CountryNames {
  let byLanguage = named.get(countries);
  if (!byLanguage) {
    byLanguage = new Map();
    named.set(countries, byLanguage);
  }
  let names = byLanguage.get(language);
  if (!names) {
    names = nameCountries(countries, language);
    byLanguage.set(language, names);
  }
  return names;
}

function nameCountries(countries: readonly Country[], language: string): CountryNames {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([intlLocale(language, 'names')], { type: 'region', fallback: 'none' });
  } catch {
    names = null;
  }
  const byCode = new Map<string, string>();
  for (const c of countries) byCode.set(c.code, names?.of(c.code) ?? c.name);
  const collator = new Intl.Collator(intlLocale(language, 'names'));
  const options = [...byCode.entries()].map(([value, label]) => ({ value, label })).sort((a, b) => collator.compare(a.label, b.label));
  const nameOf = (code: string | null | undefined) => (code ? (byCode.get(code) ?? names?.of(code) ?? code) : '');
  return { options, nameOf };
}

/**
 * Country names in the UI language (the browser knows them through Intl),
 * falling back to the server's English name, sorted the way readers of that
 * language expect.
 */
export function useCountryOptions() {
  const { i18n } = useTranslation();
  const countries = useCountries();
  const language = i18n.resolvedLanguage ?? 'en';
  const names = countryNames(countries.data ?? NO_COUNTRIES, language);
  const isLoading = countries.isPending;
  return useMemo(() => ({ ...names, isLoading }), [names, isLoading]);
}
