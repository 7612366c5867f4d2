import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import classes from './DetailList.module.css';

export interface Detail {
  label: string;
  value: ReactNode;
  /** Spans the whole width (long text). */
  wide?: boolean;
}

/** Label and value pairs as a description list; empty values say "Not set". */
export function DetailList({ items, cols = 2 }: { items: Detail[]; cols?: number }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: cols }} spacing="lg" verticalSpacing="md" className={classes.list}>
      {items.map((item) => (
        <Stack key={item.label} gap={2} className={item.wide ? classes.wide : undefined}>
          <Text component="dt" size="xs" fw={600} c="dimmed" tt="uppercase" lts={0.3}>
            {item.label}
          </Text>
          <Text component="dd" size="sm" className={classes.value}>
            {item.value === '' || item.value === null || item.value === undefined ? (
              <Text span size="sm" c="dimmed">
                {t('common.notSet')}
              </Text>
            ) : (
              item.value
            )}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
