import { Anchor, Breadcrumbs, MultiSelect, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { SessionConflictDialog } from '../../components/ConflictDialog';
import { FormActions, FormAlert, FormSection } from '../../components/FormParts';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { CountrySelect, OwnerSelect, TagsSelect } from '../../components/pickers';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useEditSession } from '../../components/useEditSession';
import { RecordFormGuards } from '../../components/quicklog/RecordFormGuards';
import { useRecordForm } from '../../components/useRecordForm';
import { DateField, dateFieldInvalid } from '../../components/dates/DateField';
import { useFormat } from '../../components/useFormat';
import { useOfficeName, useTagName, useUserName } from '../../components/useNames';
import { canSetVisitPartners } from '../../auth/permissions';
import { ParticipantPicker, partyKey } from '../../components/visit/ParticipantPicker';
import { ParticipantRows, move } from '../../components/visit/ParticipantRows';
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
  VISIT_ROLES,
  VISIT_SIDES,
  guessSideAndRole,
  validateVisit,
  valuesToBody,
  valuesToCreate,
  visitToBody,
  visitToValues,
  type VisitBody,
  type VisitFormValues,
  VISIT_STATUSES,
} from './visitForm';

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
    // A participant's errors are shown on its row (rowErrors), not as form fields.
    fieldErrors: (error) =>
      Object.fromEntries(
        Object.entries(formErrors(error, t, VISIT_FIELDS, ['participants']).fieldErrors).filter(([key]) => !key.startsWith('participants.')),
      ),
  });
  const server = formErrors(serverError, t, VISIT_FIELDS, ['participants']);

  /** `participants.2.role` → the role select of row 3; `participants.2` → the row itself. */
  const rowError = (i: number, field?: 'side' | 'role' | 'organization_id' | 'contact_id') =>
    server.fieldErrors[field ? `participants.${i}.${field}` : `participants.${i}`];
  const rowErrors = Object.fromEntries(
    form.values.participants.map((_, i) => [i, [rowError(i), rowError(i, 'organization_id'), rowError(i, 'contact_id')].filter(Boolean).join(' ') || undefined]),
  );


  const generalErrors = !serverError
    ? []
    : server.otherErrors.length
      ? server.otherErrors
      : Object.keys(server.fieldErrors).length
        ? []
        : [errorMessage(serverError, t)];
  const chosen = useMemo(() => new Set(form.values.participants.map(partyKey)), [form.values.participants]);
  const projectOptions = (projects.data ?? []).map((p) => ({ value: String(p.id), label: `${p.code} · ${p.name}` }));
  const participantsError = server.fieldErrors.participants ?? form.errors.participants;
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
            <TextInput label={labels.title} required data-autofocus autoFocus {...form.getInputProps('title')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={labels.kind}
                required
                data={VISIT_KINDS.map((value) => ({ value, label: t(`visit.kinds.${value}`) }))}
                allowDeselect={false}
                {...form.getInputProps('kind')}
              />
              <Select
                label={labels.status}
                data={VISIT_STATUSES.map((value) => ({ value, label: t(`visit.statuses.${value}`) }))}
                allowDeselect={false}
                {...form.getInputProps('status')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <DateField
                label={labels.start_date}
                required
                value={form.values.start_date}
                onChange={(v) => form.setFieldValue('start_date', v)}
                error={form.errors.start_date}
              />
              <DateField
                label={labels.end_date}
                required
                min={dateFieldInvalid(form.values.start_date) ? undefined : form.values.start_date || undefined}
                value={form.values.end_date}
                onChange={(v) => form.setFieldValue('end_date', v)}
                error={form.errors.end_date}
              />
            </SimpleGrid>
          </FormSection>

          <FormSection title={t('visitForm.sectionWhere')} description={t('visitForm.whereHint')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <CountrySelect
                label={labels.origin_country_code}
                value={form.values.origin_country_code}
                onChange={(v) => form.setFieldValue('origin_country_code', v)}
                error={form.errors.origin_country_code}
              />
              <CountrySelect
                label={labels.host_country_code}
                value={form.values.host_country_code}
                onChange={(v) => form.setFieldValue('host_country_code', v)}
                error={form.errors.host_country_code}
              />
              <TextInput label={labels.city} {...form.getInputProps('city')} />
            </SimpleGrid>
          </FormSection>

          <FormSection title={t('visitForm.sectionParticipants')} description={t('visitForm.participantsHint')}>
            <ParticipantRows
              rows={form.values.participants}
              label={labels.participants}
              empty={t('visit.noParticipants')}
              errors={rowErrors}
              onMove={(i, by) => form.setFieldValue('participants', move(form.values.participants, i, by))}
              onRemove={(i) => form.setFieldValue('participants', form.values.participants.filter((_, j) => j !== i))}
              selects={(row, i) => (
                <>
                  <Select
                    label={t('visitForm.side')}
                    aria-label={t('visitForm.sideOf', { name: row.name })}
                    w={180}
                    data={VISIT_SIDES.map((value) => ({ value, label: t(`visit.sides.${value}`) }))}
                    value={row.side}
                    onChange={(v) => v && form.setFieldValue(`participants.${i}.side`, v as typeof row.side)}
                    allowDeselect={false}
                    error={rowError(i, 'side')}
                  />
                  <Select
                    label={t('visitForm.role')}
                    aria-label={t('visitForm.roleOf', { name: row.name })}
                    w={190}
                    data={VISIT_ROLES.map((value) => ({ value, label: t(`visit.roles.${value}`) }))}
                    value={row.role}
                    onChange={(v) => v && form.setFieldValue(`participants.${i}.role`, v as typeof row.role)}
                    allowDeselect={false}
                    error={rowError(i, 'role')}
                  />
                </>
              )}
            />
            <ParticipantPicker
              label={t('participantPicker.label')}
              description={t('participantPicker.hint')}
              chosen={chosen}
              defaultCountry={form.values.origin_country_code}
              error={participantsError}
              onPick={(party) => {
                const guess = guessSideAndRole(party, form.values.origin_country_code, form.values.host_country_code, form.values.participants);
                form.setFieldValue('participants', [
                  ...form.values.participants,
                  { ...(party.kind === 'organization' ? { organization_id: party.id } : { contact_id: party.id }), name: party.name, ...guess },
                ]);
              }}
            />
          </FormSection>

          <FormSection title={t('visitForm.sectionWhy')}>
            <Textarea label={labels.purpose} autosize minRows={3} maxRows={10} {...form.getInputProps('purpose')} />
            <Textarea label={labels.outcomes} autosize minRows={2} maxRows={10} {...form.getInputProps('outcomes')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={labels.project_id}
                placeholder={t('common.notSet')}
                data={projectOptions}
                value={form.values.project_id ? String(form.values.project_id) : null}
                onChange={(v) => form.setFieldValue('project_id', v ? Number(v) : null)}
                error={form.errors.project_id}
                searchable
                clearable
              />
              <OwnerSelect
                label={labels.owner_id}
                description={editing ? undefined : t('visitForm.ownerHint')}
                value={form.values.owner_id}
                onChange={(v) => form.setFieldValue('owner_id', v)}
                officeId={visit?.office_id ?? me?.office_id}
                error={form.errors.owner_id}
              />
              <TagsSelect label={labels.tags} value={form.values.tags} onChange={(v) => form.setFieldValue('tags', v)} error={form.errors.tags} />
            </SimpleGrid>
            <MultiSelect
              label={labels.partner_office_ids}
              description={maySetPartners ? t('visitForm.partnerOfficesHint') : t('visitForm.partnerOfficesOwnOffice')}
              data={partnerOptions}
              value={form.values.partner_office_ids.map(String)}
              onChange={(v) => form.setFieldValue('partner_office_ids', v.map(Number))}
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
