import { Alert, Anchor, Progress, Stack, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportKind, ImportResult } from '../../hooks/imports';

/** Lists that can be sorted newest first, to show what an import made. */
const NEWEST_FIRST: Partial<Record<ImportKind, string>> = {
  organizations: '/organizations?sort=-created_at',
  contacts: '/contacts?sort=-created_at',
};

/** The last step: the progress bar while rows go in, then what was done. */
export function DoneStep({ kind, total, progress, result, pending }: { kind: ImportKind; total: number; progress: number; result: ImportResult | null; pending: boolean }) {
  const { t } = useTranslation();
  const percent = total > 0 ? Math.min(100, Math.round((progress / total) * 100)) : 0;
  if (!result) {
    return pending ? (
      <Stack gap="xs" mt="md">
        <Text size="sm">{t('import.progress', { done: progress, total })}</Text>
        <Progress value={percent} animated aria-label={t('import.progressLabel')} data-testid="import-progress" />
      </Stack>
    ) : null;
  }
  const first = result.created_ids[0]?.[0];
  return (
    <Stack gap="sm" mt="md">
      <Alert color="green" icon={<IconCircleCheck aria-hidden="true" />} title={t('import.doneTitle')} data-testid="import-done">
        {t('import.doneText', { created: result.created, updated: result.updated, skipped: result.skipped })}
      </Alert>
      <Anchor component={Link} to={NEWEST_FIRST[kind] ?? `/${kind}`}>
        {t('import.showList', { kind: t(`import.kinds.${kind}`) })}
      </Anchor>
      {first !== undefined && (
        <Anchor component={Link} to={`/${kind}/${first}`} data-testid="import-first">
          {t('import.showFirst')}
        </Anchor>
      )}
    </Stack>
  );
}
