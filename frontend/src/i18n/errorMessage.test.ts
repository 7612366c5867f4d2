import { describe, expect, it } from 'vitest';
import { ApiError, parseRetryAfter, unwrap } from '../api/client';
import i18n from '.';
import ar from './ar.json';
import bs from './bs.json';
import en from './en.json';
import { mergeCatalogues, type Tree } from './catalogue';
import { errorMessage, PROBLEM_CODES } from './errorMessage';

/** A language's catalogue as the app loads it: the base file and its area files. */
function withAreas(base: unknown, areas: Record<string, Tree>): Tree {
  return Object.keys(areas)
    .sort()
    .reduce((tree, path) => mergeCatalogues(tree, areas[path]!), base as Tree);
}
const catalogues = [
  withAreas(en, import.meta.glob<Tree>('./areas/*.en.json', { import: 'default', eager: true })),
  withAreas(ar, import.meta.glob<Tree>('./areas/*.ar.json', { import: 'default', eager: true })),
  withAreas(bs, import.meta.glob<Tree>('./areas/*.bs.json', { import: 'default', eager: true })),
];

const t = i18n.t.bind(i18n);

function failed(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = new Response(JSON.stringify({ status, ...body }), { status, headers: { 'Content-Type': 'application/problem+json', ...headers } });
  return unwrap(Promise.resolve({ error: body, response })).catch((error: unknown) => error);
}

describe('server errors by code', () => {
  it('has words for every code of api/problem.go in each language', () => {
    for (const catalogue of catalogues) {
      const codes = (catalogue.errors as Tree).codes as Record<string, string>;
      expect(PROBLEM_CODES.filter((code) => !codes[code])).toEqual([]);
    }
  });

  it('reads the code and Retry-After of a problem', async () => {
    const error = (await failed(429, { title: 'Too Many Requests', code: 'too_many_requests', detail: 'too many attempts; try again later' }, { 'Retry-After': '42' })) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('too_many_requests');
    expect(error.retryAfter).toBe(42);
    expect(errorMessage(error, t)).toBe('Too many attempts; try again in 42 seconds.');
  });

  it('translates by code first, in the UI language', async () => {
    const error = await failed(401, { title: 'Unauthorized', code: 'invalid_credentials', detail: 'wrong email or password' });
    expect(errorMessage(error, t)).toBe('The email or password is not correct.');
    await i18n.changeLanguage('ar');
    expect(errorMessage(error, t)).toBe('البريد الإلكتروني أو كلمة المرور غير صحيحة.');
    const throttled = new ApiError({ status: 429, code: 'too_many_requests', retryAfter: 3 });
    expect(errorMessage(throttled, t)).toBe('محاولات كثيرة جدًا؛ أعد المحاولة بعد 3 ثوانٍ.');
    await i18n.changeLanguage('bs');
    expect(errorMessage(throttled, t)).toBe('Previše pokušaja; pokušajte ponovo za 3 sekunde.');
    expect(errorMessage(new ApiError({ status: 404, code: 'not_found', detail: 'no such record, or not visible to you' }), t)).toBe(
      'Ovaj zapis ne postoji ili ga ne smijete vidjeti.',
    );
  });

  it('adds a field message it knows to a validation failure', () => {
    const error = new ApiError({
      status: 422,
      code: 'validation_failed',
      detail: 'validation failed: body.current_password is not your current password',
      errors: [{ location: 'body.current_password', message: 'is not your current password' }],
    });
    expect(errorMessage(error, t)).toBe('Some of what you entered is not valid. This is not your current password');
  });

  it("falls back to the server's detail for a code it does not know, or none", () => {
    expect(errorMessage(new ApiError({ status: 409, code: 'something_new', detail: 'a tag with this slug exists' }), t)).toBe('a tag with this slug exists');
    expect(errorMessage(new ApiError({ status: 401, detail: 'The email or password is not correct!' }), t)).toBe('The email or password is not correct!');
    expect(errorMessage(new ApiError({ status: 429 }), t)).toBe('Too many attempts. Wait a moment and try again.');
    expect(errorMessage(new ApiError({ status: 429, retryAfter: 1 }), t)).toBe('Too many attempts; try again in 1 second.');
    expect(errorMessage(new ApiError({ status: 0, detail: 'TypeError' }), t)).toBe('Cannot reach the server. Check your connection and try again.');
    expect(errorMessage(new Error('boom'), t)).toBe('Something went wrong. Please try again.');
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('7')).toBe(7);
    expect(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 0, 30)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});
