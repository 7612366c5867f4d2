import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { adminUser, json, organization, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';
import { PHONE_QUERY } from './usePhone';

/** A phone-sized window: the phone media query matches, every other query does not. */
function onPhone() {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: query === PHONE_QUERY,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }));
}

function organizations() {
  return stubApi({
    ...signedInRoutes(adminUser),
    'GET /api/v1/organizations': json({
      items: [
        organization(1, 'Ministry of Security', { acronym: 'MoS', type: 'ministry', country_code: 'BA' }),
        organization(2, 'Ministry of Interior', { name_local: 'وزارة الداخلية', type: 'ministry', country_code: 'IQ', city: 'Baghdad' }),
      ],
      next_cursor: null,
    }),
  });
}

describe('lists on a phone', () => {
  it('folds the filters behind a button that counts the active ones, and opens them on a tap', async () => {
    onPhone();
    organizations();
    const user = userEvent.setup();
    renderApp('/organizations?type=ministry&country=BA&sort=-name');

    const toggle = await screen.findByRole('button', { name: /Filters/ });
    // Type and country narrow the list; the sort does not.
    expect(toggle).toHaveAccessibleName(/Active filters: 2/);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('textbox', { name: 'Search' })).not.toBeInTheDocument();

    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(await screen.findByRole('searchbox', { name: 'Search' })).toBeVisible();
  });

  it('shows no count while nothing narrows the list', async () => {
    onPhone();
    organizations();
    renderApp('/organizations');
    const toggle = await screen.findByRole('button', { name: /Filters/ });
    expect(toggle).not.toHaveAccessibleName(/Active filters/);
  });

  it('draws the rows as cards: the name as a link, the facts under their column names, no table', async () => {
    onPhone();
    organizations();
    renderApp('/organizations');

    const cards = await screen.findByRole('list', { name: 'Organizations' });
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    await within(cards).findByRole('link', { name: 'Ministry of Security' });
    const items = within(cards).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const first = items[0]!;
    expect(within(first).getByRole('link', { name: 'Ministry of Security' })).toHaveAttribute('href', '/organizations/1');
    // Each fact carries its column's name, as a description list.
    const terms = within(first).getAllByRole('term').map((term) => term.textContent);
    expect(terms).toContain('Type');
    expect(within(first).getByText('Ministry')).toBeInTheDocument();
    expect(within(items[1]!).getByText('وزارة الداخلية')).toBeInTheDocument();
  });

  it('keeps the table and the open filters on a desktop', async () => {
    organizations();
    renderApp('/organizations?type=ministry');
    expect(await screen.findByRole('table', { name: 'Organizations' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Filters/ })).not.toBeInTheDocument();
    expect(screen.getByRole('searchbox', { name: 'Search' })).toBeVisible();
  });
});
