import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, startServer, type RunningServer } from './server';
import { BINARY, cannotRun, chooseLanguage, dismissNotifications, expectAccessible, launchBrowser, shot, signIn, text, type Language } from './support';

// A manager merges two demo-like contacts that differ only by accents and
// phone format, through the screen: the survivor picked, the phone taken
// from the duplicate, confirmed; the duplicate's meeting and commitment
// then show on the survivor's page, and the duplicate's old address leads
// there. The screen is looked at in English and Arabic, desktop and phone.
// Two organizations that are one ministry are merged the same way, from the
// organization's "Merge with…" and from the duplicates page.

const MANAGER = 'manager@demo.liaison';
const MEETING = 'Youth and parents in Zenica: follow-up';

describe.skipIf(cannotRun)('merging duplicate contacts and organizations', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  async function open(language: Language, width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: language === 'ar' ? 'ar' : 'en-GB' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(page, server.baseURL, MANAGER, DEMO_PASSWORD);
    await chooseLanguage(page, language);
    return page;
  }

  async function post(page: Page, path: string, data: unknown): Promise<number> {
    const response = await page.request.post(`${server.baseURL}${path}`, { data });
    expect(response.status(), await response.text()).toBe(201);
    return ((await response.json()) as { id: number }).id;
  }

  /** Two records of one person, the second with a meeting and a commitment of its own. */
  async function duplicates(page: Page, suffix: string) {
    const first = await post(page, '/api/v1/contacts', { given_name: 'Amra', family_name: `Hodžić${suffix}`, phone: '+387 61 123 456', country_code: 'BA' });
    const second = await post(page, '/api/v1/contacts', {
      given_name: 'Amra',
      family_name: `Hodzic${suffix}`,
      phone: '061 123 456',
      email: `amra.hodzic${suffix.replace(/\W/g, '').toLowerCase()}@example.ba`,
      country_code: 'BA',
    });
    await post(page, '/api/v1/interactions', {
      kind: 'meeting',
      status: 'held',
      subject: `${MEETING}${suffix}`,
      starts_at: '2026-11-24T09:00:00Z',
      participants: [{ contact_id: second, role: 'participant' }],
    });
    await post(page, '/api/v1/commitments', { title: `Send the parents' questions${suffix}`, direction: 'ours', due_date: '2026-12-20', counterpart_contact_id: second });
    return { first, second };
  }

  /** An organization with a meeting, a commitment and a person holding a position there, each named after it. */
  async function organizationWithActivity(page: Page, organization: Record<string, unknown>, person: { given_name: string; family_name: string }) {
    const id = await post(page, '/api/v1/organizations', { type: 'ministry', country_code: 'BA', ...organization });
    const name = organization.name as string;
    const contact = await post(page, '/api/v1/contacts', { ...person, positions: [{ organization_id: id, title: 'Adviser', primary: true }] });
    await post(page, '/api/v1/interactions', {
      kind: 'meeting',
      status: 'held',
      subject: `Meeting at ${name}`,
      starts_at: '2026-10-14T09:00:00Z',
      participants: [{ organization_id: id, role: 'host' }],
    });
    await post(page, '/api/v1/commitments', { title: `Send ${name} the minutes`, direction: 'ours', due_date: '2026-12-18', counterpart_organization_id: id });
    return { id, name, contact };
  }

  /**
   * Picks the first organization to stay and the duplicate's acronym on the
   * merge page, checks and photographs it (and at phone width in a second
   * window), merges, and checks the survivor has everything of both.
   */
  async function mergeOrganizations(page: Page, language: Language, stays: Awaited<ReturnType<typeof organizationWithActivity>>, goes: typeof stays, acronym: string) {
    const survivorCard = page.getByTestId(`merge-record-${stays.id}`);
    await survivorCard.getByRole('radio', { name: text(language, 'merge.keep') }).check();
    await expect.poll(() => survivorCard.textContent()).toContain(text(language, 'merge.stays'));
    await page
      .getByRole('radiogroup', { name: text(language, 'organization.fields.acronym') })
      .getByRole('radio', { name: goes.name, exact: true })
      .check();
    await expectAccessible(page);
    await shot(page, `merge-organizations-${language}-1366`);

    const phone = await open(language, 360);
    await phone.goto(page.url());
    await phone.getByTestId(`merge-record-${goes.id}`).waitFor();
    await shot(phone, `merge-organizations-${language}-360`);
    // The shell lets go of the side navigation with a short transition; the page must fit once it has settled.
    await expect.poll(() => phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: text(language, 'merge.review') }).click();
    const dialog = page.getByRole('dialog', { name: text(language, 'merge.confirmTitle') });
    await dialog.getByRole('button', { name: text(language, 'merge.confirm'), exact: true }).click();
    await page.waitForURL(`${server.baseURL}/organizations/${stays.id}`);

    // Both meetings and both commitments on the survivor's timeline, both people among its people.
    const timeline = page.getByRole('region', { name: text(language, 'timeline.title') });
    for (const record of [stays, goes]) {
      await timeline.getByRole('link', { name: `Meeting at ${record.name}`, exact: true }).waitFor();
      await timeline.getByText(`Send ${record.name} the minutes`, { exact: true }).waitFor();
    }
    const people = page.getByRole('region', { name: text(language, 'organization.people') });
    for (const record of [stays, goes]) {
      const person = (await (await page.request.get(`${server.baseURL}/api/v1/contacts/${record.contact}`)).json()) as {
        full_name: string;
        positions: { organization_id: number }[];
      };
      expect(person.positions.map((p) => p.organization_id)).toEqual([stays.id]);
      await people.getByRole('link', { name: person.full_name, exact: true }).waitFor();
    }
    const survivor = (await (await page.request.get(`${server.baseURL}/api/v1/organizations/${stays.id}`)).json()) as { name: string; acronym: string };
    expect(survivor).toMatchObject({ name: stays.name, acronym });

    // The duplicate's old address leads to the survivor.
    await dismissNotifications(page);
    await page.goto(`${server.baseURL}/organizations/${goes.id}`);
    await page.waitForURL(`${server.baseURL}/organizations/${stays.id}`);
    await page.getByText(text(language, 'merge.redirected')).waitFor();
  }

  beforeAll(async () => {
    server = await startServer(BINARY, { demo: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.stop();
  });

  it('merges through the screen and shows the meetings on the survivor', async () => {
    const page = await open('en', 1280);
    const { first, second } = await duplicates(page, '');

    // From the survivor's page: More → Merge with… → the duplicate → Compare.
    await page.goto(`${server.baseURL}/contacts/${first}`);
    await page.getByRole('button', { name: text('en', 'common.more') }).click();
    await page.getByRole('menuitem', { name: text('en', 'merge.mergeWith') }).click();
    const picker = page.getByRole('dialog').getByLabel(text('en', 'merge.pickContact'), { exact: true });
    await picker.click();
    await picker.pressSequentially('Hodzic');
    await page.getByRole('option', { name: 'Amra Hodzic', exact: true }).click();
    await page.getByRole('button', { name: text('en', 'merge.compare') }).click();
    await page.waitForURL(new RegExp(`/merge/contacts\\?ids=${first},${second}$`));

    // The duplicate has more activity, so it is proposed; the first is chosen instead.
    const survivorCard = page.getByTestId(`merge-record-${first}`);
    await survivorCard.getByRole('radio', { name: text('en', 'merge.keep') }).check();
    await expect.poll(() => survivorCard.textContent()).toContain(text('en', 'merge.stays'));
    await expect.poll(() => page.getByTestId(`merge-record-${second}`).textContent()).toContain('1 meeting or call');
    // The phone as the duplicate wrote it.
    await page.getByRole('radiogroup', { name: 'Phone' }).getByRole('radio', { name: 'Amra Hodzic' }).check();
    await shot(page, 'merge-contacts-en-1280');

    await page.getByRole('button', { name: text('en', 'merge.review') }).click();
    const dialog = page.getByRole('dialog', { name: text('en', 'merge.confirmTitle') });
    await dialog.getByRole('button', { name: text('en', 'merge.confirm'), exact: true }).click();
    await page.waitForURL(`${server.baseURL}/contacts/${first}`);
    await page.getByText(MEETING, { exact: true }).first().waitFor();
    await page.getByText("Send the parents' questions").first().waitFor();

    const survivor = (await (await page.request.get(`${server.baseURL}/api/v1/contacts/${first}`)).json()) as { phone: string; email: string };
    expect(survivor).toMatchObject({ phone: '061 123 456', email: 'amra.hodzic@example.ba' });

    // The duplicate's old address leads to the survivor.
    await dismissNotifications(page);
    await page.goto(`${server.baseURL}/contacts/${second}`);
    await page.waitForURL(`${server.baseURL}/contacts/${first}`);
    await page.getByText(text('en', 'merge.redirected')).waitFor();
  });

  it("merges two organizations from the organization's page, in English", async () => {
    const page = await open('en', 1366);
    const stays = await organizationWithActivity(
      page,
      { name: 'Ministry of Security', name_local: 'Ministarstvo sigurnosti', acronym: 'MS', website: 'https://www.msb.gov.ba' },
      { given_name: 'Selma', family_name: 'Begić' },
    );
    const goes = await organizationWithActivity(
      page,
      { name: 'Ministarstvo sigurnosti', acronym: 'MSB', level: 'national', email: 'info@msb.gov.ba', phone: '+387 33 213 623' },
      { given_name: 'Adnan', family_name: 'Mušić' },
    );

    // More → Merge with… → the duplicate → Compare side by side.
    await page.goto(`${server.baseURL}/organizations/${stays.id}`);
    await page.getByRole('button', { name: text('en', 'common.more') }).click();
    await page.getByRole('menuitem', { name: text('en', 'merge.mergeWith') }).click();
    const picker = page.getByRole('dialog').getByLabel(text('en', 'merge.pickOrganization'), { exact: true });
    await picker.click();
    await picker.pressSequentially('Ministarstvo sig');
    await page.getByRole('option', { name: /^Ministarstvo sigurnosti \(MSB\)/ }).click();
    await page.getByRole('button', { name: text('en', 'merge.compare') }).click();
    await page.waitForURL(new RegExp(`/merge/organizations\\?ids=${stays.id},${goes.id}$`));

    await mergeOrganizations(page, 'en', stays, goes, 'MSB');
    // A value the survivor lacked comes from the duplicate by itself.
    const survivor = (await (await page.request.get(`${server.baseURL}/api/v1/organizations/${stays.id}`)).json()) as { email: string; website: string };
    expect(survivor).toMatchObject({ email: 'info@msb.gov.ba', website: 'https://www.msb.gov.ba' });
  });

  it('merges two organizations from the duplicates page, in Arabic', async () => {
    const page = await open('ar', 1366);
    const stays = await organizationWithActivity(
      page,
      { name: 'Ministry of Human Rights and Refugees', name_local: 'Ministarstvo za ljudska prava i izbjeglice', acronym: 'MHRR' },
      { given_name: 'Lejla', family_name: 'Softić' },
    );
    const goes = await organizationWithActivity(
      page,
      { name: 'Ministarstvo za ljudska prava i izbjeglice', acronym: 'MLJPI', email: 'kontakt@mhrr.gov.ba' },
      { given_name: 'Haris', family_name: 'Delić' },
    );

    await page.goto(`${server.baseURL}/duplicates?kind=organizations`);
    const group = page.getByTestId('duplicate-group').filter({ hasText: stays.name }).filter({ hasText: goes.name });
    const merge = group.getByRole('link', { name: new RegExp(text('ar', 'duplicates.merge')) });
    // The group is the two of them, whatever their order.
    const ids = new URL(`${server.baseURL}${await merge.getAttribute('href')}`).searchParams.get('ids')!.split(',').map(Number);
    expect(ids.sort((a, b) => a - b)).toEqual([stays.id, goes.id]);
    await merge.click();
    await page.waitForURL(/\/merge\/organizations\?ids=/);

    await mergeOrganizations(page, 'ar', stays, goes, 'MLJPI');
    expect(pageErrors).toEqual([]);
  });

  it('lays the screen out in English and Arabic, on a desktop and a phone', async () => {
    for (const [language, width] of [
      ['en', 360],
      ['ar', 1280],
      ['ar', 360],
    ] as const) {
      const page = await open(language, width);
      const { first, second } = await duplicates(page, ` ${language}${width}`);
      await page.goto(`${server.baseURL}/merge/contacts?ids=${first},${second}`);
      await page.getByTestId(`merge-record-${second}`).waitFor();
      await shot(page, `merge-contacts-${language}-${width}`);
      // Nothing runs off the side of a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    }
    expect(pageErrors).toEqual([]);
  });
});
