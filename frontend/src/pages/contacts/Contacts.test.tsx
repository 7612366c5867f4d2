import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { contact, json, organization, problem, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';
import { fill } from '../../test/typing';

const committee = organization(3, 'National Committee for Countering Violent Extremism', {
  acronym: 'NCCVE',
  name_local: 'اللجنة الوطنية لمكافحة التطرف العنيف',
  country_code: 'IQ',
});
const network = organization(4, 'Violence Prevention Network', { type: 'ngo', country_code: 'DE' });

describe('contact page', () => {
  it('shows current and past positions, both scripts, and the restricted badge', async () => {
    const ahmed = contact(1, 'Ahmed', 'Al-Jubouri', {
      name_local: 'أحمد الجبوري',
      restricted: true,
      languages: ['ar', 'en'],
      positions: [
        { organization_id: 4, title: 'Advisory board member', start_date: '2019-03-01', end_date: '2023-06-30', primary: false },
        { organization_id: 3, title: 'Head of Delegation', start_date: '2024-01-15', end_date: null, primary: true },
      ],
    });
    stubApi({
      ...signedInRoutes(),
      'GET /api/v1/contacts/1': json(ahmed),
      'GET /api/v1/organizations/3': json(committee),
      'GET /api/v1/organizations/4': json(network),
      'GET /api/v1/contacts/1/timeline': json({ items: [], next_cursor: null }),
    });
    renderApp('/contacts/1');

    expect(await screen.findByRole('heading', { level: 1, name: 'Ahmed Al-Jubouri' })).toBeInTheDocument();
    expect(screen.getAllByText('أحمد الجبوري').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Restricted').length).toBeGreaterThan(0);
    const positions = screen.getByRole('region', { name: 'Positions' });
    const current = within(positions).getByRole('heading', { name: 'Current' }).parentElement!;
    const past = within(positions).getByRole('heading', { name: 'Past' }).parentElement!;
    expect(await within(current).findByRole('link', { name: /National Committee/ })).toHaveAttribute('href', '/organizations/3');
    expect(current).toHaveTextContent('Head of Delegation');
    expect(current).toHaveTextContent('Main position');
    expect(await within(past).findByRole('link', { name: 'Violence Prevention Network' })).toBeInTheDocument();
    expect(past).toHaveTextContent('Advisory board member');
    expect(screen.getByText('Arabic, English')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Timeline' })).toHaveTextContent('No meetings, visits or commitments with this person yet.');
  });
});

describe('contact form', () => {
  it('edits positions row by row and shows the server error on the row it belongs to', async () => {
    const { requests } = stubApi({
      ...signedInRoutes(),
      'GET /api/v1/organizations': ({ url }) => json({ items: url.searchParams.get('q') ? [network] : [committee, network], next_cursor: null }),
      'GET /api/v1/organizations/3': json(committee),
      'GET /api/v1/organizations/4': json(network),
      'POST /api/v1/contacts': problem(422, 'Unprocessable Entity', {
        errors: [{ location: 'body.positions[1].organization_id', message: 'no such organization' }],
      }),
    });
    const user = userEvent.setup();
    renderApp('/contacts/new?organization=3');

    await fill(user, await screen.findByRole('textbox', { name: 'Given name' }), 'Ahmed');
    await fill(user, screen.getByRole('textbox', { name: 'Family name' }), 'Al-Jubouri');
    await fill(user, screen.getByRole('textbox', { name: /local script/ }), 'أحمد الجبوري');

    // The position opened for the organization the form was started from.
    const first = screen.getByRole('group', { name: 'Position 1' });
    await waitFor(() => expect(within(first).getByRole('combobox', { name: /Organization/ })).toHaveValue('National Committee for Countering Violent Extremism (NCCVE)'));
    await fill(user, within(first).getByRole('textbox', { name: 'Title' }), 'Head of Delegation');

    await user.click(screen.getByRole('button', { name: 'Add a position' }));
    const second = screen.getByRole('group', { name: 'Position 2' });
    await user.click(within(second).getByRole('combobox', { name: /Organization/ }));
    await user.type(within(second).getByRole('combobox', { name: /Organization/ }), 'Viol');
    await user.click(await screen.findByRole('option', { name: /Violence Prevention Network/ }));
    await fill(user, within(second).getByRole('textbox', { name: 'Title' }), 'Advisory board member');
    await user.type(within(second).getByLabelText('From'), '2019-03-01');
    await user.type(within(second).getByLabelText(/^Until/), '2023-06-30');

    await user.click(screen.getByRole('button', { name: 'Create contact' }));

    const picker = within(screen.getByRole('group', { name: 'Position 2' })).getByRole('combobox', { name: /Organization/ });
    await waitFor(() => expect(picker).toHaveAccessibleDescription('That organization no longer exists'));
    const body = requests.find((r) => r.method === 'POST')?.body;
    expect(body).toEqual({
      given_name: 'Ahmed',
      family_name: 'Al-Jubouri',
      name_local: 'أحمد الجبوري',
      positions: [
        { organization_id: 3, title: 'Head of Delegation', start_date: null, end_date: null, primary: true },
        { organization_id: 4, title: 'Advisory board member', start_date: '2019-03-01', end_date: '2023-06-30', primary: false },
      ],
    });
  });

  it('asks for a name and for the organization of every position', async () => {
    const { requests } = stubApi({ ...signedInRoutes(), 'GET /api/v1/organizations': json({ items: [], next_cursor: null }) });
    const user = userEvent.setup();
    renderApp('/contacts/new');
    await user.click(await screen.findByRole('button', { name: 'Add a position' }));
    await user.click(screen.getByRole('button', { name: 'Create contact' }));
    expect(await screen.findByText('Give at least a given name, a family name or a name in local script')).toBeInTheDocument();
    expect(screen.getByText('Choose the organization')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Remove position 1' }));
    expect(screen.queryByRole('group', { name: 'Position 1' })).not.toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});
