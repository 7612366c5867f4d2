// Times the main pages of a running Liaison in Chromium: for each page, a
// full load (document, code, API calls), three times, signed in as the given
// user. The figure is when the last response of the load arrived (resource
// timing), read once the network has been idle for Playwright's 500 ms.
//
//   node scripts/page-timings.mjs http://127.0.0.1:8080 manager@demo.liaison liaison-demo-2026 / /review /map ...
import { chromium } from 'playwright-core';

const [base, email, password, ...paths] = process.argv.slice(2);
if (!base || !email || !password || paths.length === 0) {
  console.error('usage: page-timings.mjs BASE_URL EMAIL PASSWORD PATH...');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
await page.goto(`${base}/login`);
await page.getByLabel('Email').fill(email);
await page.getByLabel('Password', { exact: false }).first().fill(password);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(`${base}/`);
for (const path of paths) {
  const runs = [];
  for (let i = 0; i < 3; i++) {
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    await page.locator('main h1').first().waitFor();
    runs.push(
      await page.evaluate(() =>
        Math.round(Math.max(...performance.getEntriesByType('resource').map((e) => e.responseEnd))),
      ),
    );
  }
  console.log(`${path.padEnd(40)} ${runs.map((ms) => `${ms} ms`).join(' / ')}`);
}
await browser.close();
