import { describe, expect, it } from 'vitest';
import { countryNames } from './useCountryOptions';

const countries = [
  { code: 'IQ', name: 'Iraq', region: 'Asia' },
  { code: 'BA', name: 'Bosnia and Herzegovina', region: 'Europe' },
  { code: 'AT', name: 'Austria', region: 'Europe' },
  { code: 'XK', name: 'Kosovo', region: 'Europe' },
];

describe('countryNames', () => {
  it('names the countries in the language and sorts them as its readers do', () => {
    const english = countryNames(countries, 'en');
    expect(english.options.map((o) => o.label)).toEqual(['Austria', 'Bosnia & Herzegovina', 'Iraq', 'Kosovo']);
    const arabic = countryNames(countries, 'ar');
    expect(arabic.nameOf('IQ')).toBe('العراق');
    const labels = arabic.options.map((o) => o.label);
    expect([...labels].sort(new Intl.Collator('ar').compare)).toEqual(labels);
  });

  it("says a code's name, and the code itself when no one knows it", () => {
    const names = countryNames(countries, 'en');
    expect(names.nameOf('BA')).toBe('Bosnia & Herzegovina');
    expect(names.nameOf('FR')).toBe('France');
    expect(names.nameOf('AA')).toBe('AA');
    expect(names.nameOf(null)).toBe('');
  });

  it('is made once per list and language, for every component that asks', () => {
    expect(countryNames(countries, 'en')).toBe(countryNames(countries, 'en'));
    expect(countryNames(countries, 'bs')).not.toBe(countryNames(countries, 'en'));
    // A new list from the server (another reference) is named afresh.
    const again = countries.map((c) => ({ ...c }));
    expect(countryNames(again, 'en')).not.toBe(countryNames(countries, 'en'));
    expect(countryNames(again, 'en').options).toEqual(countryNames(countries, 'en').options);
  });
});
