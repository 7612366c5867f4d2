import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import ar from '../src/i18n/ar.json';
import bs from '../src/i18n/bs.json';
import { joinCatalogue, textAt, type Tree } from '../src/i18n/catalogue';
import en from '../src/i18n/en.json';
import { describeViolations, seriousViolations } from './axe';

// What every browser test shares: where Chromium, the binary and the
// screenshots are, how to start Chromium, sign in, wait for a still page,
// take a picture and check accessibility.

const here = dirname(fileURLToPath(import.meta.url));
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const BINARY = process.env.LIAISON_BIN ? resolve(process.env.LIAISON_BIN) : resolve(here, '../../bin/liaison');
export const SCREENSHOTS = join(here, 'screenshots');

const missing = [
  !existsSync(CHROMIUM) && `Chromium (${CHROMIUM}; apt-get install chromium fonts-noto-core)`,
  !existsSync(BINARY) && `the Liaison binary (${BINARY}; run \`make build\` or set LIAISON_BIN)`,
].filter(Boolean);

/**
 * True when the browser tests cannot run here. Under CI that is an error
 * (a skipped browser suite must not pass), elsewhere a warning.
 */
export const cannotRun = missing.length > 0;
if (cannotRun) {
  const message = `Browser tests need ${missing.join(' and ')}.`;
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`Skipping browser tests: ${message}`);
}

/** Headless Debian Chromium with the network chatter this machine refuses turned off. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Each language's catalogue as the app loads it: the base file and every area file merged. */
export const CATALOGUES = {
  en: joinCatalogue(en, import.meta.glob<Tree>('../src/i18n/areas/*.en.json', { import: 'default', eager: true })),
  ar: joinCatalogue(ar, import.meta.glob<Tree>('../src/i18n/areas/*.ar.json', { import: 'default', eager: true })),
  bs: joinCatalogue(bs, import.meta.glob<Tree>('../src/i18n/areas/*.bs.json', { import: 'default', eager: true })),
};
export type Language = keyof typeof CATALOGUES;

/** The text of a key ("review.title") in a language, as the app shows it. */
export function text(language: Language, key: string): string {
  const found = textAt(CATALOGUES[language], key);
  if (found === undefined) throw new Error(`no text ${key} in ${language}`);
  return found;
}

/** Waits until CSS transitions and animations (menus closing, the layout mirroring) are over. */
export async function settled(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

/**
 * A whole-page picture, taken from the top so the fixed header sits where a
 * person sees it; with a dialog open, what the window shows.
 */
export async function shot(page: Page, name: string, { dialog = false } = {}) {
  if (!dialog) await page.evaluate(() => window.scrollTo(0, 0));
  await settled(page);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: !dialog });
}

/** No serious or critical axe violation on the page as it stands. */
export async function expectAccessible(page: Page) {
  // Mid-transition (a dialog fading in) colours are not the ones people read.
  await settled(page);
  const violations = await seriousViolations(page);
  expect(violations, describeViolations(violations)).toEqual([]);
}

/** Closes every notification, so screenshots and later clicks see the page itself. */
export async function dismissNotifications(page: Page) {
  await page.evaluate(() => document.querySelectorAll<HTMLButtonElement>('.mantine-Notification-closeButton').forEach((b) => b.click()));
  await page.waitForFunction(() => document.querySelectorAll('.mantine-Notification-root').length === 0);
}

/** Signs in through the login form and waits for the dashboard. */
export async function signIn(page: Page, baseURL: string, email: string, password: string) {
  await page.goto(`${baseURL}/login`);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL(`${baseURL}/`);
}

/**
 * Scrolls down the page a screen at a time to its end, as a reader does, so
 * that what a page draws only when it comes near the screen (WhenVisible: a
 * record's notes, documents and history) is drawn; the page stays where the
 * scroll ended.
 */
export async function readToTheEnd(page: Page) {
  // The page drawn with its data first: before that it is too short to scroll.
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('main .mantine-Loader-root'));
  for (let screens = 0; screens < 40; screens++) {
    const atEnd = await page.evaluate(async () => {
      window.scrollBy(0, window.innerHeight);
      // Two frames: the observers see the new position, and what they draw lengthens the page.
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      return window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
    });
    if (atEnd) break;
  }
  await page.waitForFunction(() => !document.querySelector('[data-when-visible]'));
}

/**
 * Chooses the language from the account menu, as a user does (it is the
 * account's: the demo's people read different ones), and waits until the
 * page speaks it and the menu has closed.
 */
export async function chooseLanguage(page: Page, language: Language) {
  await page.getByTestId('account-menu').click();
  await page.locator(`[role="menuitem"][lang="${language}"]`).click();
  await page.waitForSelector(`html[lang="${language}"][dir="${language === 'ar' ? 'rtl' : 'ltr'}"]`);
  // Every menu gone: another one closed just before (Escape on the export
  // menu) may still be on its way out beside this one.
  await page.waitForFunction(() => document.querySelectorAll('[role="menu"]').length === 0);
}
