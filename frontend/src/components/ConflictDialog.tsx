import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from './useFormat';

export interface ConflictRow {
  field: string;
  theirs: string;
  yours: string;
}

/**
 * Shown when a save is refused with 412: someone else saved the record after
 * it was opened here. Their values stand beside the ones typed here; the
 * person takes theirs (reload) or saves their own over them (re-apply).
 */
export function ConflictDialog({
  opened,
  rows,
  changedBy,
  onReload,
  onReapply,
  onClose,
  reapplying,
}: {
  opened: boolean;
  rows: ConflictRow[];
  changedBy?: string;
  onReload: () => void;
  onReapply: () => void;
  onClose: () => void;
  reapplying?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('conflict.title')}
      size="xl"
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
          <Text size="sm">{t('conflict.text')}</Text>
          {changedBy && (
            <Text size="sm" mt={4} c="dimmed">
              {changedBy}
            </Text>
          )}
        </Alert>
        {rows.length > 0 ? (
          <Table.ScrollContainer minWidth={420}>
            <Table withTableBorder withColumnBorders verticalSpacing="xs" aria-label={t('conflict.tableLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('conflict.field')}</Table.Th>
                  <Table.Th scope="col">{t('conflict.theirs')}</Table.Th>
                  <Table.Th scope="col">{t('conflict.yours')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.field}>
                    <Table.Th scope="row" fw={600}>
                      {row.field}
                    </Table.Th>
                    <Table.Td bg="var(--mantine-color-orange-0)">
                      <bdi>{row.theirs || '—'}</bdi>
                    </Table.Td>
                    <Table.Td bg="var(--mantine-color-liaison-0)">
                      <bdi>{row.yours || '—'}</bdi>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Text size="sm">{t('conflict.noOverlap')}</Text>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('conflict.keepEditing')}
          </Button>
          <Button variant="light" onClick={onReload}>
            {t('conflict.reload')}
          </Button>
          <Button onClick={onReapply} loading={reapplying}>
            {t('conflict.reapply')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** What SessionConflictDialog needs of an editing session (useEditSession). */
interface ConflictSession<R> {
  conflict: boolean;
  conflictRows: ConflictRow[];
  latest: R | undefined;
  saving: boolean;
  dismiss: () => void;
  reload: () => R | null;
  reapply: () => Promise<R | null>;
}

/**
 * The conflict dialog of an editing session: reloading puts their version
 * into the form (onReloaded), re-applying saves yours on top (onSaved).
 */
export function SessionConflictDialog<R extends { updated_at: string }>({
  session,
  onReloaded,
  onSaved,
}: {
  session: ConflictSession<R>;
  onReloaded: (latest: R) => void;
  onSaved: (saved: R) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <ConflictDialog
      opened={session.conflict}
      rows={session.conflictRows}
      changedBy={session.latest ? t('conflict.savedAt', { time: format.dateTime(session.latest.updated_at) }) : undefined}
      onClose={session.dismiss}
      onReload={() => {
        const latest = session.reload();
        if (latest) onReloaded(latest);
      }}
      onReapply={async () => {
        const saved = await session.reapply();
        if (saved) onSaved(saved);
      }}
      reapplying={session.saving}
    />
  );
}
