import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { json, stubApi } from '../test/api';
import { renderWithProviders } from '../test/render';
import { TagList } from './TagList';

const tags = {
  items: [
    { id: 5, slug: 'sdg-5', name: 'Gender equality', kind: 'sdg' },
    { id: 30, slug: 'pve', name: 'Preventing violent extremism', kind: 'theme' },
    { id: 31, slug: 'gender', name: 'Gender and inclusion (our wording)', kind: 'theme' },
    { id: 40, slug: 'border-management', name: 'Border management', kind: 'theme' },
  ],
};

describe('tag names', () => {
  it('are translated for the SDGs and the built-in themes; renamed and custom tags keep their stored names', async () => {
    stubApi({ 'GET /api/v1/tags': json(tags) });
    await i18n.changeLanguage('ar');
    renderWithProviders(<TagList tags={['pve', 'sdg-5', 'gender', 'border-management']} />);
    expect(await screen.findByText('منع التطرف العنيف')).toBeInTheDocument();
    expect(screen.getByText(/^SDG|الهدف|هدف/)).toBeInTheDocument();
    expect(screen.queryByText('Preventing violent extremism')).not.toBeInTheDocument();
    expect(await screen.findByText('Gender and inclusion (our wording)')).toBeInTheDocument();
    expect(screen.getByText('Border management')).toBeInTheDocument();
  });

  it('are shown in Bosnian for a Bosnian reader', async () => {
    stubApi({ 'GET /api/v1/tags': json(tags) });
    await i18n.changeLanguage('bs');
    renderWithProviders(<TagList tags={['pve']} />);
    expect(await screen.findByText('Prevencija nasilnog ekstremizma')).toBeInTheDocument();
  });
});
