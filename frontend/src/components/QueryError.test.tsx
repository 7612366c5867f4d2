import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import i18n from '../i18n';
import { renderWithProviders } from '../test/render';
import { QueryError } from './QueryError';

describe('QueryError', () => {
  it('says a failed fetch is the network, in the UI language, never the raw exception, and retries', async () => {
    const retry = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<QueryError title="Contacts could not be loaded" error={new TypeError('Failed to fetch')} onRetry={retry} />);
    expect(await screen.findByText('Cannot reach the server. Check your connection and try again.')).toBeInTheDocument();
    expect(screen.queryByText(/TypeError|Failed to fetch/)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('says the same of a page whose code could not be fetched, in Arabic', async () => {
    await i18n.changeLanguage('ar');
    renderWithProviders(<QueryError title="—" error={new TypeError('Failed to fetch dynamically imported module: /assets/ContactsPage.js')} />);
    expect(await screen.findByText(i18n.t('errors.network'))).toBeInTheDocument();
    expect(i18n.t('errors.network')).not.toMatch(/[A-Za-z]{4}/);
  });

  it('translates a server sentence it knows even without a code', async () => {
    const error = new ApiError({ status: 401, title: 'Unauthorized', detail: 'wrong email or password', errors: [] });
    renderWithProviders(<QueryError title="Sign-in failed" error={error} />);
    expect(await screen.findByText('The email or password is not correct.')).toBeInTheDocument();
    expect(screen.queryByText('wrong email or password')).not.toBeInTheDocument();
  });
});
