import { Button, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { commitmentPermissions } from '../../auth/permissions';
import { SessionConflictDialog } from '../../components/ConflictDialog';
import { dateFieldInvalid } from '../../components/dates/DateField';
import { Field, asId, useFormFields } from '../../components/formFields';
import { FormAlert, focusFirstInvalid } from '../../components/FormParts';
import { notify } from '../../components/notify';
import { useEditSession } from '../../components/useEditSession';
import { useFormat } from '../../components/useFormat';
import { useUserName } from '../../components/useNames';
import { useMe } from '../../hooks/auth';
import { fetchCommitment, useCounterpartNames, useUpdateCommitment, type Commitment } from '../../hooks/commitments';
import { useProjects } from '../../hooks/projects';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';
import { COMMITMENT_FIELDS, commitmentToValues, valuesToBody, type CommitmentBody, type CommitmentFormValues } from './commitmentForm';
import { useDenyReason } from './Denied';

const DIRECTIONS = ['ours', 'theirs', 'joint'] as const;
const PRIORITIES = ['low', 'normal', 'high'] as const;

/**
 * Corrects a commitment: title, details, who owes it and to whom, when it
 * is due, priority, project and (where allowed) its owner. Only changed
 * fields are sent, with the version it was opened at; someone else's save
 * in between opens the conflict dialog. Full screen on phones.
 */
export function CommitmentEditDialog({ commitment, onClose }: { commitment: Commitment | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={!!commitment}
      onClose={onClose}
      title={t('commitmentEdit.title')}
      size="lg"
      fullScreen={!!phone}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {commitment && <EditForm key={commitment.id} commitment={commitment} onClose={onClose} />}
    </Modal>
  );
}

function EditForm({ commitment, onClose }: { commitment: Commitment; onClose: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const format = useFormat();
  const userName = useUserName();
  const denyReason = useDenyReason();
  const projects = useProjects();
  const update = useUpdateCommitment();
  const formRef = useRef<HTMLFormElement>(null);
  const may = commitmentPermissions(me, commitment);
  const form = useForm<CommitmentFormValues>({
    mode: 'controlled',
    initialValues: commitmentToValues(commitment),
    validate: {
      title: (v) => (v.trim() ? null : t('commitmentEdit.titleRequired')),
      due_date: (v) => (dateFieldInvalid(v) ? t('commitmentEdit.dueInvalid') : null),
    },
  });
  const fields = useFormFields(form);
  // Cleared, the owner stays who it was: a commitment always has one.
  const keepOwner = useCallback(
    (id: number | null) => fields.form().setFieldValue('owner_id', id ?? commitment.owner_id ?? null),
    [fields, commitment.owner_id],
  );
  const names = useCounterpartNames([commitment, form.values]);
  const projectName = (id: unknown) => {
    const p = (projects.data ?? []).find((x) => x.id === id);
    return p ? `${p.code} — ${p.name}` : '';
  };
  const labels: Record<keyof CommitmentBody, string> = {
    title: t('records.titleColumn'),
    details: t('commitmentEdit.details'),
    direction: t('commitments.direction'),
    counterpart_organization_id: t('commitmentFilters.organization'),
    counterpart_contact_id: t('commitmentFilters.contact'),
    due_date: t('commitments.dueDate'),
    priority: t('commitmentEdit.priority'),
    project_id: t('commitmentFilters.project'),
    owner_id: t('commitments.owner'),
  };
  const describe = (field: keyof CommitmentBody, value: unknown) => {
    let text = value == null ? '' : String(value);
    if (field === 'direction') text = t(`commitment.directions.${value as Commitment['direction']}`);
    else if (field === 'priority') text = t(`commitmentEdit.priorities.${value as Commitment['priority']}`);
    else if (field === 'due_date') text = format.date(value as string | null);
    else if (field === 'owner_id') text = userName(value as number);
    else if (field === 'project_id') text = projectName(value);
    else if (field === 'counterpart_organization_id') text = names.organization(value as number) || (value ? `#${String(value)}` : '');
    else if (field === 'counterpart_contact_id') text = names.contact(value as number) || (value ? `#${String(value)}` : '');
    return { label: labels[field], text };
  };
  const session = useEditSession<Commitment, CommitmentBody>({
    record: commitment,
    toBody: (c) => valuesToBody(commitmentToValues(c), c),
    fetchLatest: () => fetchCommitment(commitment.id),
    save: (version, patch) => update.mutateAsync({ id: commitment.id, version, patch }),
    describe,
  });

  useEffect(() => {
    if (!session.error) return;
    form.setErrors(formErrors(session.error, t, COMMITMENT_FIELDS).fieldErrors);
    focusFirstInvalid(formRef.current);
    // Only a new answer from the server replaces the errors shown.
  }, [session.error]);
  const { otherErrors, fieldErrors } = formErrors(session.error, t, COMMITMENT_FIELDS);
  const general = !session.error ? [] : otherErrors.length ? otherErrors : Object.keys(fieldErrors).length ? [] : [errorMessage(session.error, t)];

  const finish = (saved: Commitment) => {
    notify.success(t('commitmentEdit.saved', { title: saved.title }));
    onClose();
  };
  const base = session.base ?? commitment;

  return (
    <>
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          async (values) => {
            const saved = await session.submit(valuesToBody(values, base));
            if (saved) finish(saved);
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack gap="md">
          <FormAlert title={t('commitmentEdit.saveFailed')} messages={general} />
          <Field.Text label={t('records.titleColumn')} required maxLength={300} {...fields.input('title')} dir="auto" data-autofocus />
          <Field.Lines label={t('commitmentEdit.details')} autosize minRows={2} maxRows={8} {...fields.input('details')} dir="auto" />
          <Stack gap={4}>
            <Text size="sm" fw={500} id={`direction-${commitment.id}`}>
              {t('commitments.direction')}
            </Text>
            <Field.Segmented
              aria-labelledby={`direction-${commitment.id}`}
              fullWidth
              data={DIRECTIONS.map((d) => ({ value: d, label: t(`commitment.directions.${d}`) }))}
              value={form.values.direction}
              onChange={fields.set('direction')}
            />
            {form.errors.direction && (
              <Text size="xs" c="red.8">
                {form.errors.direction}
              </Text>
            )}
          </Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Field.Organization
              label={t('commitmentFilters.organization')}
              value={form.values.counterpart_organization_id}
              onChange={fields.set('counterpart_organization_id')}
              error={form.errors.counterpart_organization_id}
            />
            <Field.Contact
              label={t('commitmentFilters.contact')}
              placeholder={t('commitmentEdit.contactPlaceholder')}
              value={form.values.counterpart_contact_id}
              onChange={fields.set('counterpart_contact_id')}
              error={form.errors.counterpart_contact_id}
            />
            <Field.Date
              label={t('commitments.dueDate')}
              value={form.values.due_date}
              onChange={fields.set('due_date')}
              error={form.errors.due_date}
            />
            <Field.Select
              label={t('commitmentEdit.priority')}
              data={PRIORITIES.map((p) => ({ value: p, label: t(`commitmentEdit.priorities.${p}`) }))}
              allowDeselect={false}
              {...fields.input('priority')}
            />
            <Field.Select
              label={t('commitmentFilters.project')}
              placeholder={t('commitmentEdit.noProject')}
              data={(projects.data ?? []).map((p) => ({ value: String(p.id), label: `${p.code} — ${p.name}` }))}
              value={form.values.project_id ? String(form.values.project_id) : null}
              onChange={fields.set('project_id', asId)}
              error={form.errors.project_id}
              searchable
              clearable
            />
            <Field.Owner
              label={t('commitments.owner')}
              officeId={commitment.office_id}
              value={form.values.owner_id}
              onChange={keepOwner}
              error={form.errors.owner_id}
              clearable={false}
              disabled={!may.reassign.allowed}
              description={may.reassign.allowed ? undefined : denyReason(may.reassign.reason)}
            />
          </SimpleGrid>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={session.saving}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <SessionConflictDialog session={session} onReloaded={(latest) => form.setValues(commitmentToValues(latest))} onSaved={finish} />
    </>
  );
}
