import { ActionIcon, Anchor, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArchive, IconEdit, IconPlus, IconRestore } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert } from '../../components/FormParts';
import { ArchivedSwitch, SearchField } from '../../components/list/ListParts';
import { PagedTable } from '../../components/list/PagedTable';
import { useUrlFilters } from '../../components/list/useUrlFilters';
import type { Column } from '../../components/list/VirtualTable';
import { DateField, dateFieldInvalid } from '../../components/dates/DateField';
import { notify } from '../../components/notify';
import { OrganizationPicker } from '../../components/pickers';
import { useFormat } from '../../components/useFormat';
import { useCounterpartNames } from '../../hooks/commitments';
import { flattenPages } from '../../hooks/list';
import { useArchiveProject, useCreateProject, useProjectList, useRestoreProject, useUpdateProject, type ProjectRecord } from '../../hooks/projects';
import { saveProblems } from './adminForm';
import { ExportButton } from '../../components/export/ExportButton';

const FIELDS = ['code', 'name', 'description', 'donor_organization_id', 'start_date', 'end_date'] as const;

/** `/admin/projects`: the programmes and projects, with their donors and dates. */
export function ProjectsPanel() {
  const { t } = useTranslation();
  const format = useFormat();
  const url = useUrlFilters();
  const archived = url.flag('archived');
  const list = useProjectList({ q: url.text('q'), archived });
  const rows = flattenPages(list.data?.pages);
  // Donor names for the loaded page, in one request (the counterpart names' batch lookup).
  const names = useCounterpartNames(rows.map((p) => ({ counterpart_organization_id: p.donor_organization_id, counterpart_contact_id: null })));
  const [editing, setEditing] = useState<ProjectRecord | 'new' | null>(null);
  const [archiving, setArchiving] = useState<ProjectRecord | null>(null);
  const archive = useArchiveProject();
  const restore = useRestoreProject();

  const columns: Column<ProjectRecord>[] = [
    { id: 'code', header: t('adminCatalogue.code'), nowrap: true, cell: (p) => <Text fw={600}>{p.code}</Text> },
    { id: 'name', header: t('adminCatalogue.name'), cell: (p) => <bdi>{p.name}</bdi> },
    {
      id: 'donor',
      header: t('adminCatalogue.donor'),
      cell: (p) =>
        p.donor_organization_id ? (
          <Anchor component={Link} to={`/organizations/${p.donor_organization_id}`}>
            <bdi>{names.organization(p.donor_organization_id) || `#${p.donor_organization_id}`}</bdi>
          </Anchor>
        ) : (
          '—'
        ),
    },
    {
      id: 'dates',
      header: `${t('adminCatalogue.startDate')} – ${t('adminCatalogue.endDate')}`,
      nowrap: true,
      cell: (p) => (p.start_date || p.end_date ? `${format.date(p.start_date) || '…'} – ${format.date(p.end_date) || '…'}` : '—'),
    },
    {
      id: 'actions',
      header: t('common.actions'),
      cell: (p) =>
        p.archived_at ? (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRestore size={14} aria-hidden="true" />}
            aria-label={t('adminCatalogue.restoreNamed', { name: p.code })}
            loading={restore.isPending && restore.variables?.id === p.id}
            onClick={() => restore.mutate(p, { onSuccess: () => notify.success(t('adminCatalogue.restored', { name: p.code })) })}
          >
            {t('adminCatalogue.restore')}
          </Button>
        ) : (
          <Group gap={4} wrap="nowrap">
            <ActionIcon variant="subtle" color="gray" aria-label={t('adminCatalogue.editProjectNamed', { name: p.code })} onClick={() => setEditing(p)}>
              <IconEdit size={18} aria-hidden="true" />
            </ActionIcon>
            <ActionIcon variant="subtle" color="gray" aria-label={t('adminCatalogue.archiveProjectNamed', { name: p.code })} onClick={() => setArchiving(p)}>
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
          {t('adminCatalogue.projectsIntro')}
        </Text>
        <Button leftSection={<IconPlus size={18} aria-hidden="true" />} onClick={() => setEditing('new')}>
          {t('adminCatalogue.newProject')}
        </Button>
      </Group>
      <Group align="flex-end" gap="sm">
        <SearchField label={t('adminCatalogue.search')} value={url.text('q') ?? ''} onChange={(q) => url.set({ q })} />
        <ArchivedSwitch archived={archived} onChange={(a) => url.set({ archived: a })} />
        <ExportButton path="/api/v1/projects/export" query={{ q: url.text('q'), archived: archived || undefined }} />
      </Group>
      <PagedTable
        list={list}
        rows={rows}
        label={t('adminCatalogue.projectsTable')}
        columns={columns}
        rowKey={(p) => p.id}
        loadError={t('adminCatalogue.projectsLoadError')}
        empty={t('adminCatalogue.projectsEmpty')}
      />
      {editing && <ProjectModal project={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      <ConfirmDialog
        opened={archiving !== null}
        onClose={() => {
          archive.reset();
          setArchiving(null);
        }}
        title={t('adminCatalogue.archiveProjectNamed', { name: archiving?.code ?? '' })}
        message={t('adminCatalogue.projectsIntro')}
        confirmLabel={t('common.archive')}
        loading={archive.isPending}
        error={archive.error}
        onConfirm={() =>
          archiving &&
          archive.mutate(archiving, {
            onSuccess: () => {
              notify.success(t('adminCatalogue.archivedDone', { name: archiving.code }));
              setArchiving(null);
            },
          })
        }
      />
    </Stack>
  );
}

function ProjectModal({ project, onClose }: { project?: ProjectRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateProject();
  const update = useUpdateProject();
  const mutation = project ? update : create;
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      code: project?.code ?? '',
      name: project?.name ?? '',
      description: project?.description ?? '',
      donor_organization_id: project?.donor_organization_id ?? (null as number | null),
      start_date: project?.start_date ?? '',
      end_date: project?.end_date ?? '',
    },
    validate: {
      code: (v: string) => (v.trim() ? null : t('adminCatalogue.codeRequired')),
      name: (v: string) => (v.trim() ? null : t('adminCatalogue.nameRequired')),
      start_date: (v: string) => (dateFieldInvalid(v) ? t('adminCatalogue.dateInvalid') : null),
      end_date: (v: string, values) =>
        dateFieldInvalid(v) ? t('adminCatalogue.dateInvalid') : v && values.start_date && v < values.start_date ? t('adminCatalogue.endBeforeStart') : null,
    },
  });
  const { fieldErrors, general } = saveProblems(mutation.error, t, FIELDS);
  useEffect(() => {
    if (mutation.error) form.setErrors(fieldErrors);
  }, [mutation.error]);

  const submit = form.onSubmit((v) => {
    const body = {
      code: v.code.trim(),
      name: v.name.trim(),
      description: v.description.trim(),
      donor_organization_id: v.donor_organization_id,
      start_date: v.start_date || null,
      end_date: v.end_date || null,
    };
    const onSuccess = (saved: { code: string }) => {
      notify.success(t('adminCatalogue.projectSaved', { name: saved.code }));
      onClose();
    };
    if (project) update.mutate({ project, patch: body }, { onSuccess });
    else create.mutate(body, { onSuccess });
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={project ? t('adminCatalogue.editProject') : t('adminCatalogue.newProject')}
      centered
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormAlert title={t('adminCatalogue.saveFailed')} messages={general} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('adminCatalogue.code')} description={t('adminCatalogue.codeHint')} required data-autofocus maxLength={50} dir="ltr" {...form.getInputProps('code')} />
            <TextInput label={t('adminCatalogue.name')} required maxLength={300} {...form.getInputProps('name')} />
          </SimpleGrid>
          <OrganizationPicker
            label={t('adminCatalogue.donor')}
            value={form.values.donor_organization_id}
            onChange={(id) => form.setFieldValue('donor_organization_id', id)}
            error={form.errors.donor_organization_id}
            clearable
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <DateField label={t('adminCatalogue.startDate')} value={form.values.start_date} onChange={(v) => form.setFieldValue('start_date', v)} error={form.errors.start_date} />
            <DateField label={t('adminCatalogue.endDate')} value={form.values.end_date} onChange={(v) => form.setFieldValue('end_date', v)} error={form.errors.end_date} />
          </SimpleGrid>
          <Textarea label={t('adminCatalogue.description')} autosize minRows={2} maxLength={20000} {...form.getInputProps('description')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {project ? t('common.save') : t('adminCatalogue.createProject')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
