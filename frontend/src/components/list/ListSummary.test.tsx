import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18n, { intlLocale } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { ListSummary } from './ListParts';
import { totalText } from './totalText';

const noun = (count: number, shown: string) => i18n.t('organizations.count', { count, formatted: shown });

function renderSummary(total: { count: number; atLeast: boolean }) {
  renderWithProviders(<ListSummary loaded={50} total={total} counting={false} onCount={() => {}} noun={noun} />);
}

describe('a list total', () => {
  it('is the number itself when the server counted every match', async () => {
    await i18n.changeLanguage('en');
    renderSummary({ count: 1234, atLeast: false });
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('50 loaded of 1,234 organizations');
    expect(status).not.toHaveAccessibleName(/at least/);
  });

  it('reads "10,000+" past the bound, and its name says so in words after the visible text', async () => {
    await i18n.changeLanguage('en');
    renderSummary({ count: 10_000, atLeast: true });
    const status = await screen.findByRole('status');
    expect(status).toHaveTextContent('50 loaded of 10,000+ organizations');
    expect(status).toHaveAccessibleName('50 loaded of 10,000+ organizations (at least 10,000: counting stops there)');
  });

  it('is written the way the UI language writes numbers, in Arabic and Bosnian', async () => {
    for (const language of ['ar', 'bs'] as const) {
      await i18n.changeLanguage(language);
      const shown = `${new Intl.NumberFormat(intlLocale(language, 'dates')).format(10_000)}+`;
      const { unmount } = renderWithProviders(<ListSummary loaded={50} total={{ count: 10_000, atLeast: true }} counting={false} onCount={() => {}} noun={noun} />);
      const status = await screen.findByRole('status');
      expect(status.textContent).toContain(shown);
      expect(status.getAttribute('aria-label')).toContain(status.textContent!);
      unmount();
    }
  });

  it('adds the plus only to a lower bound', () => {
    const format = new Intl.NumberFormat('en').format;
    expect(totalText({ count: 10_000, atLeast: true }, format)).toBe('10,000+');
    expect(totalText({ count: 10_000, atLeast: false }, format)).toBe('10,000');
  });
});
