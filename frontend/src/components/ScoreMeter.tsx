import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from './useFormat';

/** A 1–5 score (influence, interest) as five pips and the number, read out as "4 of 5". */
export function ScoreMeter({ value }: { value: number | null | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!value) return null;
  return (
    <Group gap={6} wrap="nowrap" role="img" aria-label={t('organization.scoreOf', { value: format.number(value), max: format.number(5) })}>
      <Group gap={3} wrap="nowrap" aria-hidden="true">
        {[1, 2, 3, 4, 5].map((n) => (
          <span
            key={n}
            style={{
              width: 10,
              height: 10,
              borderRadius: 3,
              background: n <= value ? 'var(--mantine-primary-color-filled)' : 'var(--mantine-color-gray-3)',
            }}
          />
        ))}
      </Group>
      <Text span size="sm" aria-hidden="true">
        {format.number(value)}
      </Text>
    </Group>
  );
}
