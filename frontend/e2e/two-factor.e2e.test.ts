import { createHmac } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, dismissNotifications, expectAccessible, launchBrowser, shot, signIn, text } from './support';

const MANAGER = 'manager@demo.liaison';
const ACCOUNT_MENU = /Account menu|قائمة الحساب|Meni računa/;

/** The RFC 6238 code of a base32 secret for a 30-second step, as an authenticator app computes it. */
function totp(secret: string, step: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1]! & 0xf;
  return ((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).toString().padStart(6, '0');
}

const step = () => Math.floor(Date.now() / 30_000);

/** Picks English from the account menu (the demo's users read Bosnian), as a person would. */
async function useEnglish(page: Page) {
  await page.getByRole('button', { name: ACCOUNT_MENU }).click();
  await page.getByRole('menuitem', { name: text('en', 'languages.en') }).click();
  await page.waitForSelector('html[lang="en"]');
  await page.getByRole('menu').waitFor({ state: 'detached' });
}

describe.skipIf(cannotRun)('two-factor sign-in in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    await signIn(page, server.baseURL, MANAGER, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await useEnglish(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('enrols with the key shown on the page and a code from it, then asks for a code at sign-in', async () => {
    await page.getByRole('button', { name: ACCOUNT_MENU }).click();
    await page.getByRole('menuitem', { name: text('en', 'twoFactor.menu') }).click();
    await page.getByRole('heading', { name: text('en', 'twoFactor.page.title'), level: 1 }).waitFor();
    await page.getByRole('button', { name: text('en', 'twoFactor.page.start') }).click();

    const secret = (await page.getByTestId('two-factor-secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const codes = page.getByRole('list', { name: text('en', 'twoFactor.page.recoveryCodes') }).getByRole('listitem');
    await expect.poll(() => codes.count()).toBe(10);
    await expectAccessible(page);
    await shot(page, 'two-factor-enrol-en');

    const now = step();
    await page.getByRole('textbox', { name: new RegExp(`^${text('en', 'twoFactor.page.code')}`) }).fill(totp(secret, now));
    await page.getByRole('button', { name: text('en', 'twoFactor.page.confirm') }).click();
    await page.getByText(text('en', 'twoFactor.page.statusOn')).first().waitFor();
    await dismissNotifications(page);

    await page.getByRole('button', { name: ACCOUNT_MENU }).click();
    await page.getByRole('menuitem', { name: text('en', 'header.signOut') }).click();
    await page.waitForURL(/\/login/);

    await page.getByLabel('Email').fill(MANAGER);
    await page.getByLabel('Password', { exact: false }).first().fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel(text('en', 'twoFactor.signIn.code'), { exact: false });
    await code.waitFor();
    expect(await code.evaluate((e) => e === document.activeElement)).toBe(true);

    // A wrong code is said at the field; the next step's code signs in
    // (the one used to turn it on cannot be used twice).
    await code.fill('000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(text('en', 'twoFactor.signIn.wrongCode')).waitFor();
    await shot(page, 'two-factor-sign-in-en');
    await code.fill(totp(secret, now + 1));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    await page.getByRole('heading', { level: 1 }).waitFor();
  });
});
