import { Button, Group, List, Skeleton, Stack, Text } from '@mantine/core';
import { IconCalendarEvent, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert, FormSection } from '../../components/FormParts';
import { notify } from '../../components/notify';
import { QueryError } from '../../components/QueryError';
import { SecretShownOnce } from '../../components/SecretShownOnce';
import { useFormat } from '../../components/useFormat';
import { errorMessage } from '../../i18n/errorMessage';
import { useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from '../../hooks/calendar';

/** A new feed's address, shown once, with a copy button. */
function NewAddress({ url, onDone }: { url: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <SecretShownOnce
      title={t('calendar.createdTitle')}
      text={t('calendar.createdText')}
      secret={url}
      icon={<IconCalendarEvent aria-hidden="true" />}
      testId="calendar-feed-url"
      labels={{ copy: t('calendar.copy'), copied: t('calendar.copied'), done: t('calendar.done') }}
      onDone={onDone}
    />
  );
}

/**
 * My calendar feed: make, replace or revoke the secret address that Outlook,
 * Google Calendar or a phone subscribes to, with how to do that.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [address, setAddress] = useState<string | null>(null);
  const [replacing, setReplacing] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const make = () =>
    create.mutate(undefined, {
      onSuccess: (url) => {
        setAddress(url);
        setReplacing(false);
      },
    });

  return (
    <FormSection title={t('calendar.title')} description={t('calendar.description')}>
      <Stack gap="md">
        <Text size="sm">{t('calendar.holds')}</Text>
        {feed.isPending ? (
          <Skeleton height={36} radius="md" aria-busy="true" aria-label={t('common.loading')} />
        ) : feed.isError ? (
          <QueryError title={t('calendar.loadFailed')} error={feed.error} onRetry={() => void feed.refetch()} />
        ) : (
          <>
            {address ? (
              <NewAddress url={address} onDone={() => setAddress(null)} />
            ) : feed.data.active ? (
              <Stack gap={4}>
                <Text size="sm" fw={600} data-testid="calendar-feed-state">
                  {t('calendar.active', { date: format.dateTime(feed.data.created_at) })}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('calendar.activeHidden')}
                </Text>
              </Stack>
            ) : (
              <Text size="sm" c="dimmed" data-testid="calendar-feed-state">
                {t('calendar.none')}
              </Text>
            )}
            {create.error && !replacing && <FormAlert title={t('calendar.createFailed')} messages={[errorMessage(create.error, t)]} />}
            <Group gap="sm">
              {feed.data.active ? (
                <>
                  <Button
                    variant="default"
                    leftSection={<IconRefresh size={16} aria-hidden="true" />}
                    onClick={() => {
                      create.reset();
                      setReplacing(true);
                    }}
                  >
                    {t('calendar.replace')}
                  </Button>
                  <Button
                    variant="light"
                    color="red"
                    leftSection={<IconTrash size={16} aria-hidden="true" />}
                    onClick={() => {
                      revoke.reset();
                      setRevoking(true);
                    }}
                  >
                    {t('calendar.revoke')}
                  </Button>
                </>
              ) : (
                <Button leftSection={<IconCalendarEvent size={16} aria-hidden="true" />} loading={create.isPending} onClick={make}>
                  {t('calendar.create')}
                </Button>
              )}
            </Group>
          </>
        )}
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('calendar.howTitle')}
          </Text>
          <List size="sm" spacing={4}>
            <List.Item>{t('calendar.outlook')}</List.Item>
            <List.Item>{t('calendar.google')}</List.Item>
            <List.Item>{t('calendar.phone')}</List.Item>
          </List>
        </Stack>
      </Stack>
      <ConfirmDialog
        opened={replacing}
        title={t('calendar.replaceTitle')}
        message={t('calendar.replaceText')}
        confirmLabel={t('calendar.replace')}
        loading={create.isPending}
        error={create.error}
        onClose={() => setReplacing(false)}
        onConfirm={make}
      />
      <ConfirmDialog
        opened={revoking}
        title={t('calendar.revokeTitle')}
        message={t('calendar.revokeText')}
        confirmLabel={t('calendar.revoke')}
        loading={revoke.isPending}
        error={revoke.error}
        onClose={() => setRevoking(false)}
        onConfirm={() =>
          revoke.mutate(undefined, {
            onSuccess: () => {
              notify.success(t('calendar.revoked'));
              setAddress(null);
              setRevoking(false);
            },
          })
        }
      />
    </FormSection>
  );
}
