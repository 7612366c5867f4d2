import { Button, Group, Modal, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ContactPicker, OrganizationPicker } from '../../components/pickers';
import type { MergeKind } from '../../hooks/merge';

/** "Merge with…" on a record's page: pick the duplicate, then compare the two side by side. */
export function MergeWithDialog({ kind, id, opened, onClose }: { kind: MergeKind; id: number; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [other, setOther] = useState<number | null>(null);
  const pickerLabel = kind === 'contacts' ? t('merge.pickContact') : t('merge.pickOrganization');
  const duplicate = other !== id ? other : null;
  return (
    <Modal opened={opened} onClose={onClose} title={t('merge.pickTitle')} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        {kind === 'contacts' ? (
          <ContactPicker label={pickerLabel} value={duplicate} onChange={setOther} searchable data-autofocus />
        ) : (
          <OrganizationPicker label={pickerLabel} value={duplicate} onChange={(v) => setOther(v)} exclude={id} searchable data-autofocus />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button disabled={!duplicate} onClick={() => void navigate(`/merge/${kind}?ids=${id},${duplicate}`)}>
            {t('merge.compare')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
