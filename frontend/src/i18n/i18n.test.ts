import { describe, expect, it } from 'vitest';
import ar from './ar.json';
import bs from './bs.json';
import { mergeCatalogues, type Tree } from './catalogue';
import en from './en.json';

/** Each language as the app loads it: the base file with its area files merged in. */
function withAreas(base: unknown, areas: Record<string, Tree>): Tree {
  return Object.keys(areas)
    .sort()
    .reduce((tree, path) => mergeCatalogues(tree, areas[path]!), base as Tree);
}
const catalogues = {
  en: withAreas(en, import.meta.glob<Tree>('./areas/*.en.json', { import: 'default', eager: true })),
  ar: withAreas(ar, import.meta.glob<Tree>('./areas/*.ar.json', { import: 'default', eager: true })),
  bs: withAreas(bs, import.meta.glob<Tree>('./areas/*.bs.json', { import: 'default', eager: true })),
} as const;
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

const flat = Object.fromEntries(Object.entries(catalogues).map(([lang, tree]) => [lang, flatten(tree)])) as Record<
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
      // A plural form may spell its number out ("منظمة واحدة", "منظمتان") instead of
      // using {{count}} or a formatted copy of it, but never uses a value English lacks.
      const mine = placeholders(text);
      const theirs = placeholders(reference);
      const ok = PLURAL_SUFFIX.test(key) ? mine.every((n) => theirs.includes(n)) : mine.join() === theirs.join();
      if (!ok) mismatched.push(key);
    }
    expect(mismatched).toEqual([]);
  });
});

describe('keys used in the code', () => {
  it('exist in the catalogues (template keys are checked by the type checker)', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(process.cwd(), 'src/');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$|\.d\.ts$/.test(name)) files.push(path);
      }
    };
    walk(root);
    const known = baseKeys(flat.en);
    const missing = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
        if (!known.has(match[1]!)) missing.add(`${match[1]} (${file.slice(root.length)})`);
      }
    }
    expect(files.length).toBeGreaterThan(20);
    expect([...missing]).toEqual([]);
  });
});
