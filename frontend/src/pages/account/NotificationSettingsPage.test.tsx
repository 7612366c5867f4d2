import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminUser, json, problem, signedInRoutes, stubApi } from '../../test/api';
import { renderApp } from '../../test/render';

const officer = { ...adminUser, role: 'officer' };
const SAVED = { digest: 'off', digest_hour: 8, time_zone: 'Europe/Sarajevo', email_on_assigned: true, email_available: false };

function routes(patch: Parameters<typeof stubApi>[0][string]) {
  return {
    ...signedInRoutes(officer),
    'GET /api/v1/notifications/unread-count': json({ count: 0 }),
    'GET /api/v1/me/preferences': json(SAVED),
    'PATCH /api/v1/me/preferences': patch,
  };
}

describe('the notification settings', () => {
  it('shows the server refusing a time zone at the field, then saves', async () => {
    let attempts = 0;
    const { requests } = stubApi(
      routes(({ body }) => {
        attempts += 1;
        return attempts === 1
          ? problem(422, 'Unprocessable Entity', { errors: [{ location: 'body.time_zone', message: 'is not a time zone this server knows' }] })
          : json({ ...SAVED, ...(body as object) });
      }),
    );
    const user = userEvent.setup();
    renderApp('/account/notifications');

    expect(await screen.findByText('This server sends no email')).toBeInTheDocument();
    const digest = screen.getByRole('radiogroup', { name: 'Email digest' });
    expect(within(digest).getByRole('radio', { name: 'Off' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Send it at' })).toBeDisabled();

    await user.click(within(digest).getByRole('radio', { name: 'Daily' }));
    await user.click(screen.getByRole('combobox', { name: 'Send it at' }));
    await user.click(await screen.findByRole('option', { name: '07:00' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    const zone = screen.getByRole('combobox', { name: /^Time zone/ });
    await waitFor(() => expect(zone).toHaveAccessibleDescription('is not a time zone this server knows'));
    expect(zone).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('alert')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('Your notification settings were saved')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'PATCH').at(-1)?.body).toEqual({
      digest: 'daily',
      digest_hour: 7,
      time_zone: 'Europe/Sarajevo',
      email_on_assigned: true,
    });
  });

  it("offers the device's zone", async () => {
    const device = Intl.DateTimeFormat().resolvedOptions().timeZone;
    stubApi({ ...routes(json(SAVED)), 'GET /api/v1/me/preferences': json({ ...SAVED, time_zone: device === 'Asia/Baghdad' ? 'Europe/Sarajevo' : 'Asia/Baghdad', email_available: true }) });
    const user = userEvent.setup();
    renderApp('/account/notifications');
    // The zone's name is set apart (Unicode isolates) from the sentence around it.
    const button = await screen.findByRole('button', { name: `Use this device's zone (\u2068${device.replaceAll('_', ' ')}\u2069)` });
    expect(screen.queryByText('This server sends no email')).toBeNull();
    await user.click(button);
    expect(screen.getByRole('combobox', { name: /^Time zone/ })).toHaveValue(device.replaceAll('_', ' '));
    expect(button).toBeDisabled();
  });
});
