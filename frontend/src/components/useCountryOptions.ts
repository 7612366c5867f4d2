import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCountries } from '../hooks/countries';
import { intlLocale } from '../i18n';

/**
 * Country names in the UI language (the browser knows them through Intl),
 * falling back to the server's English name, sorted the way readers of that
 * language expect.
 */
export function useCountryOptions() {
  const { i18n } = useTranslation();
  const countries = useCountries();
  const language = i18n.resolvedLanguage ?? 'en';

  return useMemo(() => {
    let names: Intl.DisplayNames | null = null;
    try {
      names = new Intl.DisplayNames([intlLocale(language, 'names')], { type: 'region', fallback: 'none' });
    } catch {
      names = null;
    }
    const byCode = new Map<string, string>();
    for (const c of countries.data ?? []) byCode.set(c.code, names?.of(c.code) ?? c.name);
    const collator = new Intl.Collator(intlLocale(language, 'names'));
    const options = [...byCode.entries()]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => collator.compare(a.label, b.label));
    const nameOf = (code: string | null | undefined) => (code ? (byCode.get(code) ?? names?.of(code) ?? code) : '');
    return { options, nameOf, isLoading: countries.isPending };
  }, [countries.data, countries.isPending, language]);
}
