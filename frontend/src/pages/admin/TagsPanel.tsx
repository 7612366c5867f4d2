import { ActionIcon, Badge, Button, Group, Modal, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArchive, IconArrowMerge, IconEdit, IconPlus, IconRestore } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert } from '../../components/FormParts';
import { ArchivedSwitch, SearchField } from '../../components/list/ListParts';
import { PagedTable } from '../../components/list/PagedTable';
import { useUrlFilters } from '../../components/list/useUrlFilters';
import type { Column } from '../../components/list/VirtualTable';
import { notify } from '../../components/notify';
import { useTagName } from '../../components/useNames';
import { flattenPages } from '../../hooks/list';
import { useArchiveTag, useCreateTag, useMergeTag, useRenameTag, useRestoreTag, useTagList, useTags, type Tag, type TagKind } from '../../hooks/tags';
import { saveProblems } from './adminForm';

const KINDS: readonly TagKind[] = ['sdg', 'theme', 'custom'];
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

type Dialog = { kind: 'new' } | { kind: 'rename'; tag: Tag } | { kind: 'merge'; tag: Tag };

/** `/admin/tags`: themes and custom labels created, renamed, archived, restored and merged; the SDGs shown, fixed. */
export function TagsPanel() {
  const { t } = useTranslation();
  const tagName = useTagName();
  const url = useUrlFilters();
  const archived = url.flag('archived');
  const kinds = url.oneOf('kind', KINDS);
  const list = useTagList({ q: url.text('q'), kind: kinds, archived });
  const rows = flattenPages(list.data?.pages);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [archiving, setArchiving] = useState<Tag | null>(null);
  const archive = useArchiveTag();
  const restore = useRestoreTag();

  const columns: Column<Tag>[] = [
    { id: 'name', header: t('adminCatalogue.name'), cell: (tag) => <bdi>{tag.kind === 'sdg' ? tagName(tag.slug) : tag.name}</bdi> },
    { id: 'slug', header: t('adminCatalogue.slug'), nowrap: true, cell: (tag) => <Text span ff="monospace" size="sm" dir="ltr">{tag.slug}</Text> },
    {
      id: 'kind',
      header: t('adminCatalogue.kind'),
      nowrap: true,
      cell: (tag) => (
        <Badge variant="light" color={tag.kind === 'sdg' ? 'blue' : tag.kind === 'theme' ? 'teal' : 'gray'} tt="none">
          {t(`adminCatalogue.kinds.${tag.kind}`)}
        </Badge>
      ),
    },
    {
      id: 'actions',
      header: t('common.actions'),
      cell: (tag) =>
        tag.kind === 'sdg' ? (
          <Text size="xs" c="dimmed">
            {t('adminCatalogue.sdgFixed')}
          </Text>
        ) : tag.archived_at ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRestore size={14} aria-hidden="true" />}
            aria-label={t('adminCatalogue.restoreNamed', { name: tag.name })}
            loading={restore.isPending && restore.variables?.id === tag.id}
            onClick={() => restore.mutate(tag, { onSuccess: () => notify.success(t('adminCatalogue.restored', { name: tag.name })) })}
          >
            {t('adminCatalogue.restore')}
          </Button>
        ) : (
          <Group gap={4} wrap="nowrap">
            <ActionIcon variant="subtle" color="gray" aria-label={t('adminCatalogue.renameNamed', { name: tag.name })} onClick={() => setDialog({ kind: 'rename', tag })}>
              <IconEdit size={18} aria-hidden="true" />
            </ActionIcon>
            <ActionIcon variant="subtle" color="gray" aria-label={t('adminCatalogue.mergeNamed', { name: tag.name })} onClick={() => setDialog({ kind: 'merge', tag })}>
              <IconArrowMerge size={18} aria-hidden="true" />
            </ActionIcon>
            <ActionIcon variant="subtle" color="gray" aria-label={t('adminCatalogue.archiveTagNamed', { name: tag.name })} onClick={() => setArchiving(tag)}>
              <IconArchive size={18} aria-hidden="true" />
            </ActionIcon>
          </Group>
        ),
    },
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={640}>
          {t('adminCatalogue.tagsIntro')}
        </Text>
        <Button leftSection={<IconPlus size={18} aria-hidden="true" />} onClick={() => setDialog({ kind: 'new' })}>
          {t('adminCatalogue.newTag')}
        </Button>
      </Group>
      <Group align="flex-end" gap="sm">
        <SearchField label={t('adminCatalogue.search')} value={url.text('q') ?? ''} onChange={(q) => url.set({ q })} />
        <MultiSelect
          label={t('adminCatalogue.kind')}
          placeholder={kinds.length ? undefined : t('list.any')}
          data={KINDS.map((k) => ({ value: k, label: t(`adminCatalogue.kinds.${k}`) }))}
          value={kinds}
          onChange={(v) => url.set({ kind: v })}
          clearable
        />
        <ArchivedSwitch archived={archived} onChange={(a) => url.set({ archived: a })} />
      </Group>
      <PagedTable
        list={list}
        rows={rows}
        label={t('adminCatalogue.tagsTable')}
        columns={columns}
        rowKey={(tag) => tag.id}
        loadError={t('adminCatalogue.tagsLoadError')}
        empty={t('adminCatalogue.tagsEmpty')}
      />
      {dialog?.kind === 'new' && <NewTagModal onClose={() => setDialog(null)} />}
      {dialog?.kind === 'rename' && <RenameTagModal tag={dialog.tag} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'merge' && <MergeTagModal tag={dialog.tag} onClose={() => setDialog(null)} />}
      <ConfirmDialog
        opened={archiving !== null}
        onClose={() => {
          archive.reset();
          setArchiving(null);
        }}
        title={t('adminCatalogue.archiveTagNamed', { name: archiving?.name ?? '' })}
        message={t('adminCatalogue.tagsIntro')}
        confirmLabel={t('common.archive')}
        loading={archive.isPending}
        error={archive.error}
        onConfirm={() =>
          archiving &&
          archive.mutate(archiving, {
            onSuccess: () => {
              notify.success(t('adminCatalogue.archivedDone', { name: archiving.name }));
              setArchiving(null);
            },
          })
        }
      />
    </Stack>
  );
}

function TagModalFrame({ title, onClose, children }: { title: string; onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={title} centered closeButtonProps={{ 'aria-label': t('common.close') }}>
      {children}
    </Modal>
  );
}

function FormButtons({ onClose, loading, label }: { onClose: () => void; loading: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onClose}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={loading}>
        {label}
      </Button>
    </Group>
  );
}

function NewTagModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateTag();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', slug: '', kind: 'theme' as 'theme' | 'custom' },
    validate: {
      name: (v: string) => (v.trim() ? null : t('adminCatalogue.nameRequired')),
      slug: (v: string) => (SLUG.test(v) ? null : t('adminCatalogue.slugInvalid')),
    },
  });
  const { fieldErrors, general } = saveProblems(create.error, t, ['name', 'slug', 'kind']);
  useEffect(() => {
    if (create.error) form.setErrors(fieldErrors);
  }, [create.error]);
  const submit = form.onSubmit((v) =>
    create.mutate(
      { name: v.name.trim(), slug: v.slug, kind: v.kind },
      {
        onSuccess: (saved) => {
          notify.success(t('adminCatalogue.tagSaved', { name: saved.name }));
          onClose();
        },
      },
    ),
  );
  return (
    <TagModalFrame title={t('adminCatalogue.newTag')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormAlert title={t('adminCatalogue.saveFailed')} messages={general} />
          <TextInput label={t('adminCatalogue.name')} required data-autofocus maxLength={100} {...form.getInputProps('name')} />
          <TextInput label={t('adminCatalogue.slug')} description={t('adminCatalogue.slugHint')} required maxLength={60} dir="ltr" {...form.getInputProps('slug')} />
          <Select
            label={t('adminCatalogue.kind')}
            data={(['theme', 'custom'] as const).map((k) => ({ value: k, label: t(`adminCatalogue.kinds.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
          <FormButtons onClose={onClose} loading={create.isPending} label={t('adminCatalogue.createTag')} />
        </Stack>
      </form>
    </TagModalFrame>
  );
}

function RenameTagModal({ tag, onClose }: { tag: Tag; onClose: () => void }) {
  const { t } = useTranslation();
  const rename = useRenameTag();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: tag.name },
    validate: { name: (v: string) => (v.trim() ? null : t('adminCatalogue.nameRequired')) },
  });
  const { fieldErrors, general } = saveProblems(rename.error, t, ['name']);
  useEffect(() => {
    if (rename.error) form.setErrors(fieldErrors);
  }, [rename.error]);
  const submit = form.onSubmit((v) =>
    rename.mutate(
      { tag, name: v.name.trim() },
      {
        onSuccess: (saved) => {
          notify.success(t('adminCatalogue.tagSaved', { name: saved.name }));
          onClose();
        },
      },
    ),
  );
  return (
    <TagModalFrame title={t('adminCatalogue.renameTag')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormAlert title={t('adminCatalogue.saveFailed')} messages={general} />
          <TextInput label={t('adminCatalogue.name')} required data-autofocus maxLength={100} {...form.getInputProps('name')} />
          <FormButtons onClose={onClose} loading={rename.isPending} label={t('common.save')} />
        </Stack>
      </form>
    </TagModalFrame>
  );
}

function MergeTagModal({ tag, onClose }: { tag: Tag; onClose: () => void }) {
  const { t } = useTranslation();
  const tagName = useTagName();
  const tags = useTags();
  const merge = useMergeTag();
  const form = useForm({
    mode: 'controlled',
    initialValues: { into: null as string | null },
    validate: { into: (v: string | null) => (v ? null : t('adminCatalogue.mergeIntoRequired')) },
  });
  const { fieldErrors, general } = saveProblems(merge.error, t, ['into']);
  useEffect(() => {
    if (merge.error) form.setErrors(fieldErrors);
  }, [merge.error]);
  const options = (tags.data ?? []).filter((other) => other.id !== tag.id && !other.archived_at).map((other) => ({ value: String(other.id), label: tagName(other.slug) }));
  const submit = form.onSubmit((v) =>
    merge.mutate(
      { tag, into: Number(v.into) },
      {
        onSuccess: (result) => {
          notify.success(t('adminCatalogue.merged', { name: tag.name, n: result.moved }));
          onClose();
        },
      },
    ),
  );
  return (
    <TagModalFrame title={t('adminCatalogue.mergeTitle', { name: tag.name })} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('adminCatalogue.mergeText', { name: tag.name })}</Text>
          <FormAlert title={t('adminCatalogue.saveFailed')} messages={general} />
          <Select label={t('adminCatalogue.mergeInto')} data={options} searchable required data-autofocus {...form.getInputProps('into')} />
          <FormButtons onClose={onClose} loading={merge.isPending} label={t('adminCatalogue.merge')} />
        </Stack>
      </form>
    </TagModalFrame>
  );
}
