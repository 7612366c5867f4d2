import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { json, stubApi } from '../../test/api';
import { renderWithProviders } from '../../test/render';
import { DuplicateWarning } from './DuplicateWarning';

const match = { items: [{ ids: [12], names: ['Amra Hodžić'], score: 0.97, reasons: ['same_phone', 'same_name'] }] };

describe('the possible-duplicate warning', () => {
  it('names the existing record with a link and the reasons in the reader’s language, sending the form’s fields', async () => {
    const { requests } = stubApi({ 'GET /api/v1/duplicates/check': json(match) });
    await i18n.changeLanguage('bs');
    renderWithProviders(
      <DuplicateWarning kind="contacts" probe={{ given_name: 'Амра', family_name: 'Ходжић', phone: '061/123-456', country_code: 'BA', exclude_id: 40 }} />,
    );
    const link = await screen.findByRole('link', { name: 'Amra Hodžić' });
    expect(link).toHaveAttribute('href', '/contacts/12');
    expect(screen.getByText('Mogući duplikat')).toBeInTheDocument();
    expect(screen.getByText(/isti broj telefona, isto ime/)).toBeInTheDocument();
    const query = requests[0]!.url.searchParams;
    expect(Object.fromEntries(query)).toMatchObject({
      kind: 'contacts',
      given_name: 'Амра',
      family_name: 'Ходжић',
      phone: '061/123-456',
      country_code: 'BA',
      exclude_id: '40',
    });
  });

  it('asks nothing and shows nothing until a name, an email or a phone number is typed', async () => {
    const { requests } = stubApi({ 'GET /api/v1/duplicates/check': json(match) });
    await i18n.changeLanguage('en');
    renderWithProviders(<DuplicateWarning kind="organizations" probe={{ name: 'M', email: '', phone: '12' }} />);
    await new Promise((r) => setTimeout(r, 600));
    expect(requests).toHaveLength(0);
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
