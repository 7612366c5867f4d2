import { Alert, Anchor, Button, Group, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { VirtualTable, type Column } from '../../components/list/VirtualTable';
import type { ImportKind, ImportResult, OnDuplicate } from '../../hooks/imports';
import { translateServerMessage } from '../../i18n/serverMessages';
import { CheckingStatus } from './CheckingStatus';

type RowError = ImportResult['errors'][number];
type Duplicate = ImportResult['duplicates'][number];

/** The third step: the dry run's verdict, row by row, before anything is written. */
export function CheckStep({
  kind,
  result,
  onDuplicate,
  onDuplicateChange,
  onRecheck,
  onImport,
  onBack,
  busy,
  checked,
}: {
  kind: ImportKind;
  result: ImportResult;
  onDuplicate: OnDuplicate;
  onDuplicateChange: (value: OnDuplicate) => void;
  onRecheck: () => void;
  onImport: () => void;
  onBack: () => void;
  busy: boolean;
  /** Rows the running dry run has checked so far. */
  checked: number;
}) {
  const { t } = useTranslation();
  const errorColumns: Column<RowError>[] = [
    { id: 'row', header: t('import.row'), cell: (e) => e.row, nowrap: true, width: 80 },
    { id: 'column', header: t('import.column'), cell: (e) => e.column || t(`import.fields.${e.location.replace(/^body\./, '')}` as 'import.fields.name', { defaultValue: e.location }), width: '30%' },
    { id: 'message', header: t('import.problem'), cell: (e) => translateServerMessage(e.message, t) },
  ];
  const duplicateColumns: Column<Duplicate>[] = [
    { id: 'row', header: t('import.row'), cell: (d) => d.row, nowrap: true, width: 80 },
    {
      id: 'record',
      header: t('import.existing'),
      cell: (d) => (
        <Anchor component={Link} to={`/${kind}/${d.id}`} target="_blank">
          {t('import.recordLink', { id: d.id })}
        </Anchor>
      ),
      nowrap: true,
    },
    { id: 'reason', header: t('import.reason'), cell: (d) => d.reasons.map((r) => t(`import.reasons.${r}` as 'import.reasons.same_email', { defaultValue: r })).join(', ') },
  ];
  const ok = result.error_count === 0;
  return (
    <Stack gap="md" mt="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Fact label={t('import.facts.rows')} value={result.rows} />
        <Fact label={t('import.facts.new')} value={result.created} />
        <Fact label={t('import.facts.duplicates')} value={result.duplicate_count} />
        <Fact label={t('import.facts.errors')} value={result.error_count} />
      </SimpleGrid>
      {ok ? (
        <Alert color="green" icon={<IconCircleCheck aria-hidden="true" />} data-testid="import-ready">
          {t('import.ready')}
        </Alert>
      ) : (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden="true" />} role="alert" data-testid="import-has-errors">
          {t('import.hasErrors', { count: result.error_count })}
        </Alert>
      )}
      {result.errors.length > 0 && (
        <>
          <Title order={3} size="h5">
            {t('import.errorsTitle')}
          </Title>
          <VirtualTable label={t('import.errorsTitle')} rows={result.errors} columns={errorColumns} rowKey={(e) => `${e.row}-${e.location}`} estimateRowHeight={44} />
        </>
      )}
      {result.duplicates.length > 0 && (
        <>
          <Title order={3} size="h5">
            {t('import.duplicatesTitle')}
          </Title>
          <VirtualTable label={t('import.duplicatesTitle')} rows={result.duplicates} columns={duplicateColumns} rowKey={(d) => `${d.row}-${d.id}`} estimateRowHeight={44} />
          <Radio.Group
            label={t('import.onDuplicate')}
            value={onDuplicate}
            onChange={(value) => {
              onDuplicateChange(value as OnDuplicate);
            }}
          >
            <Stack gap={6} mt={6}>
              <Radio value="skip" label={t('import.duplicateChoices.skip')} />
              <Radio value="update" label={t('import.duplicateChoices.update')} />
              <Radio value="create" label={t('import.duplicateChoices.create')} />
            </Stack>
          </Radio.Group>
        </>
      )}
      <Group>
        <Button variant="default" onClick={onBack}>
          {t('import.backToColumns')}
        </Button>
        <Button variant="default" onClick={onRecheck} loading={busy}>
          {t('import.recheck')}
        </Button>
        <Button onClick={onImport} disabled={!ok || busy} data-testid="import-run">
          {t('import.run', { count: result.rows })}
        </Button>
      </Group>
      <CheckingStatus busy={busy} checked={checked} />
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: number }) {
  return (
    <Stack gap={0}>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  );
}
