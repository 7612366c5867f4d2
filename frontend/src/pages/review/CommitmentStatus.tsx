import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notify } from '../../components/notify';
import { useSetCommitmentStatus, type Commitment } from '../../hooks/commitments';
import { errorMessage } from '../../i18n/errorMessage';
import { STATUSES } from './commitmentFilters';

/** The status, changed in place; "done" asks for a closure note first. */
export function StatusSelect({ commitment: c, onDone }: { commitment: Commitment; onDone: () => void }) {
  const { t } = useTranslation();
  const set = useSetCommitmentStatus();
  return (
    <NativeSelect
      size="xs"
      aria-label={t('commitments.statusOf', { title: c.title })}
      data={STATUSES.map((value) => ({ value, label: t(`commitment.statuses.${value}`) }))}
      value={c.status}
      disabled={set.isPending}
      onChange={(e) => {
        const status = e.currentTarget.value as Commitment['status'];
        if (status === 'done') return onDone();
        set.mutate(
          { id: c.id, version: c.version, status },
          { onError: (error) => notify.warning(error instanceof Error ? error.message : t('commitments.statusFailed')) },
        );
      }}
      style={{ minWidth: 130 }}
    />
  );
}

/** Marks a commitment done with a note of what was delivered. */
export function CloseDialog({ commitment, onClose }: { commitment: Commitment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const set = useSetCommitmentStatus();
  const close = () => {
    setNote('');
    set.reset();
    onClose();
  };
  return (
    <Modal opened={!!commitment} onClose={close} title={t('commitments.closeTitle')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {commitment && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            set.mutate(
              { id: commitment.id, version: commitment.version, status: 'done', closure_note: note.trim() },
              {
                onSuccess: () => {
                  notify.success(t('board.closed', { title: commitment.title }));
                  close();
                },
              },
            );
          }}
        >
          <Stack gap="sm">
            <Text size="sm" fw={600}>
              <bdi>{commitment.title}</bdi>
            </Text>
            <Textarea label={t('commitments.closureNote')} description={t('commitments.closureHint')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={3} data-autofocus />
            {set.isError && <Alert color="red">{errorMessage(set.error, t) || t('commitments.statusFailed')}</Alert>}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={set.isPending}>
                {t('commitments.markDone')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
