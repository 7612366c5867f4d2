import { Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { usePreferences } from '../../hooks/preferences';
import { NotificationPreferencesForm } from './NotificationPreferencesForm';

/** `/account/notifications`: what reaches me by email besides the bell, and when. */
export function NotificationSettingsPage() {
  const { t } = useTranslation();
  const preferences = usePreferences();
  return (
    <Stack gap="lg" maw={860}>
      <PageHeader title={t('preferences.title')} description={t('preferences.subtitle')} />
      {preferences.isPending ? (
        <Skeleton height={420} radius="lg" aria-busy="true" aria-label={t('common.loading')} />
      ) : preferences.isError ? (
        <QueryError title={t('preferences.loadFailed')} error={preferences.error} onRetry={() => void preferences.refetch()} />
      ) : (
        <NotificationPreferencesForm preferences={preferences.data} />
      )}
    </Stack>
  );
}
