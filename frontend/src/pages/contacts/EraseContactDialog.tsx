import { Alert, Button, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ReasonDialog } from '../../components/personalData/ReasonDialog';
import { notify } from '../../components/notify';
import { useContact, type Contact } from '../../hooks/contacts';
import { useEraseContact } from '../../hooks/personalData';

/**
 * Erasing one person's personal data, after saying what goes and what
 * stays and asking why. It is sent with the version shown on the page: if
 * someone saved the contact meanwhile (412), their version is read again
 * and the erasure can be confirmed against it.
 */
export function EraseContactDialog({ contact, opened, onClose }: { contact: Contact; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const erase = useEraseContact();
  const current = useContact(contact.id);
  const name = contact.full_name || contact.name_local;

  const close = () => {
    erase.reset();
    onClose();
  };

  return (
    <ReasonDialog
      opened={opened}
      title={t('personalData.erase.title', { name })}
      confirmLabel={t('personalData.erase.confirm')}
      onClose={close}
      loading={erase.isPending}
      error={erase.error}
      onConfirm={(reason) =>
        erase.mutate(
          { id: contact.id, version: contact.version, reason },
          {
            onSuccess: () => {
              notify.success(t('personalData.erase.done'));
              close();
            },
          },
        )
      }
      staleNotice={
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} title={t('conflict.title')} role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('personalData.erase.stale')}</Text>
            <Button
              variant="light"
              color="orange"
              size="compact-sm"
              loading={current.isFetching}
              onClick={() => void current.refetch().then(() => erase.reset())}
            >
              {t('conflict.reload')}
            </Button>
          </Stack>
        </Alert>
      }
    >
      <Text size="sm">{t('personalData.erase.intro')}</Text>
      <div>
        <Text size="sm" fw={600}>
          {t('personalData.erase.goesTitle')}
        </Text>
        <List size="sm" spacing={2}>
          <List.Item>{t('personalData.erase.goesFields')}</List.Item>
          <List.Item>{t('personalData.erase.goesNotes')}</List.Item>
          <List.Item>{t('personalData.erase.goesHistory')}</List.Item>
        </List>
      </div>
      <div>
        <Text size="sm" fw={600}>
          {t('personalData.erase.staysTitle')}
        </Text>
        <List size="sm" spacing={2}>
          <List.Item>{t('personalData.erase.staysTombstone', { id: contact.id })}</List.Item>
          <List.Item>{t('personalData.erase.staysAudit')}</List.Item>
        </List>
      </div>
      <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />}>
        {t('personalData.erase.final')}
      </Alert>
    </ReasonDialog>
  );
}
