import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CHOSEN_BEFORE_SIGN_IN_KEY } from '../hooks/auth';
import { LANGUAGE_STORAGE_KEY } from '../i18n';
import { adminUser, json, problem, signedInRoutes, stubApi } from '../test/api';
import { renderApp } from '../test/render';

describe('language switch', () => {
  it('mirrors the layout for Arabic and saves the choice on the account', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/organizations': json({ items: [], next_cursor: null }),
      'GET /api/v1/contacts': json({ items: [], next_cursor: null, total: 0 }),
      'GET /api/v1/commitments': json({ items: [], next_cursor: null, total: 0 }),
      'PATCH /api/v1/users/1': ({ body }) => json({ ...adminUser, ...(body as object), version: 2 }),
    });
    const user = userEvent.setup();
    renderApp('/');
    expect(document.documentElement).toHaveAttribute('dir', 'ltr');

    await user.click(await screen.findByRole('button', { name: /Account menu/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'العربية' }));

    await waitFor(() => expect(document.documentElement).toHaveAttribute('dir', 'rtl'));
    expect(document.documentElement).toHaveAttribute('lang', 'ar');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('ar');
    // The screen is a phone's (no media query matches): the navigation is drawn once opened.
    await user.click(screen.getByRole('button', { name: 'إظهار القائمة أو إخفاؤها' }));
    expect(await screen.findByRole('link', { name: 'المنظمات' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('مرحبًا، Amina Hadžić');

    const patch = await waitFor(() => {
      const found = requests.find((r) => r.method === 'PATCH');
      expect(found).toBeDefined();
      return found!;
    });
    expect(patch.url.pathname).toBe('/api/v1/users/1');
    expect(patch.headers.get('If-Match')).toBe('"1"');
    expect(patch.body).toEqual({ locale: 'ar' });
  });

  it("follows the account's language once signed in", async () => {
    stubApi({
      ...signedInRoutes({ ...adminUser, locale: 'bs' }),
      'GET /api/v1/organizations': json({ items: [], next_cursor: null }),
      'GET /api/v1/contacts': json({ items: [], next_cursor: null, total: 0 }),
      'GET /api/v1/commitments': json({ items: [], next_cursor: null, total: 0 }),
    });
    const user = userEvent.setup();
    renderApp('/');
    await waitFor(() => expect(document.documentElement).toHaveAttribute('lang', 'bs'));
    await user.click(await screen.findByRole('button', { name: 'Prikaži ili sakrij navigaciju' }));
    expect(await screen.findByRole('link', { name: 'Organizacije' })).toBeInTheDocument();
  });

  it('remembers a choice made before signing in, to hand it to the account', async () => {
    stubApi({ 'GET /api/v1/auth/me': problem(401, 'Unauthorized') });
    const user = userEvent.setup();
    renderApp('/login');
    await user.click(await screen.findByRole('button', { name: /Language: English/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Bosanski' }));
    await waitFor(() => expect(document.documentElement).toHaveAttribute('lang', 'bs'));
    expect(await screen.findByRole('button', { name: 'Prijavi se' })).toBeInTheDocument();
    expect(window.sessionStorage.getItem(CHOSEN_BEFORE_SIGN_IN_KEY)).toBe('1');
  });
});
