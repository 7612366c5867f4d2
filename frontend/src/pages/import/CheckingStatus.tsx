import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * How far a dry run has got, while it runs: the first step does not count
 * the file's rows, so there is no total to show a bar against, but a large
 * file takes a minute to check and the count shows it is moving.
 */
export function CheckingStatus({ busy, checked }: { busy: boolean; checked: number }) {
  const { t } = useTranslation();
  if (!busy) return null;
  return (
    <Text size="sm" c="dimmed" role="status" data-testid="import-checking">
      {checked > 0 ? t('import.checkedSoFar', { count: checked }) : t('import.checking')}
    </Text>
  );
}
