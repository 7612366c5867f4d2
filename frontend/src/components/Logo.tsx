import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Two linked rings: the Liaison mark, followed by the product name. */
export function Logo({ size = 28 }: { size?: number }) {
  const { t } = useTranslation();
  return (
    <Group gap={8} wrap="nowrap">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
        <rect width="32" height="32" rx="7" fill="var(--mantine-primary-color-filled)" />
        <circle cx="11" cy="16" r="5" fill="none" stroke="#fff" strokeWidth="2.5" />
        <circle cx="21" cy="16" r="5" fill="none" stroke="#fff" strokeWidth="2.5" />
      </svg>
      <Text component="span" fw={700} fz="lg" lts={-0.2}>
        {t('app.name')}
      </Text>
    </Group>
  );
}
