import { Button, Menu } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconEraser, IconFileDownload, IconPrinter, IconShieldLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { notify } from '../../components/notify';
import type { Contact } from '../../hooks/contacts';
import { useDownloadSubjectExport } from '../../hooks/personalData';
import { errorMessage } from '../../i18n/errorMessage';
import { EraseContactDialog } from './EraseContactDialog';

/**
 * What a manager of the contact's office (or an admin) may do with the
 * person's data: give them everything held about them, or erase it.
 */
export function PersonalDataMenu({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const download = useDownloadSubjectExport();
  const [eraseOpened, eraseDialog] = useDisclosure(false);

  const downloadExport = () =>
    download.mutate(contact.id, {
      onSuccess: (name) => notify.success(t('export.done', { name })),
      onError: (error) => notify.warning(errorMessage(error, t)),
    });

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconShieldLock size={16} aria-hidden="true" />}
            rightSection={<IconChevronDown size={14} aria-hidden="true" />}
            loading={download.isPending}
          >
            {t('personalData.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('personalData.subjectExport.label')}</Menu.Label>
          <Menu.Item leftSection={<IconFileDownload size={16} aria-hidden="true" />} onClick={downloadExport}>
            {t('personalData.subjectExport.download')}
          </Menu.Item>
          <Menu.Item component={Link} to={`/contacts/${contact.id}/subject-export`} leftSection={<IconPrinter size={16} aria-hidden="true" />}>
            {t('personalData.subjectExport.printable')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconEraser size={16} aria-hidden="true" />} onClick={eraseDialog.open}>
            {t('personalData.erase.menu')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <EraseContactDialog contact={contact} opened={eraseOpened} onClose={eraseDialog.close} />
    </>
  );
}
