import { Badge, Button, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { VirtualTable, type Column } from '../../components/list/VirtualTable';
import type { ImportFieldInfo, ImportKind, ImportResult } from '../../hooks/imports';
import { CheckingStatus } from './CheckingStatus';
import classes from './ImportPage.module.css';

interface MappedColumn {
  index: number;
  header: string;
  samples: string[];
}

/** The second step: each column's field, beside the first rows' values. */
export function MappingStep({
  kind,
  result,
  fields,
  mapping,
  onMapping,
  onCheck,
  busy,
  checked,
}: {
  kind: ImportKind;
  result: ImportResult;
  fields: ImportFieldInfo[];
  mapping: Record<string, string>;
  onMapping: (mapping: Record<string, string>) => void;
  onCheck: () => void;
  busy: boolean;
  /** Rows the running dry run has checked so far. */
  checked: number;
}) {
  const { t } = useTranslation();
  const label = (name: string) => t(`import.fields.${name}` as 'import.fields.name', { defaultValue: name });
  const rows: MappedColumn[] = result.columns.map((c, index) => ({
    index,
    header: c.header,
    samples: result.preview.slice(0, 3).map((row) => row[index] ?? ''),
  }));
  const used = new Set(Object.values(mapping).filter(Boolean));
  const missing = fields.filter((f) => f.required && !used.has(f.name));
  const options = (header: string) => [
    { value: '', label: t('import.leaveOut') },
    ...fields.map((f) => ({
      value: f.name,
      label: label(f.name),
      disabled: used.has(f.name) && mapping[header] !== f.name,
    })),
  ];
  const columns: Column<MappedColumn>[] = [
    {
      id: 'header',
      header: t('import.column'),
      cell: (row) => <span className={classes.sample}>{row.header || t('import.noHeader', { n: row.index + 1 })}</span>,
      width: '28%',
    },
    {
      id: 'field',
      header: t('import.field'),
      cell: (row) => (
        <Select
          aria-label={t('import.fieldOf', { column: row.header })}
          data={options(row.header)}
          value={mapping[row.header] ?? ''}
          onChange={(value) => onMapping({ ...mapping, [row.header]: value ?? '' })}
          allowDeselect={false}
          searchable
          size="xs"
          data-testid={`map-${row.index}`}
        />
      ),
      width: '32%',
    },
    {
      id: 'samples',
      header: t('import.examples'),
      cell: (row) =>
        row.samples.some(Boolean) ? (
          <Text size="xs" className={classes.sample} lineClamp={4}>
            {row.samples.filter(Boolean).join('\n')}
          </Text>
        ) : (
          '—'
        ),
    },
  ];
  const format = result.format === 'xlsx' ? t('import.formatXlsx') : t('import.formatCsv', { separator: t(`import.separators.${separatorName(result.separator)}`) });
  return (
    <Stack gap="md" mt="md">
      <Group gap="xs">
        <Badge variant="light">{format}</Badge>
        <Badge variant="light" color="gray">
          {t(`import.kinds.${kind}`)}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        {t('import.mappingHint')}
      </Text>
      <VirtualTable label={t('import.columnsLabel')} rows={rows} columns={columns} rowKey={(row) => row.index} estimateRowHeight={56} />
      {missing.length > 0 && (
        <Text size="sm" c="orange" role="status">
          {t('import.missing', { fields: missing.map((f) => label(f.name)).join(', ') })}
        </Text>
      )}
      <Group>
        <Button onClick={onCheck} loading={busy} data-testid="import-check">
          {t('import.check')}
        </Button>
      </Group>
      <CheckingStatus busy={busy} checked={checked} />
    </Stack>
  );
}

function separatorName(separator: string): 'comma' | 'semicolon' | 'tab' {
  if (separator === ';') return 'semicolon';
  if (separator === '\t') return 'tab';
  return 'comma';
}
