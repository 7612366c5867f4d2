import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from './hooks/auth';
import { startPageData } from './pageData';
import { createQueryClient } from './queryClient';
import { adminUser, contact, json, organization, signedInRoutes, stubApi } from './test/api';

/** "Who am I" not yet answered: the test answers it. */
function pendingMe() {
  let answer!: (user: User | null) => void;
  const me = new Promise<User | null>((resolve) => {
    answer = resolve;
  });
  return { me, answer };
}

const list = json({ items: [], next_cursor: null });

// The waits below include a page module's first import, which the test
// runner transforms then (a second or more on a busy machine): a bound, not a timing.
const MODULE_LOADED = { timeout: 10_000 };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('startPageData', () => {
  it('asks for a list page’s rows while “who am I” is still on its way', async () => {
    const { requests } = stubApi({ 'GET /api/v1/organizations': list, 'GET /api/v1/notifications/unread-count': json({ count: 0 }) });
    const { me, answer } = pendingMe();
    const done = startPageData(createQueryClient({ retry: false }), '/organizations', me);
    await vi.waitFor(() => expect(requests.map((r) => r.url.pathname)).toContain('/api/v1/organizations'), MODULE_LOADED);
    expect(requests.map((r) => r.url.pathname)).toContain('/api/v1/notifications/unread-count');
    answer(adminUser as unknown as User);
    await done;
  });

  it('waits for “who am I” where the page’s rows are the signed-in person’s', async () => {
    const { requests } = stubApi({ 'GET /api/v1/commitments': list, 'GET /api/v1/notifications/unread-count': json({ count: 0 }) });
    const { me, answer } = pendingMe();
    const done = startPageData(createQueryClient({ retry: false }), '/', me);
    await vi.waitFor(() => expect(requests.map((r) => r.url.pathname)).toContain('/api/v1/notifications/unread-count'), MODULE_LOADED);
    // The page's module has had its time to load; its requests still wait.
    await import('./pages/dashboard/DashboardPage');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests.map((r) => r.url.pathname)).not.toContain('/api/v1/commitments');
    answer(adminUser as unknown as User);
    await vi.waitFor(() => expect(requests.find((r) => r.url.pathname === '/api/v1/commitments')?.url.searchParams.get('owner_id')).toBe(String(adminUser.id)), MODULE_LOADED);
    await done;
  });

  it('asks for the visits list of the address as the page does, with its filter’s projects, and nothing for its calendar', async () => {
    const { requests } = stubApi({ 'GET /api/v1/visits': list, 'GET /api/v1/projects': list, 'GET /api/v1/notifications/unread-count': json({ count: 0 }) });
    const queryClient = createQueryClient({ retry: false });
    window.history.replaceState(null, '', '/visits?status=planned,ongoing&country=BA');
    try {
      const { me, answer } = pendingMe();
      const done = startPageData(queryClient, '/visits', me);
      await vi.waitFor(() => expect(requests.map((r) => r.url.pathname)).toContain('/api/v1/visits'), MODULE_LOADED);
      const asked = requests.find((r) => r.url.pathname === '/api/v1/visits')!.url.searchParams;
      expect(asked.get('status')).toBe('planned,ongoing');
      expect(asked.get('host_country_code')).toBe('BA');
      expect(asked.get('sort')).toBe('-start_date');
      // Arriving after the page's first draw, the projects drew it all again.
      await vi.waitFor(() => expect(requests.map((r) => r.url.pathname)).toContain('/api/v1/projects'), MODULE_LOADED);
      answer(adminUser as unknown as User);
      await done;
      // The page finds it under the key it asks with (hooks/visits.ts), so it does not ask again.
      const { visitsQuery } = await import('./hooks/visits');
      const key = visitsQuery({ status: ['planned', 'ongoing'], host_country_code: ['BA'], project_id: [], tag: [], sort: '-start_date' }).queryKey;
      expect(queryClient.getQueryData(key)).toBeDefined();

      requests.length = 0;
      window.history.replaceState(null, '', '/visits?view=calendar');
      await startPageData(queryClient, '/visits', Promise.resolve(adminUser as unknown as User));
      expect(requests.map((r) => r.url.pathname)).not.toContain('/api/v1/visits');
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });

  it('asks for the report of the address’s period once “who am I” says the reader may read it', async () => {
    const { requests } = stubApi({
      'GET /api/v1/reports/engagement': json({ by: 'sdg', rows: [], totals: {} }),
      'GET /api/v1/notifications/unread-count': json({ count: 0 }),
    });
    window.history.replaceState(null, '', '/reports?from=2026-01-01&to=2026-06-30&by=sdg');
    try {
      const { me, answer } = pendingMe();
      const done = startPageData(createQueryClient({ retry: false }), '/reports', me);
      await vi.waitFor(() => expect(requests.map((r) => r.url.pathname)).toContain('/api/v1/notifications/unread-count'), MODULE_LOADED);
      expect(requests.map((r) => r.url.pathname)).not.toContain('/api/v1/reports/engagement');
      answer(adminUser as unknown as User);
      await done;
      const asked = requests.find((r) => r.url.pathname === '/api/v1/reports/engagement')!.url.searchParams;
      expect([asked.get('from'), asked.get('to'), asked.get('by')]).toEqual(['2026-01-01', '2026-06-30', 'sdg']);

      // An officer may not read it: nothing is asked.
      requests.length = 0;
      await startPageData(createQueryClient({ retry: false }), '/reports', Promise.resolve({ ...adminUser, role: 'officer' } as unknown as User));
      expect(requests.map((r) => r.url.pathname)).not.toContain('/api/v1/reports/engagement');
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });

  it('asks for the stakeholder map of the address alongside “who am I”', async () => {
    const { requests } = stubApi({
      'GET /api/v1/stakeholder-map': json({ items: [], total: 0 }),
      'GET /api/v1/projects': list,
      'GET /api/v1/notifications/unread-count': json({ count: 0 }),
    });
    window.history.replaceState(null, '', '/map?country=BA,IQ&type=ministry');
    try {
      const { me, answer } = pendingMe();
      const done = startPageData(createQueryClient({ retry: false }), '/map', me);
      await vi.waitFor(() => expect(requests.map((r) => r.url.pathname)).toContain('/api/v1/stakeholder-map'), MODULE_LOADED);
      const asked = requests.find((r) => r.url.pathname === '/api/v1/stakeholder-map')!.url.searchParams;
      expect([asked.get('country_code'), asked.get('type')]).toEqual(['BA,IQ', 'ministry']);
      await vi.waitFor(() => expect(requests.map((r) => r.url.pathname)).toContain('/api/v1/projects'), MODULE_LOADED);
      answer(adminUser as unknown as User);
      await done;
    } finally {
      window.history.replaceState(null, '', '/');
    }
  });

  it('asks for everything an organization’s page draws first alongside “who am I”, and nothing below its fold', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/organizations/7': json(organization(7, 'Ministry of Security')),
      'GET /api/v1/organizations/7/timeline': list,
      'GET /api/v1/organizations': list,
      'GET /api/v1/contacts': list,
      'GET /api/v1/relationships': list,
      'GET /api/v1/notifications/unread-count': json({ count: 0 }),
    });
    const { me, answer } = pendingMe();
    const done = startPageData(createQueryClient({ retry: false }), '/organizations/7', me);
    const asked = () => requests.map((r) => r.url.pathname + r.url.search);
    const firstScreen = [
      '/api/v1/organizations/7',
      '/api/v1/organizations/7/timeline?limit=20',
      '/api/v1/contacts?organization_id=7&sort=full_name&limit=100',
      '/api/v1/organizations?parent_id=7&sort=name&limit=50',
      '/api/v1/relationships?organization_id=7&limit=200',
      '/api/v1/countries',
      '/api/v1/offices?limit=200',
      '/api/v1/users?limit=200',
    ];
    await vi.waitFor(() => expect(asked()).toEqual(expect.arrayContaining(firstScreen)), MODULE_LOADED);
    // Notes, documents and history ask when they come into view (WhenVisible), not before the page is drawn.
    expect(asked().filter((path) => /\/(notes|documents)\b|\/audit\b/.test(path))).toEqual([]);
    answer(adminUser as unknown as User);
    await done;
  });

  it('asks for a contact’s timeline alongside the contact, and for the organization of each of their positions once', async () => {
    const positions = [3, 5, 3].map((organization_id, i) => ({ organization_id, title: `Role ${i}`, start_date: null, end_date: null, is_primary: i === 0 }));
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/contacts/9': json(contact(9, 'Amra', 'Kovač', { positions })),
      'GET /api/v1/contacts/9/timeline': list,
      'GET /api/v1/organizations/3': json(organization(3, 'Ministry of Security')),
      'GET /api/v1/organizations/5': json(organization(5, 'Youth Council')),
      'GET /api/v1/notifications/unread-count': json({ count: 0 }),
    });
    const { me, answer } = pendingMe();
    const done = startPageData(createQueryClient({ retry: false }), '/contacts/9', me);
    const asked = () => requests.map((r) => r.url.pathname);
    await vi.waitFor(() => expect(asked()).toEqual(expect.arrayContaining(['/api/v1/contacts/9', '/api/v1/contacts/9/timeline', '/api/v1/organizations/3', '/api/v1/organizations/5'])), MODULE_LOADED);
    expect(asked().filter((path) => path === '/api/v1/organizations/3')).toHaveLength(1);
    answer(adminUser as unknown as User);
    await done;
  });

  it('asks for a meeting’s follow-ups, notes, documents and names alongside the meeting, then its visit, whose clock the page reads it in, its project and its follow-ups’ counterparts', async () => {
    const followUp = { id: 31, title: 'Share the budget', counterpart_organization_id: 3, counterpart_contact_id: 9 };
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/interactions/11': json({ id: 11, visit_id: 4, project_id: 6, subject: 'Reception at the ministry' }),
      'GET /api/v1/visits/4': json({ id: 4, host_country_code: 'BA', title: 'Study visit' }),
      'GET /api/v1/projects/6': json({ id: 6, name: 'Youth participation' }),
      'GET /api/v1/commitments': json({ items: [followUp], next_cursor: null }),
      'GET /api/v1/organizations': json({ items: [organization(3, 'Ministry of Security')], next_cursor: null }),
      'GET /api/v1/contacts': json({ items: [contact(9, 'Amra', 'Kovač')], next_cursor: null }),
      'GET /api/v1/interactions/11/notes': list,
      'GET /api/v1/interactions/11/documents': list,
      'GET /api/v1/notifications/unread-count': json({ count: 0 }),
    });
    const { me, answer } = pendingMe();
    const done = startPageData(createQueryClient({ retry: false }), '/interactions/11', me);
    const asked = () => requests.map((r) => r.url.pathname + r.url.search);
    await vi.waitFor(
      () =>
        expect(asked()).toEqual(
          expect.arrayContaining([
            '/api/v1/interactions/11',
            '/api/v1/visits/4',
            '/api/v1/projects/6',
            '/api/v1/commitments?interaction_id=11&sort=due_date&limit=50',
            '/api/v1/organizations?id=3&limit=200',
            '/api/v1/contacts?id=9&limit=200',
            '/api/v1/interactions/11/notes?limit=20',
            '/api/v1/interactions/11/documents?limit=50',
            '/api/v1/users?limit=200',
          ]),
        ),
      MODULE_LOADED,
    );
    answer(adminUser as unknown as User);
    await done;
  });

  it('asks for a commitment’s counterparts, the meeting it was promised at, its visit and project once the commitment names them, and not for its history', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/commitments/31': json({ id: 31, title: 'Share the budget', interaction_id: 11, visit_id: 4, project_id: 6, counterpart_organization_id: 3, counterpart_contact_id: null }),
      'GET /api/v1/interactions/11': json({ id: 11, subject: 'Reception at the ministry' }),
      'GET /api/v1/visits/4': json({ id: 4, host_country_code: 'BA', title: 'Study visit' }),
      'GET /api/v1/projects/6': json({ id: 6, name: 'Youth participation' }),
      'GET /api/v1/organizations': json({ items: [organization(3, 'Ministry of Security')], next_cursor: null }),
      'GET /api/v1/notifications/unread-count': json({ count: 0 }),
    });
    const { me, answer } = pendingMe();
    const done = startPageData(createQueryClient({ retry: false }), '/commitments/31', me);
    const asked = () => requests.map((r) => r.url.pathname + r.url.search);
    await vi.waitFor(
      () =>
        expect(asked()).toEqual(
          expect.arrayContaining([
            '/api/v1/commitments/31',
            '/api/v1/interactions/11',
            '/api/v1/visits/4',
            '/api/v1/projects/6',
            '/api/v1/organizations?id=3&limit=200',
            '/api/v1/users?limit=200',
            '/api/v1/offices?limit=200',
          ]),
        ),
      MODULE_LOADED,
    );
    expect(asked().filter((path) => path.startsWith('/api/v1/contacts') || path.startsWith('/api/v1/audit'))).toEqual([]);
    answer(adminUser as unknown as User);
    await done;
  });

  it('asks nothing of the page for a browser that turns out to be signed out', async () => {
    const { requests } = stubApi({ 'GET /api/v1/notifications/unread-count': json({ count: 0 }) });
    await startPageData(createQueryClient({ retry: false }), '/', Promise.resolve(null));
    expect(requests.map((r) => r.url.pathname)).toEqual(['/api/v1/notifications/unread-count']);
  });
});
