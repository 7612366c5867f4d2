import { Alert, Badge, Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { canCloseCommitment, canSetCommitmentStatus } from '../../auth/permissions';
import { notify } from '../../components/notify';
import { useMe } from '../../hooks/auth';
import { useSetCommitmentStatus, type Commitment } from '../../hooks/commitments';
import { errorMessage } from '../../i18n/errorMessage';
import { Denied, VISUALLY_HIDDEN, useDenyReason } from '../commitments/Denied';
import { STATUSES } from './commitmentFilters';

/** A badge's words in full: in a narrow table cell Mantine would cut them to "In pro…". */
export const WHOLE_BADGE = { root: { overflow: 'visible', flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } } as const;

export const STATUS_COLOR: Record<Commitment['status'], string> = { open: 'blue', in_progress: 'violet', done: 'teal', cancelled: 'gray' };

/** A commitment's status as words, for readers who cannot change it. */
export function StatusBadge({ status }: { status: Commitment['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} tt="none" styles={WHOLE_BADGE}>
      {t(`commitment.statuses.${status}`)}
    </Badge>
  );
}

/**
 * The status, changed in place; "done" asks for a closure note first.
 * Only for those who may change it: officers of another office see it
 * disabled with the reason; viewers see the status as words, no control.
 */
export function StatusSelect({ commitment: c, onDone }: { commitment: Commitment; onDone: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const set = useSetCommitmentStatus();
  const may = canSetCommitmentStatus(me, c);
  // Closing another's commitment is a manager's act: those options stay, disabled, with the reason.
  const close = canCloseCommitment(me, c);
  const denyReason = useDenyReason();
  if (!may.allowed && (may.reason === 'viewer' || may.reason === 'signedOut')) return <StatusBadge status={c.status} />;
  const reason = !may.allowed ? denyReason(may.reason) : !close.allowed ? denyReason(close.reason) : undefined;
  // The input's own description carries the reason (Mantine links it), for screen readers only; the tooltip shows it.
  const select = () => (
    <NativeSelect
      size="xs"
      aria-label={t('commitments.statusOf', { title: c.title })}
      description={reason}
      title={may.allowed ? reason : undefined}
      styles={reason ? { description: VISUALLY_HIDDEN } : undefined}
      data={STATUSES.map((value) => ({
        value,
        label: t(`commitment.statuses.${value}`),
        disabled: !close.allowed && value !== c.status && (value === 'done' || value === 'cancelled'),
      }))}
      value={c.status}
      disabled={!may.allowed || set.isPending}
      onChange={(e) => {
        const status = e.currentTarget.value as Commitment['status'];
        if (status === 'done') return onDone();
        set.mutate(
          { id: c.id, version: c.version, status },
          { onError: (error) => notify.warning(errorMessage(error, t) || t('commitments.statusFailed')) },
        );
      }}
      style={{ minWidth: 130 }}
    />
  );
  return may.allowed ? (
    select()
  ) : (
    <Denied reason={may.reason} describe={false}>
      {select}
    </Denied>
  );
}

/** Marks a commitment done with a note of what was delivered. */
export function CloseDialog({ commitment, onClose }: { commitment: Commitment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const set = useSetCommitmentStatus();
  const phone = useMediaQuery('(max-width: 36em)');
  const close = () => {
    setNote('');
    set.reset();
    onClose();
  };
  return (
    <Modal opened={!!commitment} onClose={close} title={t('commitments.closeTitle')} fullScreen={!!phone} closeButtonProps={{ 'aria-label': t('common.close') }}>
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
