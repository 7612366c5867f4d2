import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { json, organization, stubApi } from '../test/api';
import { renderWithProviders } from '../test/render';
import { useOrganizationName } from './organizationNames';

// A list whose rows each name an organization asks for the names in one
// request, not one per row.

function Name({ id }: { id: number }) {
  const name = useOrganizationName(id);
  return <p data-testid={`name-${id}`}>{name.isPending ? 'waiting' : (name.data?.acronym || name.data?.name) ?? 'none'}</p>;
}

describe('useOrganizationName', () => {
  it('asks for the organizations of one render in one request, and says none for one the reader may not see', async () => {
    const { requests } = stubApi({
      'GET /api/v1/organizations': json({
        items: [organization(3, 'National Committee', { acronym: 'NC' }), organization(7, 'Ministry of Security')],
        next_cursor: null,
      }),
    });
    renderWithProviders(
      <>
        <Name id={7} />
        <Name id={3} />
        <Name id={9} />
        <Name id={3} />
      </>,
    );
    await waitFor(() => expect(screen.getByTestId('name-9')).toHaveTextContent('none'));
    expect(screen.getByTestId('name-7')).toHaveTextContent('Ministry of Security');
    expect(screen.getAllByTestId('name-3').map((p) => p.textContent)).toEqual(['NC', 'NC']);
    const asked = requests.filter((r) => r.url.pathname === '/api/v1/organizations');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.url.searchParams.getAll('id').join(',')).toBe('3,7,9');
    expect(asked[0]!.url.search).toContain('limit=200');
  });
});
