import { ActionIcon, Alert, Button, Group, Paper, Skeleton, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconEdit, IconNotes, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverFieldErrors } from '../../api/client';
import { useMe } from '../../hooks/auth';
import { flattenPages } from '../../hooks/list';
import { useCreateNote, useDeleteNote, useNotes, useUpdateNote, type AttachableCollection, type Note } from '../../hooks/notes';
import { errorMessage } from '../../i18n/errorMessage';
import { ConfirmDialog } from '../ConfirmDialog';
import { notify } from '../notify';
import { QueryError } from '../QueryError';
import { useFormat } from '../useFormat';
import { useUserName } from '../useNames';
import { MentionTextarea } from './MentionTextarea';
import { isolate, NoteBody } from './NoteBody';
import classes from './NotesPanel.module.css';

/** Where a panel of notes or documents sits, and whether the reader may add to it. */
export interface AttachedPanelProps {
  collection: AttachableCollection;
  recordId: number;
  /** The reader may write on the record (officers and managers of its office, admins). */
  canWrite: boolean;
}

/**
 * A record's notes, newest first: a form to add one (with @mentions of
 * colleagues), and each note with its author and date; authors edit and
 * delete their own, admins delete any.
 */
export function NotesPanel({ collection, recordId, canWrite }: AttachedPanelProps) {
  const { t } = useTranslation();
  const notes = useNotes(collection, recordId);
  const items = flattenPages(notes.data?.pages);
  const titleId = `notes-title-${collection}-${recordId}`;

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4" id={titleId}>
          {t('notes.title')}
        </Title>
        <IconNotes size={20} aria-hidden="true" color="var(--mantine-color-dimmed)" />
      </Group>
      <Stack gap="md">
        {canWrite && <NewNote collection={collection} recordId={recordId} />}
        {notes.isPending ? (
          <Stack gap="sm" aria-hidden="true">
            <Skeleton height={48} radius="md" />
            <Skeleton height={48} radius="md" />
          </Stack>
        ) : notes.isError && !notes.data ? (
          <QueryError title={t('notes.loadError')} error={notes.error} onRetry={() => void notes.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('notes.empty')}
          </Text>
        ) : (
          <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {items.map((note) => (
              <NoteItem key={note.id} note={note} canWrite={canWrite} />
            ))}
          </Stack>
        )}
        {notes.hasNextPage && (
          <Button variant="subtle" onClick={() => void notes.fetchNextPage()} loading={notes.isFetchingNextPage}>
            {t('notes.more')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function NewNote({ collection, recordId }: { collection: AttachableCollection; recordId: number }) {
  const { t } = useTranslation();
  const create = useCreateNote(collection, recordId);
  const [body, setBody] = useState('');
  const [empty, setEmpty] = useState(false);
  const { fieldErrors, otherErrors } = serverFieldErrors(create.error, ['body']);
  const submit = () => {
    if (!body.trim()) {
      setEmpty(true);
      return;
    }
    create.mutate(body, { onSuccess: () => setBody('') });
  };
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="xs">
        <MentionTextarea
          label={t('notes.label')}
          value={body}
          onChange={(v) => {
            setBody(v);
            setEmpty(false);
          }}
          error={empty ? t('notes.required') : fieldErrors.body}
        />
        {create.isError && !fieldErrors.body && (
          <Alert color="red" variant="light">
            {otherErrors[0] ?? errorMessage(create.error, t)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            {t('notes.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NoteItem({ note, canWrite }: { note: Note; canWrite: boolean }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const format = useFormat();
  const userName = useUserName();
  const update = useUpdateNote();
  const remove = useDeleteNote();
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const own = !!me && me.id === note.author_id;
  const mayEdit = own && canWrite;
  const mayDelete = mayEdit || me?.role === 'admin';
  const { fieldErrors } = serverFieldErrors(update.error, ['body']);

  return (
    <li className={classes.note}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Text size="xs" c="dimmed">
          {t('notes.byline', { name: isolate(userName(note.author_id)), date: isolate(format.dateTime(note.created_at)) })}
          {note.version > 1 && ` · ${t('notes.edited', { date: isolate(format.dateTime(note.updated_at)) })}`}
        </Text>
        {editing === null && (mayEdit || mayDelete) && (
          <Group gap={4} wrap="nowrap">
            {mayEdit && (
              <Tooltip label={t('notes.editLabel')}>
                <ActionIcon variant="subtle" aria-label={t('notes.editLabel')} onClick={() => setEditing(note.body)}>
                  <IconEdit size={16} aria-hidden="true" />
                </ActionIcon>
              </Tooltip>
            )}
            {mayDelete && (
              <Tooltip label={t('notes.delete')}>
                <ActionIcon variant="subtle" color="red" aria-label={t('notes.delete')} onClick={() => setConfirming(true)}>
                  <IconTrash size={16} aria-hidden="true" />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        )}
      </Group>
      {editing === null ? (
        <NoteBody body={note.body} />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            update.mutate({ note, body: editing }, { onSuccess: () => setEditing(null) });
          }}
        >
          <Stack gap="xs" mt="xs">
            <MentionTextarea label={t('notes.editLabel')} value={editing} onChange={setEditing} error={fieldErrors.body} autoFocus />
            {update.isError && !fieldErrors.body && (
              <Alert color="red" variant="light">
                {errorMessage(update.error, t)}
              </Alert>
            )}
            <Group justify="flex-end" gap="xs">
              <Button
                variant="default"
                onClick={() => {
                  update.reset();
                  setEditing(null);
                }}
              >
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={update.isPending}>
                {t('notes.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <ConfirmDialog
        opened={confirming}
        onClose={() => {
          remove.reset();
          setConfirming(false);
        }}
        title={t('notes.deleteTitle')}
        message={t('notes.deleteText')}
        confirmLabel={t('notes.delete')}
        onConfirm={() =>
          remove.mutate(note, {
            onSuccess: () => {
              setConfirming(false);
              notify.success(t('notes.deleted'));
            },
          })
        }
        loading={remove.isPending}
        error={remove.error}
      />
    </li>
  );
}
