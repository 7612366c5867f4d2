import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, launchBrowser, shot } from './support';

// Single sign-on through a real OpenID provider's own login page
// (tools/oidc-provider: zitadel/oidc's provider and its example login form),
// as a person at an organisation with Entra ID or Keycloak signs in.

const PROVIDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../bin/oidc-provider');
const LABEL = 'IOM staff login';
const MANAGER = 'manager@demo.liaison';

if (!existsSync(PROVIDER) && process.env.CI === 'true') {
  throw new Error(`Browser tests of single sign-on need ${PROVIDER}; run \`make build\`.`);
}

/** Starts the provider for Liaison's callback at port and resolves with its issuer. */
function startProvider(port: number): Promise<{ issuer: string; child: ChildProcess }> {
  const child = spawn(
    PROVIDER,
    [
      '-redirect',
      `http://127.0.0.1:${port}/auth/oidc/callback`,
      '-user',
      `amina:sso-password-2026:${MANAGER}`,
      '-user',
      'stranger:sso-password-2026:nobody@elsewhere.example',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolveIssuer, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^issuer (\S+)/m.exec(out);
      if (m) resolveIssuer({ issuer: m[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`oidc-provider exited with ${code}: ${out}`)));
  });
}

describe.skipIf(cannotRun || !existsSync(PROVIDER))('single sign-on through the provider’s own page', () => {
  let server: RunningServer;
  let provider: ChildProcess;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    const started = await startProvider(port);
    provider = started.child;
    server = await startServer(BINARY, {
      demo: true,
      port,
      env: {
        LIAISON_OIDC_ISSUER: started.issuer,
        LIAISON_OIDC_CLIENT_ID: 'liaison',
        LIAISON_OIDC_CLIENT_SECRET: 'liaison-sso-secret',
        LIAISON_OIDC_LABEL: LABEL,
      },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    provider?.kill('SIGTERM');
  });

  async function signInAtProvider(username: string) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${server.baseURL}/login`);
    await page.getByRole('link', { name: `Sign in with ${LABEL}` }).click();
    // The provider's page, not Liaison's.
    await page.getByLabel('Username:').waitFor();
    expect(new URL(page.url()).origin).not.toBe(server.baseURL);
    await page.getByLabel('Username:').fill(username);
    await page.getByLabel('Password:').fill('sso-password-2026');
    await page.getByRole('button', { name: 'Login' }).click();
    return page;
  }

  it('signs a known person in and lands on their dashboard', async () => {
    const page = await signInAtProvider('amina');
    await page.waitForURL((u) => u.origin === server.baseURL && !u.pathname.startsWith('/auth/'));
    await page.getByRole('heading', { level: 1 }).waitFor();
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
    expect(me.email).toBe(MANAGER);
    await shot(page, 'sso-signed-in');
    await page.context().close();
  });

  it('refuses a person the provider knows and Liaison does not, with a page that says so', async () => {
    const page = await signInAtProvider('stranger');
    await page.getByRole('heading', { name: 'You cannot sign in to Liaison' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status)).toBe(401);
    await page.context().close();
  });
});
