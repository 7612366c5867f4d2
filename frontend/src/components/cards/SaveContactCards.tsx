import { Button } from '@mantine/core';
import { IconAddressBook } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../hooks/auth';
import { saveContactCards } from '../../hooks/cards';
import type { ContactFilter } from '../../hooks/contacts';
import { errorMessage } from '../../i18n/errorMessage';
import { notify } from '../notify';

/** "Save contact": the contact's card, downloaded as a .vcf that Outlook and phones import. */
export function SaveContactButton({ contactId }: { contactId: number }) {
  const { t } = useTranslation();
  return (
    <Button
      component="a"
      href={`/api/v1/contacts/${contactId}/vcard`}
      download
      variant="default"
      leftSection={<IconAddressBook size={16} aria-hidden="true" />}
      title={t('cards.saveHint')}
    >
      {t('cards.save')}
    </Button>
  );
}

/**
 * "Save as contacts": the cards of the list as filtered, in one file. A bulk
 * export of personal data, so managers and admins only (the server decides;
 * the button is not shown to others).
 */
export function SaveContactCardsButton({ filter }: { filter: ContactFilter }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [saving, setSaving] = useState(false);
  if (me?.role !== 'manager' && me?.role !== 'admin') return null;
  const save = async () => {
    setSaving(true);
    try {
      await saveContactCards(filter);
      notify.success(t('cards.saved'));
    } catch (error) {
      notify.warning(`${t('cards.failed')}: ${errorMessage(error, t)}`);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Button
      variant="default"
      leftSection={<IconAddressBook size={16} aria-hidden="true" />}
      loading={saving}
      loaderProps={{ 'aria-label': t('cards.saving') } as never}
      onClick={() => void save()}
      title={t('cards.saveListHint')}
    >
      {t('cards.saveList')}
    </Button>
  );
}
