import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ar from '../src/i18n/ar.json';
import arVisits from '../src/i18n/areas/visits.ar.json';
import { axeScriptHash } from './axe';
import { startServer, type RunningServer } from './server';
import { BINARY, cannotRun, dismissNotifications, expectAccessible, launchBrowser, shot, signIn } from './support';

// The study visit of seeds/000_56ab6cdaabdf0146.txt, entered through the UI by
// an officer of IOM Bosnia and Herzegovina: the visit, who came and who hosted,
// the itinerary across days, and what was promised. A manager's review of the
// same visit continues from these records, so their titles are kept here.


const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const TODAY = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());

/** The visit took place two weeks ago, Monday to Friday-ish: five days. */
export const VISIT = {
  title: 'Study visit of the Iraqi National Committee on PVE to Bosnia and Herzegovina',
  start: iso(TODAY - 14 * DAY),
  end: iso(TODAY - 10 * DAY),
  city: 'Sarajevo',
  purpose:
    'Exchange expertise and good practice in preventing violent extremism with counterparts in BiH: gender-inclusive strategy, local-national coordination and the role of civil society.',
  outcomes: 'Contacts between the two national committees; lessons on local action plans and budgeting for PVE.',
};
export const OFFICER = { name: 'Lejla Mehmedović', email: 'lejla@example.org', password: 'officer-password-2026' };
/** The officer's manager, who reviews the follow-ups, and a colleague who takes one over. */
export const MANAGER = { name: 'Amir Hodžić', email: 'amir@example.org', password: 'manager-password-2026' };
export const COLLEAGUE = { name: 'Selma Begić', email: 'selma@example.org', password: 'officer-password-2026' };
export const ORGANIZATIONS = {
  committee: 'National Committee for the Implementation of the National Strategy to Counter Violent Extremism',
  ministry: 'Ministry of Security of Bosnia and Herzegovina',
  iomBih: 'IOM Bosnia and Herzegovina',
  iomIraq: 'IOM Iraq',
  canada: 'Government of Canada',
  vpn: 'Violence Prevention Network',
};
/** Created from the participant picker, not beforehand. */
export const INLINE = { head: 'Ali Abdullah', zenica: 'Youth Council of Zenica' };
export const SESSIONS = {
  strategy: 'The national PVE strategy with state-level officials',
  reception: 'Reception with the international community',
  levels: 'Implementation across levels of government',
  budgeting: 'Local budgeting and community participation in PVE',
  zenica: 'Youth and parents in Zenica',
};
export const COMMITMENTS = {
  overdue: 'Send the Arabic translation of the BiH PVE strategy',
  future: 'Share the local action plan template with the National Committee',
  zenica: 'Connect the Zenica youth council with youth groups in Baghdad',
};
export const DUE = { overdue: iso(TODAY - 3 * DAY), future: iso(TODAY + 30 * DAY) };

const dayOf = (n: number) => iso(Date.parse(VISIT.start) + n * DAY);

/** Picks an option of a Mantine select by typing part of it. */
async function choose(page: Page, box: Locator, typed: string, option: string | RegExp) {
  await box.click();
  if (typed) await box.fill(typed);
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}

describe.skipIf(cannotRun)('the study visit, entered by an officer and reviewed by a manager', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];
  const ids = { visit: 0 };

  beforeAll(async () => {
    server = await startServer(BINARY);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB', timezoneId: 'America/New_York' });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && /Content Security Policy/i.test(text) && !text.includes(axeScriptHash)) cspViolations.push(text);
    });

    // What an admin sets up before officers start: the officer, the projects
    // and the organizations the office already works with.
    await signIn(page, server.baseURL, server.email, server.password);
    await page.evaluate(
      async ({ officer, manager, colleague, organizations }) => {
        const post = async (path: string, body: unknown) => {
          const response = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
          if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
          return (await response.json()) as { id: number };
        };
        const me = (await (await fetch('/api/v1/auth/me')).json()) as { office_id: number };
        await post('/api/v1/users', { ...officer, role: 'officer', office_id: me.office_id, locale: 'en' });
        await post('/api/v1/users', { ...manager, role: 'manager', office_id: me.office_id, locale: 'en' });
        await post('/api/v1/users', { ...colleague, role: 'officer', office_id: me.office_id, locale: 'en' });
        const canada = await post('/api/v1/organizations', { name: organizations.canada, type: 'donor', level: 'national', country_code: 'CA' });
        await post('/api/v1/organizations', { name: organizations.committee, type: 'national_committee', level: 'national', country_code: 'IQ', city: 'Baghdad' });
        await post('/api/v1/organizations', { name: organizations.ministry, acronym: 'MoS', type: 'ministry', level: 'national', country_code: 'BA', city: 'Sarajevo', influence: 5 });
        await post('/api/v1/organizations', { name: organizations.iomBih, type: 'international_organization', level: 'international', country_code: 'BA' });
        await post('/api/v1/organizations', { name: organizations.iomIraq, type: 'international_organization', level: 'international', country_code: 'IQ' });
        await post('/api/v1/organizations', { name: organizations.vpn, type: 'ngo', level: 'international', country_code: 'DE' });
        await post('/api/v1/projects', { code: 'SIMVEX', name: 'SIMVEX', donor_organization_id: canada.id });
        await post('/api/v1/projects', { code: 'BHRI', name: 'Bosnia and Herzegovina Resilience Initiative' });
      },
      { officer: OFFICER, manager: MANAGER, colleague: COLLEAGUE, organizations: ORGANIZATIONS },
    );
    await context.clearCookies();
    await signIn(page, server.baseURL, OFFICER.email, OFFICER.password);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates the visit with its participants, one of them created from the picker', async () => {
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Visits' }).click();
    await page.getByRole('link', { name: 'New visit' }).click();
    await page.waitForURL(`${server.baseURL}/visits/new`);

    await page.getByRole('textbox', { name: /^Title/ }).fill(VISIT.title);
    await choose(page, page.getByRole('combobox', { name: /^Status/ }), '', 'Completed');
    await page.getByLabel(/^First day/).fill(VISIT.start);
    await page.getByLabel(/^Last day/).fill(VISIT.end);
    await choose(page, page.getByRole('combobox', { name: 'Coming from' }), 'Iraq', 'Iraq');
    await choose(page, page.getByRole('combobox', { name: 'Host country' }), 'Bosnia', /^Bosnia/);
    await page.getByRole('textbox', { name: 'City' }).fill(VISIT.city);

    const picker = page.getByRole('combobox', { name: /^Add a participant/ });
    const rows = page.getByRole('list', { name: 'Participants' });
    // Organizations the office knows: found by part of the name.
    await choose(page, picker, 'National Committee', ORGANIZATIONS.committee);
    await choose(page, picker, 'Security', `${ORGANIZATIONS.ministry} (MoS)`);
    await choose(page, picker, 'IOM Bos', ORGANIZATIONS.iomBih);
    await choose(page, picker, 'IOM Iraq', ORGANIZATIONS.iomIraq);
    await choose(page, picker, 'Canada', ORGANIZATIONS.canada);
    await choose(page, picker, 'Violence Prevention', ORGANIZATIONS.vpn);
    // The head of delegation is new to the office: created from the same box.
    await picker.click();
    await picker.fill(INLINE.head);
    await page.getByRole('option', { name: `Create person “${INLINE.head}”…` }).click();
    const dialog = page.getByRole('dialog', { name: 'New person' });
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Family name' }).inputValue()).toBe('Abdullah');
    await dialog.getByRole('textbox', { name: 'Name in local script' }).fill('علي عبدالله');
    await dialog.getByRole('button', { name: 'Create and add' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const head = rows.getByRole('listitem', { name: INLINE.head });
    await head.waitFor();
    // Guessed from the countries: Iraqi person → visiting, head of delegation; Canada (a donor) → funder.
    await expect.poll(() => head.getByRole('combobox', { name: `Role of ${INLINE.head}` }).inputValue()).toBe('Head of delegation');
    await expect.poll(() => rows.getByRole('combobox', { name: `Side of ${ORGANIZATIONS.canada}` }).inputValue()).toBe('Funders');
    // The organisers sit on neither side: set by hand, from the keyboard.
    for (const name of [ORGANIZATIONS.iomBih, ORGANIZATIONS.iomIraq]) {
      await choose(page, rows.getByRole('combobox', { name: `Side of ${name}` }), '', 'Facilitators');
      await choose(page, rows.getByRole('combobox', { name: `Role of ${name}` }), '', 'Organiser');
    }
    await choose(page, rows.getByRole('combobox', { name: `Role of ${ORGANIZATIONS.vpn}` }), '', 'Partner');
    // Head of delegation at the top of the list: moved up with the buttons.
    for (let i = 0; i < 6; i++) await head.getByRole('button', { name: `Move ${INLINE.head} up` }).click();
    await expect.poll(() => rows.getByRole('listitem').first().getAttribute('aria-label')).toBe(INLINE.head);

    await page.getByRole('textbox', { name: 'Purpose' }).fill(VISIT.purpose);
    await page.getByRole('textbox', { name: 'Outcomes' }).fill(VISIT.outcomes);
    await choose(page, page.getByRole('combobox', { name: 'Project' }), 'BHRI', /BHRI/);
    const tags = page.getByRole('combobox', { name: 'Tags and SDGs' });
    // From the keyboard: type, arrow to the match, Enter.
    await tags.click();
    for (const n of [5, 10, 16, 17]) {
      await tags.fill(`SDG ${n}:`);
      await page.getByRole('option', { name: new RegExp(`^SDG ${n}:`) }).waitFor();
      await tags.press('ArrowDown');
      await tags.press('Enter');
    }
    await page.keyboard.press('Escape');
    for (const n of [5, 10, 16, 17]) await page.getByText(new RegExp(`^SDG ${n}:`)).first().waitFor();
    await expectAccessible(page);
    await shot(page, 'visit-builder-en');

    await page.getByRole('button', { name: 'Create visit' }).click();
    await page.waitForURL(/\/visits\/\d+$/);
    ids.visit = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { level: 1, name: VISIT.title }).waitFor();
    await dismissNotifications(page);
  });

  it('builds the itinerary on the visit page: sessions across days in Sarajevo time, one edited and one cancelled', async () => {
    const itinerary = page.getByRole('region', { name: 'Itinerary' });
    await itinerary.getByText('Times in Europe/Sarajevo').waitFor();

    const addSession = async (s: { subject: string; kind?: string; day: number; from: string; to: string; city?: string; location?: string; with: [string, string, string][]; restricted?: boolean }) => {
      await itinerary.getByRole('button', { name: 'Add session' }).click();
      const form = page.getByRole('form', { name: 'New session' });
      if (s.kind) await choose(page, form.getByRole('combobox', { name: 'Kind' }), '', s.kind);
      await form.getByRole('textbox', { name: /^Subject/ }).fill(s.subject);
      await form.getByRole('textbox', { name: /^Starts/ }).fill(dayOf(s.day));
      await form.getByLabel(/^Time \(Starts/).fill(s.from);
      await form.getByRole('textbox', { name: /^Ends/ }).fill(dayOf(s.day));
      await form.getByLabel(/^Time \(Ends/).fill(s.to);
      if (s.city) await form.getByRole('textbox', { name: 'City' }).fill(s.city);
      if (s.location) await form.getByRole('textbox', { name: 'Place' }).fill(s.location);
      const picker = form.getByRole('combobox', { name: 'Add a participant to the session' });
      for (const [typed, option, role] of s.with) {
        if (option.startsWith('Create')) {
          await picker.click();
          await picker.fill(typed);
          await page.getByRole('option', { name: option }).click();
          const dialog = page.getByRole('dialog', { name: 'New organization' });
          await choose(page, dialog.getByRole('combobox', { name: /^Type/ }), 'Youth', 'Youth group');
          await dialog.getByRole('button', { name: 'Create and add' }).click();
          await dialog.waitFor({ state: 'hidden' });
        } else {
          await choose(page, picker, typed, option);
        }
        if (role !== 'Participant') await choose(page, form.getByRole('combobox', { name: `Role of ${option.startsWith('Create') ? typed : option}` }), '', role);
      }
      if (s.restricted) await form.getByRole('switch', { name: 'Restricted' }).check({ force: true });
      await form.getByRole('button', { name: 'Add to the itinerary' }).click();
      await form.waitFor({ state: 'detached' });
      await itinerary.getByText(s.subject).waitFor();
    };

    const ministry = `${ORGANIZATIONS.ministry} (MoS)`;
    await addSession({
      subject: SESSIONS.strategy,
      day: 0,
      from: '09:30',
      to: '11:30',
      location: 'Ministry of Security',
      with: [
        ['Security', ministry, 'Host'],
        ['National Committee', ORGANIZATIONS.committee, 'Participant'],
      ],
    });
    await addSession({
      subject: SESSIONS.reception,
      kind: 'Reception',
      day: 0,
      from: '18:30',
      to: '20:30',
      with: [
        ['Security', ministry, 'Host'],
        ['IOM Bos', ORGANIZATIONS.iomBih, 'Host'],
      ],
    });
    await addSession({ subject: SESSIONS.levels, day: 1, from: '10:00', to: '12:30', with: [['National Committee', ORGANIZATIONS.committee, 'Participant']] });
    await addSession({ subject: SESSIONS.budgeting, kind: 'Workshop', day: 2, from: '09:00', to: '13:00', city: 'Tuzla', with: [] });
    await addSession({
      subject: SESSIONS.zenica,
      day: 3,
      from: '15:00',
      to: '17:00',
      city: 'Zenica',
      restricted: true,
      with: [[INLINE.zenica, `Create organization “${INLINE.zenica}”…`, 'Host']],
    });

    // Edited in place: the reception ran longer and moved to another place.
    await itinerary.getByRole('button', { name: `Edit “${SESSIONS.reception}”` }).click();
    const edit = page.getByRole('form', { name: `Edit “${SESSIONS.reception}”` });
    await edit.getByRole('textbox', { name: 'Place' }).fill('Hotel Europe, Sarajevo');
    await edit.getByLabel(/^Time \(Ends/).fill('21:00');
    await edit.getByRole('button', { name: 'Save session' }).click();
    await edit.waitFor({ state: 'detached' });
    await itinerary.getByText(/Hotel Europe, Sarajevo/).waitFor();

    // The Tuzla workshop did not happen after all.
    await itinerary.getByRole('button', { name: `Cancel session “${SESSIONS.budgeting}”` }).click();
    const confirm = page.getByRole('dialog', { name: 'Cancel this session?' });
    await confirm.getByRole('button', { name: 'Cancel session' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await dismissNotifications(page);

    // Day by day, in the host country's clock (the browser is in New York, six hours behind).
    const day1 = itinerary.getByRole('heading', { name: /^Day 1/ });
    await day1.waitFor();
    await itinerary.getByRole('heading', { name: /^Day 4/ }).waitFor();
    const texts = await itinerary.locator('h3, .mantine-Timeline-itemTitle').allInnerTexts();
    const at = (text: string) => texts.findIndex((t) => t.includes(text));
    expect(at('Day 1')).toBeLessThan(at(SESSIONS.strategy));
    expect(at(SESSIONS.strategy)).toBeLessThan(at(SESSIONS.reception));
    expect(at(SESSIONS.reception)).toBeLessThan(at('Day 2'));
    expect(at('Day 2')).toBeLessThan(at(SESSIONS.levels));
    expect(at(SESSIONS.levels)).toBeLessThan(at('Day 3'));
    expect(at('Day 3')).toBeLessThan(at(SESSIONS.budgeting));
    expect(texts[at(SESSIONS.strategy)]).toMatch(/09:30/);
    expect(texts[at(SESSIONS.reception)]).toMatch(/18:30\s*–\s*21:00/);
    expect(texts[at(SESSIONS.budgeting)]).toMatch(/Cancelled/);
  });

  it('logs follow-ups from a session: one already overdue, one due next month', async () => {
    const itinerary = page.getByRole('region', { name: 'Itinerary' });
    for (const [title, due, direction] of [
      [COMMITMENTS.overdue, DUE.overdue, 'We owe it'],
      [COMMITMENTS.future, DUE.future, 'Joint'],
    ] as const) {
      await itinerary.getByRole('button', { name: `Add follow-up to “${SESSIONS.strategy}”` }).click();
      const form = page.getByRole('form', { name: `Follow-up to “${SESSIONS.strategy}”` });
      await form.getByRole('textbox', { name: /^What was promised/ }).fill(title);
      await form.getByRole('textbox', { name: 'Due date' }).fill(due);
      await choose(page, form.getByRole('combobox', { name: 'Who owes it' }), '', direction);
      await form.getByRole('button', { name: 'Save follow-up' }).click();
      await form.waitFor({ state: 'detached' });
    }
    // And one through the header's Log interaction form, from the visit page.
    await page.getByRole('button', { name: /Log interaction/ }).click();
    const log = page.getByRole('dialog', { name: 'Log an interaction' });
    await log.getByRole('textbox', { name: /^Date/ }).fill(dayOf(3));
    await log.getByLabel(/^Time/).fill('17:15');
    await log.getByRole('textbox', { name: /^Subject/ }).fill('Debrief with the delegation after Zenica');
    await log.getByRole('button', { name: 'Add follow-up' }).click();
    await log.getByRole('textbox', { name: 'Follow-up 1' }).fill(COMMITMENTS.zenica);
    await log.getByRole('textbox', { name: 'Due date 1' }).fill(DUE.future);
    await log.getByRole('button', { name: 'Save interaction' }).click();
    await log.waitFor({ state: 'hidden' });
    await dismissNotifications(page);
  });

  it('shows the built visit: participants by side, the itinerary by day and the commitments, the overdue one said in words', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: VISIT.title }).waitFor();
    const participants = page.getByRole('region', { name: 'Participants' });
    const side = (heading: string) => participants.locator('div').filter({ has: page.getByRole('heading', { name: heading, exact: true }) }).last();
    await side('Visiting delegation').getByRole('link', { name: INLINE.head }).waitFor();
    await expect.poll(() => side('Visiting delegation').innerText()).toMatch(/Head of delegation/);
    await side('Visiting delegation').getByRole('link', { name: ORGANIZATIONS.committee }).waitFor();
    await side('Hosts').getByRole('link', { name: ORGANIZATIONS.ministry }).waitFor();
    await side('Facilitators').getByRole('link', { name: ORGANIZATIONS.iomBih }).waitFor();
    await side('Funders').getByRole('link', { name: ORGANIZATIONS.canada }).waitFor();

    const itinerary = page.getByRole('region', { name: 'Itinerary' });
    for (const n of [1, 2, 3, 4]) await itinerary.getByRole('heading', { name: new RegExp(`^Day ${n}`) }).waitFor();
    await itinerary.getByRole('link', { name: INLINE.zenica }).waitFor();
    // Logged from the visit page, the debrief's time was read on the host's clock.
    const debrief = itinerary.locator('.mantine-Timeline-item').filter({ hasText: 'Debrief with the delegation after Zenica' });
    await expect.poll(() => debrief.innerText()).toMatch(/17:15/);

    const commitments = page.getByRole('region', { name: 'Commitments made during the visit' });
    const overdue = commitments.getByRole('listitem').filter({ hasText: COMMITMENTS.overdue });
    await overdue.getByText('Overdue').waitFor();
    await expect.poll(() => overdue.innerText()).toContain(`at “${SESSIONS.strategy}”`);
    const future = commitments.getByRole('listitem').filter({ hasText: COMMITMENTS.future });
    await future.waitFor();
    expect(await future.getByText('Overdue').count()).toBe(0);
    await commitments.getByText(COMMITMENTS.zenica).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'About the visit' }).innerText()).toContain('Bosnia and Herzegovina Resilience Initiative');
    await expectAccessible(page);
    await shot(page, 'visit-page-built-en');
  });

  it('edits the visit with If-Match: the new status is saved and the participants stay', async () => {
    await page.getByRole('link', { name: 'Edit' }).first().click();
    await page.waitForURL(`${server.baseURL}/visits/${ids.visit}/edit`);
    await page.getByRole('list', { name: 'Participants' }).getByRole('listitem', { name: INLINE.head }).waitFor();
    await page.getByRole('textbox', { name: 'Outcomes' }).fill(`${VISIT.outcomes} Follow-up visit to Baghdad proposed.`);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(`${server.baseURL}/visits/${ids.visit}`);
    await page.getByText('Follow-up visit to Baghdad proposed.').waitFor();
    await page.getByRole('region', { name: 'Participants' }).getByRole('link', { name: INLINE.head }).waitFor();
    await dismissNotifications(page);
  });

  it('finds the visit on the month calendar, by keyboard', async () => {
    const month = VISIT.start.slice(0, 7);
    await page.goto(`${server.baseURL}/visits`);
    await page.locator('label').filter({ hasText: /^Calendar$/ }).click();
    await page.waitForURL(/view=calendar/);
    await page.goto(`${server.baseURL}/visits?view=calendar&month=${month}`);
    const grid = page.getByRole('grid');
    const chip = grid.getByRole('link', { name: new RegExp(`^${VISIT.title}`) }).first();
    await chip.waitFor();
    // Arrow keys move the day; Enter goes to its visits; Escape comes back.
    const first = grid.locator(`[data-date="${VISIT.start}"]`);
    await first.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-date'))).toBe(dayOf(1));
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain(VISIT.title);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-chip'))).toBe(String(ids.visit));
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-date'))).toBe(dayOf(1));
    // Page Down goes a month on, and the address follows.
    const title = page.getByRole('heading', { level: 2, name: /\d{4}$/ });
    const shown = await title.textContent();
    await page.keyboard.press('PageDown');
    await page.waitForURL((url) => url.searchParams.get('month') !== month);
    // The next month is on screen before one goes back, as a person sees it.
    await expect.poll(() => title.textContent()).not.toBe(shown);
    await page.getByRole('button', { name: 'Previous month' }).click();
    await page.waitForURL((url) => url.searchParams.get('month') === month);
    await chip.waitFor();
    await page.mouse.move(0, 0);
    await expectAccessible(page);
    await shot(page, 'visit-calendar-en');
    await chip.press('Enter');
    await page.waitForURL(`${server.baseURL}/visits/${ids.visit}`);
  });

  it('reads the same in Arabic, mirrored', async () => {
    await page.getByRole('button', { name: /Account menu/ }).click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await page.waitForSelector('html[lang="ar"][dir="rtl"]');
    await page.getByRole('menu').waitFor({ state: 'detached' });

    await page.goto(`${server.baseURL}/visits/${ids.visit}`);
    await page.getByRole('region', { name: ar.visit.itinerary }).getByText(SESSIONS.zenica).waitFor();
    await page.getByRole('region', { name: ar.visit.commitments }).getByText(ar.commitment.overdue).waitFor();
    await expectAccessible(page);
    await shot(page, 'visit-page-built-ar');

    await page.goto(`${server.baseURL}/visits/${ids.visit}/edit`);
    await page.getByRole('list', { name: arVisits.visitForm.fields.participants }).getByRole('listitem', { name: INLINE.head }).waitFor();
    await expectAccessible(page);
    await shot(page, 'visit-builder-ar');

    await page.goto(`${server.baseURL}/visits?view=calendar&month=${VISIT.start.slice(0, 7)}`);
    await page.getByRole('grid').getByRole('link', { name: new RegExp(`^${VISIT.title}`) }).first().waitFor();
    // Right-to-left, the next day is to the left.
    await page.getByRole('grid').locator(`[data-date="${VISIT.start}"]`).focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-date'))).toBe(dayOf(1));
    await expectAccessible(page);
    await shot(page, 'visit-calendar-ar');
  });

  // The manager's half: the review shows the overdue follow-up and who owns
  // it; the manager hands it to a colleague and closes it with a note.
  let review: Page;

  it('a manager finds the overdue follow-up in the review, with its owner, and reassigns it', async () => {
    const managerContext = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
    review = await managerContext.newPage();
    review.on('pageerror', (error) => pageErrors.push(error.message));
    await signIn(review, server.baseURL, MANAGER.email, MANAGER.password);
    await review.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Review', exact: true }).click();
    await review.getByRole('heading', { name: 'Review', level: 1 }).waitFor();
    await expect.poll(() => review.getByTestId('overdue-count').innerText()).toMatch(/\b1\b/);
    const overdue = review.getByRole('table', { name: 'Overdue, oldest first' }).getByRole('row').filter({ hasText: COMMITMENTS.overdue });
    await expect.poll(() => overdue.innerText()).toContain(OFFICER.name);
    await review.getByTestId('review-chart').locator('[data-chart-bar]').first().waitFor();
    await expectAccessible(review);
    await shot(review, 'review-study-visit-en');

    // The owner's name leads to their overdue follow-ups.
    await overdue.getByRole('link', { name: `Overdue commitments of ${OFFICER.name}` }).click();
    await review.waitForURL((url) => url.pathname === '/commitments' && url.searchParams.get('overdue') === 'true');
    const table = review.getByRole('table', { name: 'Commitments' });
    await table.getByText(COMMITMENTS.overdue, { exact: true }).waitFor();
    await table.getByRole('checkbox', { name: `Select ${COMMITMENTS.overdue}` }).check();
    await review.getByText('1 selected').waitFor();
    await review.getByRole('button', { name: 'Reassign…' }).click();
    const dialog = review.getByRole('dialog', { name: 'Reassign commitments' });
    await dialog.getByLabel('New owner', { exact: false }).first().click();
    await review.getByRole('option', { name: COLLEAGUE.name }).click();
    await dialog.getByRole('button', { name: 'Reassign 1 commitment' }).click();
    await review.getByText(`1 commitment reassigned to ${COLLEAGUE.name}.`).waitFor();
    await dialog.waitFor({ state: 'detached' });
    // It left the officer's list.
    await table.getByText(COMMITMENTS.overdue, { exact: true }).waitFor({ state: 'detached' });
    await dismissNotifications(review);
  });

  it('the manager closes it with a note: nothing is overdue, and the visit shows it done', async () => {
    const users = (await (await review.request.get(`${server.baseURL}/api/v1/users?limit=200`)).json()) as { items: { id: number; email: string }[] };
    const colleague = users.items.find((u) => u.email === COLLEAGUE.email)!;
    await review.goto(`${server.baseURL}/commitments?owner_id=${colleague.id}&overdue=true&view=board`);
    const board = review.getByRole('list', { name: 'Commitments by status' });
    await board.getByText(COMMITMENTS.overdue, { exact: true }).waitFor();
    await review.getByRole('button', { name: `Move ${COMMITMENTS.overdue}` }).click();
    await review.getByRole('menuitem', { name: 'Done' }).click();
    const close = review.getByRole('dialog', { name: 'Mark as done' });
    await close.getByRole('textbox', { name: 'Closure note' }).fill('Arabic translation sent to the National Committee.');
    await close.getByRole('button', { name: 'Mark as done' }).click();
    await close.waitFor({ state: 'detached' });
    await review.getByText(`“${COMMITMENTS.overdue}” is done.`).waitFor();
    await dismissNotifications(review);

    await review.goto(`${server.baseURL}/review`);
    await review.getByText('Nothing is overdue.').waitFor();
    await expect.poll(() => review.getByTestId('overdue-count').innerText()).toMatch(/\b0\b/);

    await review.goto(`${server.baseURL}/visits/${ids.visit}`);
    const done = review.getByRole('region', { name: 'Commitments made during the visit' }).getByRole('listitem').filter({ hasText: COMMITMENTS.overdue });
    await done.getByText('Done').first().waitFor();
    expect(await done.getByText('Overdue').count()).toBe(0);
  });

  it('shows the manager the review in Arabic, mirrored', async () => {
    await review.getByRole('button', { name: /Account menu/ }).click();
    await review.getByRole('menuitem', { name: 'العربية' }).click();
    await review.waitForSelector('html[lang="ar"][dir="rtl"]');
    await review.getByRole('menu').waitFor({ state: 'detached' });
    await review.goto(`${server.baseURL}/review`);
    await review.getByRole('heading', { name: ar.review.title, level: 1 }).waitFor();
    await review.getByText(ar.review.nothingOverdue).waitFor();
    await expectAccessible(review);
    await shot(review, 'review-study-visit-ar');
  });

  it('ran without script errors or CSP violations', () => {
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
