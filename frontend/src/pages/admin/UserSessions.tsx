import { Anchor, Button, Checkbox, Divider, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconLogout2 } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { notify } from '../../components/notify';
import { QueryError } from '../../components/QueryError';
import { SessionList } from '../../components/SessionList';
import { useEndUserSessions, useUserSessions } from '../../hooks/sessions';
import type { UserRecord } from '../../hooks/users';

/** An admin's view of where a user is signed in, with "End all sessions" (and their API tokens, when ticked). */
export function UserSessions({ user, self }: { user: UserRecord; self: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const sessions = useUserSessions(user.id);
  const end = useEndUserSessions();
  const [revokeTokens, setRevokeTokens] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const count = sessions.data?.length ?? 0;

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId} mt="lg">
      <Divider />
      <Stack gap={2}>
        <Title order={3} size="h5" id={headingId}>
          {t('security.admin.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('security.admin.description', { name: user.name })}
        </Text>
      </Stack>
      {sessions.isPending ? (
        <Skeleton height={64} radius="md" />
      ) : sessions.isError ? (
        <QueryError title={t('security.admin.loadFailed')} error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : count === 0 ? (
        <Text size="sm" c="dimmed">
          {t('security.admin.none')}
        </Text>
      ) : (
        <SessionList sessions={sessions.data} label={t('security.admin.listLabel', { name: user.name })} />
      )}
      {self ? (
        <Text size="sm">
          <Anchor component={Link} to="/account/security">
            {t('security.admin.self')}
          </Anchor>
        </Text>
      ) : (
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Checkbox label={t('security.admin.alsoTokens')} checked={revokeTokens} onChange={(e) => setRevokeTokens(e.currentTarget.checked)} />
          <Button
            color="red"
            variant="light"
            leftSection={<IconLogout2 size={16} aria-hidden="true" />}
            disabled={count === 0 && !revokeTokens}
            onClick={() => {
              end.reset();
              setConfirming(true);
            }}
          >
            {t('security.admin.endAll')}
          </Button>
        </Group>
      )}
      <ConfirmDialog
        opened={confirming}
        title={t('security.admin.endAllTitle', { name: user.name })}
        message={revokeTokens ? t('security.admin.endAllTextTokens') : t('security.admin.endAllText')}
        confirmLabel={t('security.admin.endAll')}
        loading={end.isPending}
        error={end.error}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          end.mutate(
            { userId: user.id, revokeTokens },
            {
              onSuccess: () => {
                notify.success(t('security.admin.ended', { name: user.name }));
                setConfirming(false);
              },
            },
          )
        }
      />
    </Stack>
  );
}
