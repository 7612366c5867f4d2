import { describe, expect, it } from 'vitest';
import { adminUser, json, problem, stubApi } from '../test/api';
import { REMEMBERED_USER_KEY, fetchMe } from './auth';

describe('who am I, in the field', () => {
  it('opens as the user last signed in on this device when the server is out of reach', async () => {
    stubApi({ 'GET /api/v1/auth/me': json(adminUser) });
    expect(await fetchMe()).toMatchObject({ id: adminUser.id });

    stubApi({
      'GET /api/v1/auth/me': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(await fetchMe()).toMatchObject({ id: adminUser.id, role: adminUser.role });
  });

  it('forgets that user once the server says the session is over', async () => {
    stubApi({ 'GET /api/v1/auth/me': json(adminUser) });
    await fetchMe();
    stubApi({ 'GET /api/v1/auth/me': problem(401, 'Unauthorized', { code: 'unauthenticated' }) });
    expect(await fetchMe()).toBeNull();
    expect(window.localStorage.getItem(REMEMBERED_USER_KEY)).toBeNull();

    stubApi({
      'GET /api/v1/auth/me': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(fetchMe()).rejects.toBeDefined();
  });
});
