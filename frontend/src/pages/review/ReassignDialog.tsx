import { Alert, Button, Group, List, Modal, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStale, serverFieldErrors } from '../../api/client';
import { notify } from '../../components/notify';
import { useOfficeName, useUserName } from '../../components/useNames';
import { staleCommitment, useReassignCommitments, type Commitment } from '../../hooks/commitments';
import { useUserDirectory } from '../../hooks/users';
import { errorMessage } from '../../i18n/errorMessage';

/**
 * Hands the chosen commitments to an active user of their office, all or
 * none. A stale version (someone changed one meanwhile) names that
 * commitment and reloads the list; `onDone` clears the selection.
 */
export function ReassignDialog({
  opened,
  commitments,
  onClose,
  onDone,
}: {
  opened: boolean;
  commitments: Commitment[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const users = useUserDirectory();
  const userName = useUserName();
  const officeName = useOfficeName();
  const reassign = useReassignCommitments();
  const [owner, setOwner] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      setOwner(null);
      reassign.reset();
    }
    // Each opening starts afresh.
  }, [opened]);
  const offices = [...new Set(commitments.map((c) => c.office_id))];
  const office = offices.length === 1 ? offices[0] : undefined;
  const options = (users.data ?? [])
    .filter((u) => u.active && u.office_id === office && u.role !== 'viewer')
    .map((u) => ({ value: String(u.id), label: u.name || u.email }));
  const { fieldErrors, otherErrors } = serverFieldErrors(reassign.error, ['owner_id']);

  const submit = () => {
    if (!owner || !office) return;
    const sent = commitments.map(({ id, version, title }) => ({ id, version, title }));
    reassign.mutate(
      { owner_id: Number(owner), commitments: sent },
      {
        onSuccess: (result) => {
          notify.success(t('reassign.done', { count: result?.items?.length ?? sent.length, name: userName(Number(owner)) }));
          onDone();
        },
        onError: (error) => {
          const stale = staleCommitment(error, sent);
          if (isStale(error)) {
            notify.warning(stale ? t('reassign.stale', { title: stale.title }) : t('reassign.staleAny'));
            onClose();
          }
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={t('reassign.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('reassign.intro', { count: commitments.length })}</Text>
          <List size="sm" spacing={2} style={{ maxHeight: 160, overflowY: 'auto' }}>
            {commitments.map((c) => (
              <List.Item key={c.id}>
                <bdi>{c.title}</bdi>
                <Text span size="xs" c="dimmed">
                  {' '}
                  ({userName(c.owner_id) || '—'})
                </Text>
              </List.Item>
            ))}
          </List>
          {office === undefined ? (
            <Alert color="orange">{t('reassign.oneOffice')}</Alert>
          ) : (
            <Select
              label={t('reassign.newOwner')}
              description={t('reassign.newOwnerHint', { office: officeName(office) })}
              data={options}
              value={owner}
              onChange={setOwner}
              searchable
              required
              error={fieldErrors.owner_id}
              data-autofocus
            />
          )}
          {otherErrors.length > 0 || (reassign.isError && !fieldErrors.owner_id) ? (
            <Alert color="red">{otherErrors.join(' ') || errorMessage(reassign.error, t)}</Alert>
          ) : null}
          {reassign.isPending && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('reassign.saving', { count: commitments.length })}
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={reassign.isPending} disabled={!owner || office === undefined}>
              {t('reassign.submit', { count: commitments.length })}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
