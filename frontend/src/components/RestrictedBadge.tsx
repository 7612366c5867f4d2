import { Badge, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Marks a contact (or record) hidden from other offices: youth, parents, the vulnerable. */
export function RestrictedBadge({ size = 'sm' }: { size?: 'xs' | 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('contact.restrictedHint')} multiline w={260} withArrow>
      <Badge color="red" variant="light" size={size} radius="sm" tt="none" leftSection={<IconLock size={12} aria-hidden="true" />}>
        {t('contact.restricted')}
      </Badge>
    </Tooltip>
  );
}
