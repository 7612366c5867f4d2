import { vi } from 'vitest';

/** A request the stubbed network saw, with its parsed JSON body (if any). */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Reply = Response | ((request: SeenRequest) => Response | Promise<Response>);

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
  });
}

export function problem(status: number, title: string, extra: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ title, status, request_id: 'req-test-1', ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', 'X-Request-ID': 'req-test-1' },
  });
}

/**
 * Replaces globalThis.fetch with a tiny in-memory server. Routes are keyed
 * "METHOD /path" (no query string); a reply is a Response or a function of the
 * request. Unknown routes answer 404 so a missing stub fails loudly.
 */
export function stubApi(routes: Record<string, Reply>) {
  const requests: SeenRequest[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const text = request.method === 'GET' || request.method === 'HEAD' ? '' : await request.text();
    const seen: SeenRequest = {
      method: request.method,
      url,
      headers: request.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(seen);
    const reply = routes[`${request.method} ${url.pathname}`];
    if (!reply) return problem(404, 'Not Found', { detail: `no stub for ${request.method} ${url.pathname}` });
    return typeof reply === 'function' ? reply(seen) : reply.clone();
  });
  vi.stubGlobal('fetch', fetchStub);
  return { fetch: fetchStub, requests };
}

export const adminUser = {
  id: 1,
  email: 'amina@example.org',
  name: 'Amina Hadžić',
  role: 'admin',
  office_id: 1,
  active: true,
  locale: 'en',
  version: 1,
  created_at: '2026-11-01T09:00:00Z',
  updated_at: '2026-11-01T09:00:00Z',
} as const;

export const countries = {
  items: [
    { code: 'BA', name: 'Bosnia and Herzegovina', region: 'Europe' },
    { code: 'CA', name: 'Canada', region: 'Americas' },
    { code: 'IQ', name: 'Iraq', region: 'Asia' },
  ],
};

export function organization(id: number, name: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    version: 1,
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-21T10:00:00Z',
    office_id: 1,
    owner_id: null,
    name,
    name_local: '',
    acronym: '',
    type: 'ministry',
    level: 'national',
    country_code: 'BA',
    city: 'Sarajevo',
    parent_id: null,
    website: '',
    email: '',
    phone: '',
    description: '',
    influence: null,
    interest: null,
    tags: [],
    ...extra,
  };
}

export const offices = {
  items: [
    { id: 1, name: 'IOM Bosnia and Herzegovina', country_code: 'BA', version: 1, created_at: '2026-11-01T09:00:00Z', updated_at: '2026-11-01T09:00:00Z' },
    { id: 2, name: 'IOM Iraq', country_code: 'IQ', version: 1, created_at: '2026-11-01T09:00:00Z', updated_at: '2026-11-01T09:00:00Z' },
  ],
};

export const users = {
  items: [
    { ...adminUser, last_login_at: '2026-11-26T08:00:00Z' },
    {
      id: 2,
      email: 'emina@example.org',
      name: 'Emina Kovač',
      role: 'officer',
      office_id: 1,
      active: true,
      locale: 'bs',
      version: 3,
      created_at: '2026-11-02T09:00:00Z',
      updated_at: '2026-11-02T09:00:00Z',
      last_login_at: null,
    },
  ],
  next_cursor: null,
  total: 2,
};

export const tags = {
  items: [
    { id: 5, slug: 'sdg-5', name: 'Gender equality', kind: 'sdg' },
    { id: 16, slug: 'sdg-16', name: 'Peace, justice and strong institutions', kind: 'sdg' },
    { id: 30, slug: 'pve', name: 'Preventing violent extremism', kind: 'theme' },
  ],
};

/** The answers every signed-in screen asks for: who am I, and the reference lists. */
export function signedInRoutes(me: Record<string, unknown> = adminUser) {
  return {
    'GET /api/v1/auth/me': json(me, { headers: { ETag: `"${String(me.version)}"` } }),
    'GET /api/v1/countries': json(countries),
    'GET /api/v1/users': json(users),
    'GET /api/v1/offices': json(offices),
    'GET /api/v1/tags': json(tags),
  };
}

export function contact(id: number, given: string, family: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    version: 1,
    created_at: '2026-11-20T10:00:00Z',
    updated_at: '2026-11-21T10:00:00Z',
    office_id: 1,
    owner_id: 1,
    honorific: '',
    given_name: given,
    family_name: family,
    full_name: `${given} ${family}`.trim(),
    name_local: '',
    gender: null,
    email: '',
    phone: '',
    languages: [],
    country_code: 'BA',
    city: '',
    notes: '',
    restricted: false,
    consent_basis: null,
    positions: [],
    tags: [],
    ...extra,
  };
}
