import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import i18n from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { DateField, dateFieldInvalid } from './DateField';

function Harness({ initial = '' }: { initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <DateField label="Due" value={value} onChange={setValue} />
      <output data-testid="value">{value}</output>
      <output data-testid="invalid">{String(dateFieldInvalid(value))}</output>
    </>
  );
}

describe('DateField', () => {
  it('reads a date typed in the UI language and keeps it as ISO', async () => {
    await i18n.changeLanguage('bs');
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    const box = await screen.findByRole('textbox', { name: 'Due' });
    await user.type(box, '16.12.2026');
    expect(screen.getByTestId('value')).toHaveTextContent('2026-12-16');
    await user.tab();
    expect(box).toHaveValue('16.12.2026.');
    await i18n.changeLanguage('en');
  });

  it('keeps text that is not a date and says so at the field', async () => {
    await i18n.changeLanguage('en');
    const user = userEvent.setup();
    renderWithProviders(<Harness initial="2026-12-01" />);
    const box = await screen.findByRole('textbox', { name: 'Due' });
    await user.clear(box);
    await user.type(box, '162026');
    await user.tab();
    expect(box).toHaveValue('162026');
    expect(screen.getByTestId('invalid')).toHaveTextContent('true');
    expect(box).toHaveAccessibleDescription(/Not a date/);
  });
});
