import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LANGUAGE_STORAGE_KEY } from '../i18n';
import { adminUser, countries, json, stubApi } from '../test/api';
import { renderApp } from '../test/render';

describe('language switch', () => {
  it('switching to Arabic mirrors the layout and is remembered', async () => {
    stubApi({
      'GET /api/v1/auth/me': json(adminUser),
      'GET /api/v1/countries': json(countries),
    });
    const user = userEvent.setup();
    renderApp('/');
    expect(document.documentElement).toHaveAttribute('dir', 'ltr');

    await user.click(await screen.findByRole('button', { name: /Language: English/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'العربية' }));

    await waitFor(() => expect(document.documentElement).toHaveAttribute('dir', 'rtl'));
    expect(document.documentElement).toHaveAttribute('lang', 'ar');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('ar');
    expect(await screen.findByRole('link', { name: 'المنظمات' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('مرحبًا، Amina Hadžić');

    await user.click(screen.getByRole('button', { name: /اللغة/ }));
    await user.click(await screen.findByRole('menuitem', { name: 'Bosanski' }));
    await waitFor(() => expect(document.documentElement).toHaveAttribute('dir', 'ltr'));
    expect(document.documentElement).toHaveAttribute('lang', 'bs');
    expect(await screen.findByRole('link', { name: 'Organizacije' })).toBeInTheDocument();
  });
});
