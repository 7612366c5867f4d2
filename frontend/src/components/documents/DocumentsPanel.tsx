import { ActionIcon, Alert, Anchor, Button, Group, Paper, Progress, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconDownload, IconFile, IconPaperclip, IconTrash, IconUpload } from '@tabler/icons-react';
import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../hooks/auth';
import {
  documentContentUrl,
  MAX_DOCUMENT_BYTES,
  useDeleteDocument,
  useDocuments,
  useUploadDocuments,
  type RecordDocument,
  type Upload,
} from '../../hooks/documents';
import { flattenPages } from '../../hooks/list';
import { errorMessage } from '../../i18n/errorMessage';
import { ConfirmDialog } from '../ConfirmDialog';
import { isolate } from '../notes/NoteBody';
import type { AttachedPanelProps } from '../notes/NotesPanel';
import { notify } from '../notify';
import { QueryError } from '../QueryError';
import { useFormat } from '../useFormat';
import { useUserName } from '../useNames';
import classes from './DocumentsPanel.module.css';

/**
 * A record's documents: a drop zone (or file picker) that uploads several
 * files at once with each one's progress, and the list with size, type,
 * uploader and date, a download link and, for those who may, delete.
 */
export function DocumentsPanel({ collection, recordId, canWrite }: AttachedPanelProps) {
  const { t } = useTranslation();
  const documents = useDocuments(collection, recordId);
  const items = flattenPages(documents.data?.pages);
  const { uploads, upload, clearFinished } = useUploadDocuments(collection, recordId);
  const titleId = `documents-title-${collection}-${recordId}`;

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4" id={titleId}>
          {t('documents.title')}
        </Title>
        <IconPaperclip size={20} aria-hidden="true" color="var(--mantine-color-dimmed)" />
      </Group>
      <Stack gap="md">
        {canWrite && <DropZone onFiles={(files) => void upload(files)} />}
        {uploads.length > 0 && (
          <Stack gap="xs" aria-live="polite">
            {uploads.map((u) => (
              <UploadRow key={u.key} upload={u} />
            ))}
            {uploads.some((u) => u.status !== 'uploading') && (
              <Group justify="flex-end">
                <Button variant="subtle" size="xs" onClick={clearFinished}>
                  {t('documents.clear')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
        {documents.isPending ? (
          <Skeleton height={44} radius="md" aria-hidden="true" />
        ) : documents.isError && !documents.data ? (
          <QueryError title={t('documents.loadError')} error={documents.error} onRetry={() => void documents.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('documents.empty')}
          </Text>
        ) : (
          <Stack gap={0} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {items.map((d) => (
              <DocumentRow key={d.id} document={d} canWrite={canWrite} />
            ))}
          </Stack>
        )}
        {documents.hasNextPage && (
          <Button variant="subtle" onClick={() => void documents.fetchNextPage()} loading={documents.isFetchingNextPage}>
            {t('documents.more')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

/** Files dropped on it, or chosen with the keyboard-reachable picker inside it. */
function DropZone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [over, setOver] = useState(false);
  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  return (
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
        const files = [...event.dataTransfer.files];
        if (files.length) onFiles(files);
      }}
    >
      <IconUpload size={24} aria-hidden="true" color="var(--mantine-color-dimmed)" />
      <Text size="sm" fw={500}>
        {t('documents.drop')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('documents.dropHint')}
      </Text>
      <input
        id={inputId}
        type="file"
        multiple
        className={classes.input}
        aria-label={t('documents.choose')}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </label>
  );
}

/** Sizes as people read them: 512 B, 340 KB, 4.2 MB. */
export function useSize() {
  const { t } = useTranslation();
  return (bytes: number) => {
    if (bytes < 1024) return t('documents.bytes', { count: bytes });
    if (bytes < 1024 * 1024) return t('documents.kib', { count: Math.round(bytes / 1024) });
    return t('documents.mib', { count: Number((bytes / (1024 * 1024)).toFixed(1)) });
  };
}

function UploadRow({ upload: u }: { upload: Upload }) {
  const { t } = useTranslation();
  const size = useSize();
  const percent = u.size > 0 ? Math.round((u.sent / u.size) * 100) : 0;
  const failed = u.status === 'failed';
  const tooLarge = failed && u.size > MAX_DOCUMENT_BYTES;
  return (
    <div data-upload-status={u.status}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" className={classes.name}>
          <bdi>{u.name}</bdi>
        </Text>
        <Text size="xs" c={failed ? 'red' : 'dimmed'}>
          {u.status === 'uploading'
            ? t('documents.progress', { sent: size(u.sent), size: size(u.size) })
            : failed
              ? t('documents.failed')
              : t('documents.uploaded')}
        </Text>
      </Group>
      <Progress
        value={failed ? 100 : percent}
        color={failed ? 'red' : u.status === 'done' ? 'teal' : undefined}
        size="sm"
        mt={4}
        aria-label={`${t('documents.uploading')} ${u.name}`}
        animated={u.status === 'uploading'}
      />
      {failed && (
        <Text size="xs" c="red" mt={2}>
          {tooLarge ? t('documents.tooLarge') : errorMessage(u.error, t)}
        </Text>
      )}
    </div>
  );
}

function DocumentRow({ document: d, canWrite }: { document: RecordDocument; canWrite: boolean }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const format = useFormat();
  const size = useSize();
  const userName = useUserName();
  const remove = useDeleteDocument();
  const [confirming, setConfirming] = useState(false);
  // The server decides; this only keeps the button from those it would refuse.
  const mayDelete = me?.role === 'admin' || (canWrite && (me?.role === 'manager' || me?.id === d.created_by));
  return (
    <li className={classes.row}>
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Group gap="xs" wrap="nowrap" align="flex-start" className={classes.name}>
          <IconFile size={18} aria-hidden="true" color="var(--mantine-color-dimmed)" style={{ flexShrink: 0, marginBlockStart: 2 }} />
          <div className={classes.name}>
            <Anchor href={documentContentUrl(d.id)} download={d.name} size="sm" fw={500}>
              <bdi>{d.name}</bdi>
            </Anchor>
            <Text size="xs" c="dimmed">
              {t('documents.meta', { size: isolate(size(d.size)), type: isolate(d.content_type.split(';')[0] ?? '') })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('documents.byline', { name: isolate(userName(d.created_by)), date: isolate(format.dateTime(d.created_at)) })}
            </Text>
          </div>
        </Group>
        <Group gap={4} wrap="nowrap">
          <Tooltip label={t('documents.download', { name: d.name })}>
            <ActionIcon component="a" href={documentContentUrl(d.id)} download={d.name} variant="subtle" aria-label={t('documents.download', { name: d.name })}>
              <IconDownload size={16} aria-hidden="true" />
            </ActionIcon>
          </Tooltip>
          {mayDelete && (
            <Tooltip label={t('documents.delete', { name: d.name })}>
              <ActionIcon variant="subtle" color="red" aria-label={t('documents.delete', { name: d.name })} onClick={() => setConfirming(true)}>
                <IconTrash size={16} aria-hidden="true" />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
      <ConfirmDialog
        opened={confirming}
        onClose={() => {
          remove.reset();
          setConfirming(false);
        }}
        title={t('documents.deleteTitle', { name: d.name })}
        message={t('documents.deleteText')}
        confirmLabel={t('documents.delete', { name: d.name })}
        onConfirm={() =>
          remove.mutate(d.id, {
            onSuccess: () => {
              setConfirming(false);
              notify.success(t('documents.deleted'));
            },
          })
        }
        loading={remove.isPending}
        error={remove.error}
      />
      {remove.isError && !confirming && (
        <Alert color="red" variant="light" mt="xs">
          {errorMessage(remove.error, t)}
        </Alert>
      )}
    </li>
  );
}
