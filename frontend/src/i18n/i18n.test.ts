import { describe, expect, it } from 'vitest';
import ar from './ar.json';
import bs from './bs.json';
import en from './en.json';

const catalogues = { en, ar, bs } as const;
type Tree = { [key: string]: string | Tree };
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** Flattens a catalogue to "a.b.c" -> text. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

/** Keys with plural forms collapsed to their base: every language has its own set of forms. */
function baseKeys(flat: Map<string, string>): Set<string> {
  return new Set([...flat.keys()].map((key) => key.replace(PLURAL_SUFFIX, '')));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

const flat = Object.fromEntries(Object.entries(catalogues).map(([lang, tree]) => [lang, flatten(tree as Tree)])) as Record<
  keyof typeof catalogues,
  Map<string, string>
>;
const languages = Object.keys(catalogues) as (keyof typeof catalogues)[];

describe('translations', () => {
  it.each(languages)('%s has every key of every other language', (lang) => {
    const mine = baseKeys(flat[lang]);
    const missing = languages.flatMap((other) => [...baseKeys(flat[other])].filter((key) => !mine.has(key)).map((key) => `${key} (in ${other})`));
    expect([...new Set(missing)]).toEqual([]);
  });

  it.each(languages)('%s has no empty strings', (lang) => {
    const empty = [...flat[lang]].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(languages)('%s has exactly the plural forms its grammar needs', (lang) => {
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    const pluralBases = new Set([...flat[lang].keys()].filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')));
    for (const languageFlat of Object.values(flat)) {
      for (const key of languageFlat.keys()) if (PLURAL_SUFFIX.test(key)) pluralBases.add(key.replace(PLURAL_SUFFIX, ''));
    }
    for (const base of pluralBases) {
      const forms = categories.map((c) => `${base}_${c}`);
      expect(forms.filter((f) => !flat[lang].has(f)), `${lang}: ${base}`).toEqual([]);
      const extra = [...flat[lang].keys()].filter((k) => k.startsWith(`${base}_`) && !forms.includes(k));
      expect(extra, `${lang}: ${base}`).toEqual([]);
    }
  });

  it.each(languages.filter((l) => l !== 'en'))('%s uses the same {{placeholders}} as English', (lang) => {
    const mismatched: string[] = [];
    for (const [key, text] of flat[lang]) {
      const reference = flat.en.get(key) ?? flat.en.get(key.replace(PLURAL_SUFFIX, '_other'));
      if (reference === undefined) continue;
      // A singular form may spell the number out ("منظمة واحدة") instead of using {{count}}.
      const ignore = (names: string[]) => names.filter((n) => n !== 'count');
      if (ignore(placeholders(text)).join() !== ignore(placeholders(reference)).join()) mismatched.push(key);
    }
    expect(mismatched).toEqual([]);
  });
});
