import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { canExport } from '../../auth/permissions';
import { useMe } from '../../hooks/auth';
import { useExport, type ExportFormat, type ExportPath, type ExportQuery } from '../../hooks/exports';
import { errorMessage } from '../../i18n/errorMessage';
import { notify } from '../notify';

/**
 * "Export" with a CSV / Excel menu: downloads what the page shows, with its
 * filters, search and sort, as a file. Shown to managers and admins only
 * (the server refuses others); while the file comes in, the button counts
 * what has arrived.
 */
export function ExportButton({
  path,
  query,
  formats = ['csv', 'xlsx'],
}: {
  path: ExportPath;
  query: ExportQuery;
  formats?: readonly ExportFormat[];
}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const exp = useExport(path);
  if (!canExport(me)) return null;

  const run = (format: ExportFormat) =>
    exp.mutate(
      { query, format },
      {
        onSuccess: (name) => notify.success(t('export.done', { name })),
        onError: (error) => notify.warning(errorMessage(error, t)),
      },
    );
  const size = (bytes: number) =>
    bytes < 1024 * 1024 ? t('export.kib', { count: Math.max(1, Math.round(bytes / 1024)) }) : t('export.mib', { count: Number((bytes / (1024 * 1024)).toFixed(1)) });
  const label = exp.isPending ? (exp.received > 0 ? t('export.progress', { size: size(exp.received) }) : t('export.preparing')) : t('export.button');
  const icons: Record<ExportFormat, typeof IconFileTypeCsv> = { csv: IconFileTypeCsv, xlsx: IconFileSpreadsheet };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden="true" />}
          rightSection={<IconChevronDown size={14} aria-hidden="true" />}
          loading={exp.isPending && exp.received === 0}
          disabled={exp.isPending}
          aria-live="polite"
          data-testid="export-button"
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('export.menuLabel')}</Menu.Label>
        {formats.map((format) => {
          const Icon = icons[format];
          return (
            <Menu.Item key={format} leftSection={<Icon size={16} aria-hidden="true" />} onClick={() => run(format)}>
              {t(`export.formats.${format}`)}
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
