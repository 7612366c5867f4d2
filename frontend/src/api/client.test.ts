import { describe, expect, it } from 'vitest';
import { problem, stubApi } from '../test/api';
import { ApiError, api, locationToField, serverFieldErrors, unwrap } from './client';

describe('unwrap', () => {
  it('turns a problem+json answer into an ApiError with every field', async () => {
    stubApi({
      'POST /api/v1/organizations': problem(422, 'Unprocessable Entity', {
        detail: 'validation failed',
        errors: [{ location: 'body.name', message: 'expected length >= 1' }],
      }),
    });
    const error = await unwrap(api.POST('/api/v1/organizations', { body: { name: '', type: 'ngo' } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      title: 'Unprocessable Entity',
      detail: 'validation failed',
      request_id: 'req-test-1',
      errors: [{ location: 'body.name', message: 'expected length >= 1' }],
    });
  });

  it('copes with an error that is not problem+json', async () => {
    stubApi({
      'GET /api/v1/auth/me': new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    });
    const error = await unwrap(api.GET('/api/v1/auth/me')).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, title: 'Bad Gateway', errors: [] });
  });

  it('reports an unreachable server as status 0', async () => {
    const { fetch } = stubApi({});
    fetch.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const error = await unwrap(api.GET('/api/v1/auth/me')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isNetworkError).toBe(true);
  });

  it('sends same-origin requests to the /api/v1 paths of the document', async () => {
    const { requests } = stubApi({ 'GET /api/v1/countries': new Response('{"items":[]}', { headers: { 'Content-Type': 'application/json' } }) });
    await expect(unwrap(api.GET('/api/v1/countries'))).resolves.toEqual({ items: [] });
    expect(requests[0]?.url.origin).toBe(window.location.origin);
  });

  it('sends filter alternatives comma-separated, as the server expects', async () => {
    const { requests } = stubApi({
      'GET /api/v1/organizations': new Response('{"items":[],"next_cursor":null}', { headers: { 'Content-Type': 'application/json' } }),
    });
    await unwrap(api.GET('/api/v1/organizations', { params: { query: { type: ['ministry', 'ngo'], country_code: ['IQ'] } } }));
    expect(requests[0]?.url.search).toBe('?type=ministry,ngo&country_code=IQ');
  });
});

describe('locationToField', () => {
  it.each([
    ['body.name', 'name'],
    ['body.name_local', 'name_local'],
    ['body.tags[1]', 'tags.1'],
    ['body.address.city', 'address.city'],
    ['query.limit', null],
    ['header.If-Match', null],
    ['body', null],
  ])('%s -> %s', (location, field) => {
    expect(locationToField(location)).toBe(field);
  });
});

describe('serverFieldErrors', () => {
  const error = new ApiError({
    status: 422,
    errors: [
      { location: 'body.name', message: 'is required' },
      { location: 'body.tags[0]', message: 'unknown tag' },
      { location: 'body.secret', message: 'unknown field' },
      { location: 'query.limit', message: 'too big' },
    ],
  });

  it('puts messages on the form fields they belong to and keeps the rest', () => {
    expect(serverFieldErrors(error, ['name', 'tags'])).toEqual({
      fieldErrors: { name: 'is required', tags: 'unknown tag' },
      otherErrors: ['unknown field', 'too big'],
    });
  });

  it('ignores anything that is not an ApiError', () => {
    expect(serverFieldErrors(new Error('boom'))).toEqual({ fieldErrors: {}, otherErrors: [] });
  });
});
