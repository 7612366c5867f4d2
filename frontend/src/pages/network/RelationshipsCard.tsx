import { ActionIcon, Anchor, Button, Group, Modal, Paper, Select, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArchive, IconEdit, IconLink } from '@tabler/icons-react';
import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isStale } from '../../api/client';
import { canCreate, canEdit } from '../../auth/permissions';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormAlert } from '../../components/FormParts';
import { QueryError } from '../../components/QueryError';
import { DateField, dateFieldInvalid } from '../../components/dates/DateField';
import { notify } from '../../components/notify';
import { OrganizationPicker } from '../../components/pickers';
import { useFormat } from '../../components/useFormat';
import { useMe } from '../../hooks/auth';
import {
  RELATIONSHIP_KINDS,
  useArchiveRelationship,
  useCreateRelationship,
  useOrganizationRelationships,
  useUpdateRelationship,
  type Relationship,
} from '../../hooks/relationships';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';
import { ASYMMETRIC_KINDS, choiceOf, linkWording, seenFrom, splitChoice, type KindChoice } from './relationshipWording';

interface Subject {
  id: number;
  name: string;
}

/**
 * The organization page's relationships: both directions, each in the
 * wording of this end ("funds" for a funded_by seen from the funder), with
 * adding, changing and archiving for those who may.
 */
export const RelationshipsCard = memo(function RelationshipsCard({ organization }: { organization: Subject }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { data: me } = useMe();
  const relationships = useOrganizationRelationships(organization.id);
  const [editing, setEditing] = useState<Relationship | 'new' | null>(null);
  const [archiving, setArchiving] = useState<Relationship | null>(null);
  const archive = useArchiveRelationship();
  const items = relationships.data ?? [];

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby="relationships-title">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4" id="relationships-title">
          {t('relationships.title')}
        </Title>
        {canCreate(me) && (
          <Button variant="light" size="xs" leftSection={<IconLink size={14} aria-hidden="true" />} onClick={() => setEditing('new')}>
            {t('relationships.add')}
          </Button>
        )}
      </Group>
      {relationships.isError ? (
        <QueryError title={t('relationships.loadError')} error={relationships.error} onRetry={() => void relationships.refetch()} />
      ) : relationships.isPending ? (
        <Skeleton height={32} radius="md" />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('relationships.empty')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="relationships">
          {items.map((r) => {
            const { wording, otherId, otherName } = seenFrom(t, r, organization.id);
            const dates = [r.start_date && t('relationships.since', { date: format.date(r.start_date) }), r.end_date && t('relationships.until', { date: format.date(r.end_date) })]
              .filter(Boolean)
              .join(' ');
            return (
              <Group key={r.id} component="li" gap="xs" wrap="nowrap" justify="space-between" align="flex-start">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text size="sm">
                    <Text span c="dimmed">
                      {wording}
                    </Text>{' '}
                    <Anchor component={Link} to={`/organizations/${otherId}`} fw={500}>
                      <bdi>{otherName}</bdi>
                    </Anchor>
                  </Text>
                  {(dates || r.note) && (
                    <Text size="xs" c="dimmed">
                      {dates}
                      {dates && r.note ? ' · ' : ''}
                      {r.note && <span dir="auto">{r.note}</span>}
                    </Text>
                  )}
                </Stack>
                {canEdit(me, r) && (
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon variant="subtle" color="gray" aria-label={t('relationships.editNamed', { name: otherName })} onClick={() => setEditing(r)}>
                      <IconEdit size={16} aria-hidden="true" />
                    </ActionIcon>
                    <ActionIcon variant="subtle" color="gray" aria-label={t('relationships.archiveNamed', { name: otherName })} onClick={() => setArchiving(r)}>
                      <IconArchive size={16} aria-hidden="true" />
                    </ActionIcon>
                  </Group>
                )}
              </Group>
            );
          })}
        </Stack>
      )}
      {editing && (
        <RelationshipModal organization={organization} relationship={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
      <ConfirmDialog
        opened={archiving !== null}
        onClose={() => {
          archive.reset();
          setArchiving(null);
        }}
        title={t('relationships.archiveTitle')}
        message={t('relationships.archiveText')}
        confirmLabel={t('common.archive')}
        loading={archive.isPending}
        error={archive.error}
        onConfirm={() =>
          archiving &&
          archive.mutate(archiving, {
            onSuccess: () => {
              notify.success(t('relationships.archived'));
              setArchiving(null);
            },
          })
        }
      />
    </Paper>
  );
});

const FIELDS = ['kind', 'other', 'start_date', 'end_date', 'note'] as const;

/** The server's field names, mapped onto the form's: both ends are "the other organization" here. */
const SERVER_FIELDS: Record<string, (typeof FIELDS)[number]> = {
  kind: 'kind',
  from_organization_id: 'other',
  to_organization_id: 'other',
  start_date: 'start_date',
  end_date: 'end_date',
  note: 'note',
};

function RelationshipModal({ organization, relationship, onClose }: { organization: Subject; relationship?: Relationship; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateRelationship();
  const update = useUpdateRelationship();
  const mutation = relationship ? update : create;
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      kind: (relationship ? choiceOf(relationship, organization.id) : 'partner_of') as KindChoice,
      other: (relationship ? seenFrom(t, relationship, organization.id).otherId : null) as number | null,
      start_date: relationship?.start_date ?? '',
      end_date: relationship?.end_date ?? '',
      note: relationship?.note ?? '',
    },
    validate: {
      other: (v: number | null) => (v ? null : t('relationships.otherRequired')),
      start_date: (v: string) => (dateFieldInvalid(v) ? t('adminCatalogue.dateInvalid') : null),
      end_date: (v: string, values) => (dateFieldInvalid(v) ? t('adminCatalogue.dateInvalid') : v && values.start_date && v < values.start_date ? t('adminCatalogue.endBeforeStart') : null),
    },
  });
  const { otherErrors, fieldErrors } = formErrors(mutation.error, t, Object.keys(SERVER_FIELDS));
  useEffect(() => {
    if (!mutation.error) return;
    const errors: Record<string, string> = {};
    for (const [field, message] of Object.entries(fieldErrors)) errors[SERVER_FIELDS[field] ?? field] = message;
    form.setErrors(errors);
  }, [mutation.error]);
  const general = !mutation.error
    ? []
    : isStale(mutation.error)
      ? [t('conflict.text')]
      : otherErrors.length
        ? otherErrors
        : Object.keys(fieldErrors).length
          ? []
          : [errorMessage(mutation.error, t)];

  const kindOptions = [
    ...RELATIONSHIP_KINDS.map((k) => ({ value: k, label: linkWording(t, k, true) })),
    ...ASYMMETRIC_KINDS.map((k) => ({ value: `${k}~inverse`, label: linkWording(t, k, false) })),
  ];

  const submit = form.onSubmit((v) => {
    const { kind, inverse } = splitChoice(v.kind);
    const [from, to] = inverse ? [v.other!, organization.id] : [organization.id, v.other!];
    const body = {
      from_organization_id: from,
      to_organization_id: to,
      kind,
      start_date: v.start_date || null,
      end_date: v.end_date || null,
      note: v.note.trim(),
    };
    const onSuccess = () => {
      notify.success(t('relationships.saved'));
      onClose();
    };
    if (relationship) update.mutate({ relationship, patch: body }, { onSuccess });
    else create.mutate(body, { onSuccess });
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={relationship ? t('relationships.editTitle') : t('relationships.addTitle', { name: organization.name })}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormAlert title={t('relationships.saveFailed')} messages={general} />
          <Select
            label={t('relationships.kind')}
            description={t('relationships.direction', { name: organization.name })}
            data={kindOptions}
            allowDeselect={false}
            required
            data-autofocus
            {...form.getInputProps('kind')}
          />
          <OrganizationPicker
            label={t('relationships.other')}
            required
            exclude={organization.id}
            value={form.values.other}
            onChange={(id) => form.setFieldValue('other', id)}
            error={form.errors.other}
          />
          <Group grow align="flex-start">
            <DateField label={t('relationships.start')} value={form.values.start_date} onChange={(v) => form.setFieldValue('start_date', v)} error={form.errors.start_date} />
            <DateField label={t('relationships.end')} value={form.values.end_date} onChange={(v) => form.setFieldValue('end_date', v)} error={form.errors.end_date} />
          </Group>
          <Textarea label={t('relationships.note')} autosize minRows={2} maxLength={2000} {...form.getInputProps('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
