import { Alert, Button, Group, Text } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../useFormat';

/** "Draft restored from 10:42 — Discard draft": shown when a form opens with what was typed before. */
export function DraftNotice({ savedAt, onDiscard }: { savedAt: string; onDiscard: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Alert color="blue" variant="light" icon={<IconDeviceFloppy aria-hidden="true" />} p="xs" role="status">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm">{t('quickLog.draftRestored', { time: format.dateTime(savedAt) })}</Text>
        <Button size="compact-sm" variant="subtle" onClick={onDiscard}>
          {t('quickLog.discardDraft')}
        </Button>
      </Group>
    </Alert>
  );
}
