import { Anchor, Breadcrumbs, SimpleGrid, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { SessionConflictDialog } from '../../components/ConflictDialog';
import { Field, asId, asIds, useFormFields } from '../../components/formFields';
import { FormActions, FormAlert, FormSection } from '../../components/FormParts';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useEditSession } from '../../components/useEditSession';
import { RecordFormGuards } from '../../components/quicklog/RecordFormGuards';
import { useRecordForm } from '../../components/useRecordForm';
import { dateFieldInvalid } from '../../components/dates/DateField';
import { useFormat } from '../../components/useFormat';
import { useOfficeName, useTagName, useUserName } from '../../components/useNames';
import { canSetVisitPartners } from '../../auth/permissions';
import { partyKey } from '../../components/visit/ParticipantPicker';
import { useMe } from '../../hooks/auth';
import { useOffices } from '../../hooks/offices';
import { useProjects } from '../../hooks/projects';
import { fetchVisit, useCreateVisit, useUpdateVisit, useVisit, type VisitRecord } from '../../hooks/visits';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';
import {
  EMPTY_VISIT,
  VISIT_FIELDS,
  VISIT_KINDS,
  validateVisit,
  valuesToBody,
  valuesToCreate,
  visitToBody,
  visitToValues,
  type VisitBody,
  type VisitFormValues,
  VISIT_STATUSES,
} from './visitForm';
import { VisitParticipantsField } from './VisitParticipantsField';

/** `/visits/new` and `/visits/:id/edit`. */
export function VisitFormPage() {
  const { id } = useParams();
  const visitId = id ? Number(id) : null;
  const visit = useVisit(visitId);
  const { t } = useTranslation();
  if (visitId === null) return <VisitForm />;
  if (visit.isPending) return <PageLoader />;
  if (visit.isError) return <QueryError title={t('visit.loadError')} error={visit.error} onRetry={() => void visit.refetch()} />;
  return <VisitForm key={visit.data.id} visit={visit.data} />;
}

function VisitForm({ visit }: { visit?: VisitRecord }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const countries = useCountryOptions();
  const format = useFormat();
  const tagName = useTagName();
  const userName = useUserName();
  const projects = useProjects();
  const offices = useOffices();
  const officeName = useOfficeName();
  const create = useCreateVisit();
  const update = useUpdateVisit();
  const formRef = useRef<HTMLFormElement>(null);
  const editing = visit !== undefined;

  const form = useForm<VisitFormValues>({
    mode: 'controlled',
    initialValues: visit ? visitToValues(visit) : EMPTY_VISIT,
    validate: validateVisit(t),
  });
  const fields = useFormFields(form);

  const labels: Record<keyof VisitBody, string> = {
    title: t('visitForm.fields.title'),
    kind: t('visitForm.fields.kind'),
    status: t('visitForm.fields.status'),
    start_date: t('visitForm.fields.startDate'),
    end_date: t('visitForm.fields.endDate'),
    origin_country_code: t('visitForm.fields.origin'),
    host_country_code: t('visitForm.fields.host'),
    city: t('visitForm.fields.city'),
    project_id: t('visitForm.fields.project'),
    purpose: t('visitForm.fields.purpose'),
    outcomes: t('visitForm.fields.outcomes'),
    owner_id: t('visitForm.fields.owner'),
    tags: t('visitForm.fields.tags'),
    participants: t('visitForm.fields.participants'),
    partner_office_ids: t('visitForm.fields.partnerOffices'),
  };
  const projectName = (id: number) => projects.data?.find((p) => p.id === id)?.name ?? `#${id}`;
  const describe = (field: keyof VisitBody, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '';
    switch (field) {
      case 'kind':
        return t(`visit.kinds.${value as VisitRecord['kind']}`);
      case 'status':
        return t(`visit.statuses.${value as VisitRecord['status']}`);
      case 'start_date':
      case 'end_date':
        return format.date(value as string);
      case 'origin_country_code':
      case 'host_country_code':
        return countries.nameOf(value as string);
      case 'owner_id':
        return userName(value as number);
      case 'project_id':
        return projectName(value as number);
      case 'tags':
        return (value as string[]).map(tagName).join(t('common.separator'));
      case 'partner_office_ids':
        return (value as number[]).map(officeName).join(t('common.separator'));
      case 'participants': {
        const names = new Map(form.values.participants.map((p) => [partyKey(p), p.name]));
        for (const p of visit?.participants ?? []) names.set(partyKey(p), p.name ?? '');
        return (value as VisitBody['participants'])
          .map((p) => `${names.get(partyKey(p)) || partyKey(p)} (${t(`visit.sides.${p.side}`)}, ${t(`visit.roles.${p.role}`)})`)
          .join('; ');
      }
      default:
        return String(value);
    }
  };

  const session = useEditSession<VisitRecord, VisitBody>({
    record: visit,
    toBody: visitToBody,
    fetchLatest: () => fetchVisit(visit!.id),
    save: (version, patch) => update.mutateAsync({ id: visit!.id, version, patch }),
    describe: (field, value) => ({ label: labels[field], text: describe(field, value) }),
  });

  const { submit, serverError, saved, saving, guard, draft } = useRecordForm({
    draftKey: `form:visit:${visit?.id ?? 'new'}`,
    form,
    formRef,
    editing,
    create,
    session,
    toCreate: valuesToCreate,
    toBody: valuesToBody,
    pathOf: (record: VisitRecord) => `/visits/${record.id}`,
    createdText: (record) => t('visitForm.created', { title: record.title }),
    savedText: (record) => t('visitForm.saved', { title: record.title }),
    // A participant's errors are shown on its row (VisitParticipantsField), not as form fields.
    fieldErrors: (error) =>
      Object.fromEntries(
        Object.entries(formErrors(error, t, VISIT_FIELDS, ['participants']).fieldErrors).filter(([key]) => !key.startsWith('participants.')),
      ),
  });
  const server = formErrors(serverError, t, VISIT_FIELDS, ['participants']);

  const generalErrors = !serverError
    ? []
    : server.otherErrors.length
      ? server.otherErrors
      : Object.keys(server.fieldErrors).length
        ? []
        : [errorMessage(serverError, t)];
  const projectOptions = (projects.data ?? []).map((p) => ({ value: String(p.id), label: `${p.code} · ${p.name}` }));
  // The visit's own office (the creator's, for a new one) is never its own partner.
  const ownOffice = visit?.office_id ?? me?.office_id;
  const partnerOptions = (offices.data ?? []).filter((o) => o.id !== ownOffice).map((o) => ({ value: String(o.id), label: o.name }));
  const maySetPartners = !editing || canSetVisitPartners(me, visit).allowed;

  const title = editing ? t('visitForm.editTitle', { title: visit.title }) : t('visitForm.newTitle');
  const cancel = () => void navigate(editing ? `/visits/${visit.id}` : '/visits');

  return (
    <Stack gap="lg" maw={1040}>
      <Breadcrumbs separator="›">
        <Anchor component={Link} to="/visits" size="sm">
          {t('nav.visits')}
        </Anchor>
        {editing && (
          <Anchor component={Link} to={`/visits/${visit.id}`} size="sm">
            <bdi>{visit.title}</bdi>
          </Anchor>
        )}
      </Breadcrumbs>
      <PageHeader title={title} description={editing ? undefined : t('visitForm.newIntro')} />
      <RecordFormGuards draft={draft} guard={guard} />

      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="lg">
          <FormAlert title={editing ? t('visitForm.saveFailed') : t('visitForm.createFailed')} messages={generalErrors} />

          <FormSection title={t('visitForm.sectionWhat')}>
            <Field.Text label={labels.title} required data-autofocus autoFocus {...fields.input('title')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field.Select
                label={labels.kind}
                required
                data={VISIT_KINDS.map((value) => ({ value, label: t(`visit.kinds.${value}`) }))}
                allowDeselect={false}
                {...fields.input('kind')}
              />
              <Field.Select
                label={labels.status}
                data={VISIT_STATUSES.map((value) => ({ value, label: t(`visit.statuses.${value}`) }))}
                allowDeselect={false}
                {...fields.input('status')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field.Date
                label={labels.start_date}
                required
                value={form.values.start_date}
                onChange={fields.set('start_date')}
                error={form.errors.start_date}
              />
              <Field.Date
                label={labels.end_date}
                required
                min={dateFieldInvalid(form.values.start_date) ? undefined : form.values.start_date || undefined}
                value={form.values.end_date}
                onChange={fields.set('end_date')}
                error={form.errors.end_date}
              />
            </SimpleGrid>
          </FormSection>

          <FormSection title={t('visitForm.sectionWhere')} description={t('visitForm.whereHint')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Field.Country
                label={labels.origin_country_code}
                value={form.values.origin_country_code}
                onChange={fields.set('origin_country_code')}
                error={form.errors.origin_country_code}
              />
              <Field.Country
                label={labels.host_country_code}
                value={form.values.host_country_code}
                onChange={fields.set('host_country_code')}
                error={form.errors.host_country_code}
              />
              <Field.Text label={labels.city} {...fields.input('city')} />
            </SimpleGrid>
          </FormSection>

          <FormSection title={t('visitForm.sectionParticipants')} description={t('visitForm.participantsHint')}>
            <VisitParticipantsField
              rows={form.values.participants}
              origin={form.values.origin_country_code}
              host={form.values.host_country_code}
              label={labels.participants}
              serverErrors={server.fieldErrors}
              formError={form.errors.participants as string | undefined}
              fields={fields}
            />
          </FormSection>

          <FormSection title={t('visitForm.sectionWhy')}>
            <Field.Lines label={labels.purpose} autosize minRows={3} maxRows={10} {...fields.input('purpose')} />
            <Field.Lines label={labels.outcomes} autosize minRows={2} maxRows={10} {...fields.input('outcomes')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Field.Select
                label={labels.project_id}
                placeholder={t('common.notSet')}
                data={projectOptions}
                value={form.values.project_id ? String(form.values.project_id) : null}
                onChange={fields.set('project_id', asId)}
                error={form.errors.project_id}
                searchable
                clearable
              />
              <Field.Owner
                label={labels.owner_id}
                description={editing ? undefined : t('visitForm.ownerHint')}
                value={form.values.owner_id}
                onChange={fields.set('owner_id')}
                officeId={visit?.office_id ?? me?.office_id}
                error={form.errors.owner_id}
              />
              <Field.Tags label={labels.tags} value={form.values.tags} onChange={fields.set('tags')} error={form.errors.tags} />
            </SimpleGrid>
            <Field.MultiSelect
              label={labels.partner_office_ids}
              description={maySetPartners ? t('visitForm.partnerOfficesHint') : t('visitForm.partnerOfficesOwnOffice')}
              data={partnerOptions}
              value={form.values.partner_office_ids.map(String)}
              onChange={fields.set('partner_office_ids', asIds)}
              error={form.errors.partner_office_ids}
              disabled={!maySetPartners}
              searchable
              clearable
            />
          </FormSection>

          <FormActions submitLabel={editing ? t('common.save') : t('visitForm.create')} saving={saving} onCancel={cancel} />
        </Stack>
      </form>

      {editing && (
        <SessionConflictDialog
          session={session}
          onReloaded={(latest) => {
            form.setValues(visitToValues(latest));
            form.resetDirty();
            form.clearErrors();
          }}
          onSaved={saved}
        />
      )}
    </Stack>
  );
}
