import { Badge, Box, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconDeviceDesktop, IconDeviceMobile } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignInSession } from '../hooks/sessions';
import { useFormat } from './useFormat';

const MOBILE = /android|iphone|ipad|ios|mobile/i;

/** The browser or program of a session, as the server summarised it ("Firefox on Windows"). */
export function useClientName() {
  const { t } = useTranslation();
  return (session: SignInSession) => session.user_agent.trim() || t('security.sessions.unknownClient');
}

/**
 * Sign-in sessions, newest use first: the browser, where from, when last
 * used; this browser's session marked. `action` draws a row's button.
 */
export function SessionList({ sessions, label, action }: { sessions: SignInSession[]; label: string; action?: (session: SignInSession) => ReactNode }) {
  const { t } = useTranslation();
  const format = useFormat();
  const clientName = useClientName();
  const sorted = [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || b.last_seen_at.localeCompare(a.last_seen_at));
  return (
    <Stack gap="xs" component="ul" aria-label={label} m={0} p={0} style={{ listStyle: 'none' }}>
      {sorted.map((session) => {
        const Icon = MOBILE.test(session.user_agent) ? IconDeviceMobile : IconDeviceDesktop;
        return (
          <Paper key={session.id} component="li" withBorder radius="md" p="sm" bg={session.current ? 'var(--mantine-color-liaison-light)' : undefined}>
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
              <Group wrap="nowrap" align="flex-start" gap="sm" miw={0}>
                <ThemeIcon variant="light" radius="md" size={36} aria-hidden="true">
                  <Icon size={20} />
                </ThemeIcon>
                <Stack gap={2} miw={0}>
                  <Group gap={6} wrap="wrap">
                    <Text fw={600} size="sm">
                      {clientName(session)}
                    </Text>
                    {session.current && (
                      <Badge size="sm" variant="filled">
                        {t('security.sessions.thisDevice')}
                      </Badge>
                    )}
                  </Group>
                  {session.client_addr && (
                    <Text size="xs" c="dimmed">
                      {t('security.sessions.address')}: <bdi dir="ltr">{session.client_addr}</bdi>
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {t('security.sessions.lastSeen', { when: format.dateTime(session.last_seen_at) })}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('security.sessions.signedIn', { when: format.dateTime(session.created_at) })}
                  </Text>
                </Stack>
              </Group>
              {action && <Box style={{ flexShrink: 0 }}>{action(session)}</Box>}
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
