import { Anchor, Group, Loader, Select, Stack, Text } from '@mantine/core';
import { IconDownload, IconFileSpreadsheet } from '@tabler/icons-react';
import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_KINDS, MAX_IMPORT_BYTES, importTemplateUrl, type ImportKind } from '../../hooks/imports';
import classes from './ImportPage.module.css';

/** The first step: what the rows are, and the file (dropped or chosen). */
export function UploadStep({ kind, onKind, onFile, busy }: { kind: ImportKind; onKind: (kind: ImportKind) => void; onFile: (file: File) => void; busy: boolean }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [over, setOver] = useState(false);
  const [tooLarge, setTooLarge] = useState(false);
  const take = (file: File | undefined) => {
    if (!file) return;
    setTooLarge(file.size > MAX_IMPORT_BYTES);
    if (file.size <= MAX_IMPORT_BYTES) onFile(file);
  };
  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  return (
    <Stack gap="md" mt="md">
      <Select
        label={t('import.kind')}
        data={IMPORT_KINDS.map((k) => ({ value: k, label: t(`import.kinds.${k}`) }))}
        value={kind}
        onChange={(value) => value && onKind(value as ImportKind)}
        allowDeselect={false}
        maw={360}
        data-testid="import-kind"
      />
      <Group gap="md">
        <Text size="sm">{t('import.templates')}</Text>
        <Anchor href={importTemplateUrl(kind, 'xlsx')} download size="sm">
          <Group gap={4} component="span">
            <IconDownload size={14} aria-hidden="true" />
            {t('import.templateXlsx')}
          </Group>
        </Anchor>
        <Anchor href={importTemplateUrl(kind, 'csv')} download size="sm">
          <Group gap={4} component="span">
            <IconDownload size={14} aria-hidden="true" />
            {t('import.templateCsv')}
          </Group>
        </Anchor>
      </Group>
      <label
        htmlFor={inputId}
        className={`${classes.dropzone} ${over ? classes.over : ''}`}
        onDragOver={(event) => {
          if (!hasFiles(event)) return;
          event.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(event) => {
          event.preventDefault();
          setOver(false);
          take(event.dataTransfer.files[0]);
        }}
      >
        {busy ? <Loader size="sm" /> : <IconFileSpreadsheet size={32} aria-hidden="true" color="var(--mantine-color-dimmed)" />}
        <Text size="sm" fw={500}>
          {busy ? t('import.reading') : t('import.drop')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('import.dropHint')}
        </Text>
        <input
          id={inputId}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className={classes.input}
          aria-label={t('import.choose')}
          disabled={busy}
          data-testid="import-file"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            take(file);
          }}
        />
      </label>
      {tooLarge && (
        <Text c="red" size="sm" role="alert">
          {t('import.tooLarge')}
        </Text>
      )}
    </Stack>
  );
}
