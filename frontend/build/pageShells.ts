import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { joinCatalogue, textAt, type Tree } from '../src/i18n/catalogue.ts';

/** A list page or the dashboard, whose heading the server draws before the app has loaded: its route and its catalogue keys. */
export interface ListShell {
  /** A path as the router writes it (`/visits`); the server matches it exactly. */
  path: string;
  /** The key of the page's title; `{{name}}` in it is the signed-in user's name. */
  title: string;
  /** The key of the line under the title. */
  subtitle: string;
}

/** A record's page, whose trail and title the server draws: the title is the record's, read as the API reads it for the user. */
export interface RecordShell {
  /** `/visits/:id`: the `:id` segment is the record's id. */
  path: string;
  /** The kind of record (api/spa_shell.go knows how to read and draw each). */
  record: 'visit' | 'contact' | 'organization';
  /** The key of the trail's first link, the record's list. */
  trail: string;
}

/** The review's tallies, in the order the page shows them (api/spa_shell.go fills in each number). */
export const REVIEW_TALLIES = ['overdue', 'due7', 'due30', 'open', 'done'] as const;

/**
 * The manager's review: its title and its tallies, whose numbers the server
 * counts as GET /api/v1/review/commitments counts them. The line under the
 * title holds a date the browser formats, so the server keeps its place only.
 */
export interface ReviewShell {
  path: string;
  review: { title: string; tallies: Record<(typeof REVIEW_TALLIES)[number], string> };
}

/** The parts of the sign-in page the server draws, in the order api/spa_shell.go reads them. */
export const SIGN_IN_TEXTS = ['name', 'title', 'subtitle', 'email', 'password', 'submit', 'tagline'] as const;

/**
 * The sign-in page, drawn for a browser with no session: the app's name
 * beside its mark, the card's title, the line under it, the fields' labels,
 * the button and the line under the card, by their catalogue keys; and the
 * language menu's button, which names each language in itself
 * (`languages.<language>`).
 */
export interface SignInShell {
  path: string;
  signIn: Record<(typeof SIGN_IN_TEXTS)[number], string>;
}

export type PageShell = ListShell | RecordShell | ReviewShell | SignInShell;

/**
 * How a language writes a whole number, as the app's Intl.NumberFormat
 * writes it: its ten digits, the mark between groups of three, and how many
 * digits a number has before it is grouped at all (5 where 1234 stays whole).
 */
export interface NumberStyle {
  digits: string[];
  group: string;
  groupFrom: number;
}

export function numberStyle(locale: string): NumberStyle {
  const format = new Intl.NumberFormat(locale);
  const digits = Array.from({ length: 10 }, (_, d) => format.format(d));
  const group = format.formatToParts(1_234_567).find((part) => part.type === 'group')?.value ?? '';
  const groupFrom = format.formatToParts(1_234).some((part) => part.type === 'group') ? 4 : 5;
  return { digits, group, groupFrom };
}

/**
 * Writes dist/.page-shells.json: for each page listed, its title and the line
 * under it in every language, read from the catalogues the app itself uses
 * (for a record's page, the words of the trail's link to its list; for the
 * review, its tallies' labels; for the sign-in page, its card's words), and
 * how each language writes numbers. The Go server (api/spa_shell.go) draws
 * them, with the app's header bar, in the index.html it sends a signed-in
 * browser for that path (the sign-in page, to a browser without a session):
 * on a phone's
 * connection the app's code takes seconds to arrive, and until then the page
 * shows where it is rather than the app's name alone. The app draws the same
 * heading in the same place when it starts (e2e/page-shell.e2e.test.ts holds
 * the two to the same words). The file's name starts with a dot: the
 * service worker leaves it out.
 */
export function pageShells(pages: PageShell[], i18nDir: string): Plugin {
  return {
    name: 'liaison-page-shells',
    apply: 'build',
    generateBundle() {
      const languages = readdirSync(i18nDir).flatMap((file) => file.match(/^(\w+)\.json$/)?.[1] ?? []);
      const catalogues = Object.fromEntries(languages.map((language) => [language, catalogue(i18nDir, language)]));
      const out = pages.map((page) => {
        const texts = (key: string) =>
          Object.fromEntries(
            languages.map((language) => {
              const text = textAt(catalogues[language]!, key);
              if (text === undefined) this.error(`page-shells: ${language} has no "${key}" (for ${page.path})`);
              return [language, text];
            }),
          );
        if ('record' in page) return { path: page.path, record: page.record, trail: texts(page.trail) };
        if ('signIn' in page) {
          const words = Object.fromEntries(SIGN_IN_TEXTS.map((name) => [name, texts(page.signIn[name])]));
          const language = Object.fromEntries(
            languages.map((language) => {
              const own = textAt(catalogues[language]!, `languages.${language}`);
              if (own === undefined) this.error(`page-shells: ${language} has no "languages.${language}" (for ${page.path})`);
              return [language, own];
            }),
          );
          return { path: page.path, signIn: { ...words, language } };
        }
        if ('review' in page) {
          const tallies = Object.fromEntries(REVIEW_TALLIES.map((name) => [name, texts(page.review.tallies[name])]));
          return { path: page.path, review: { title: texts(page.review.title), tallies } };
        }
        return { path: page.path, title: texts(page.title), subtitle: texts(page.subtitle) };
      });
      const numbers = Object.fromEntries(languages.map((language) => [language, numberStyle(language)]));
      this.emitFile({ type: 'asset', fileName: '.page-shells.json', source: `${JSON.stringify({ pages: out, numbers }, null, 1)}\n` });
    },
  };
}

/** A language's catalogue as the app loads it: the base file and every area's (src/i18n/areas/<area>.<language>.json), joined as src/i18n/catalogue.ts joins them. */
function catalogue(dir: string, language: string): Tree {
  const read = (path: string): Tree => JSON.parse(readFileSync(path, 'utf8'));
  const areas = readdirSync(join(dir, 'areas')).filter((file) => file.endsWith(`.${language}.json`));
  return joinCatalogue(read(join(dir, `${language}.json`)), Object.fromEntries(areas.map((file) => [file, read(join(dir, 'areas', file))])));
}
