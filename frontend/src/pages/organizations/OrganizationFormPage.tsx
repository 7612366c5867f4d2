import { Anchor, Breadcrumbs, SimpleGrid, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../hooks/auth';
import { SessionConflictDialog } from '../../components/ConflictDialog';
import { Field, useFormFields } from '../../components/formFields';
import { FormActions, FormAlert, FormSection } from '../../components/FormParts';
import { DuplicateWarning } from '../../components/duplicates/DuplicateWarning';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { levelOptions, typeOptions } from '../../components/organizationOptions';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useEditSession } from '../../components/useEditSession';
import { RecordFormGuards } from '../../components/quicklog/RecordFormGuards';
import { useRecordForm } from '../../components/useRecordForm';
import { useFormat } from '../../components/useFormat';
import { useTagName, useUserName } from '../../components/useNames';
import {
  fetchOrganization,
  useCreateOrganization,
  useOrganization,
  useUpdateOrganization,
  type Organization,
} from '../../hooks/organizations';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';
import {
  EMPTY_ORGANIZATION,
  ORGANIZATION_FIELDS,
  organizationToBody,
  organizationToValues,
  validateOrganization,
  valuesToBody,
  valuesToCreate,
  type OrganizationBody,
  type OrganizationFormValues,
} from './organizationForm';

const SCORES = ['1', '2', '3', '4', '5'];

/** `/organizations/new` and `/organizations/:id/edit`. */
export function OrganizationFormPage() {
  const { id } = useParams();
  const organizationId = id ? Number(id) : null;
  const organization = useOrganization(organizationId);
  const { t } = useTranslation();

  if (organizationId === null) return <OrganizationForm />;
  if (organization.isPending) return <PageLoader />;
  if (organization.isError) {
    return <QueryError title={t('organization.loadError')} error={organization.error} onRetry={() => void organization.refetch()} />;
  }
  return <OrganizationForm key={organization.data.id} organization={organization.data} />;
}

function OrganizationForm({ organization }: { organization?: Organization }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const countries = useCountryOptions();
  const format = useFormat();
  const tagName = useTagName();
  const userName = useUserName();
  const create = useCreateOrganization();
  const update = useUpdateOrganization();
  const formRef = useRef<HTMLFormElement>(null);
  const editing = organization !== undefined;

  const parentFromLink = Number(params.get('parent')) || null;
  const form = useForm<OrganizationFormValues>({
    mode: 'controlled',
    initialValues: organization ? organizationToValues(organization) : { ...EMPTY_ORGANIZATION, parent_id: parentFromLink },
    validate: validateOrganization(t),
  });
  const fields = useFormFields(form);

  const fieldLabels: Record<keyof OrganizationBody, string> = {
    name: t('organization.fields.name'),
    name_local: t('organization.fields.nameLocal'),
    acronym: t('organization.fields.acronym'),
    type: t('organization.fields.type'),
    level: t('organization.fields.level'),
    country_code: t('organization.fields.country'),
    city: t('organization.fields.city'),
    parent_id: t('organization.fields.parent'),
    website: t('organization.fields.website'),
    email: t('organization.fields.email'),
    phone: t('organization.fields.phone'),
    description: t('organization.fields.description'),
    influence: t('organization.fields.influence'),
    interest: t('organization.fields.interest'),
    owner_id: t('organization.fields.owner'),
    tags: t('organization.fields.tags'),
  };

  const session = useEditSession<Organization, OrganizationBody>({
    record: organization,
    toBody: organizationToBody,
    fetchLatest: () => fetchOrganization(organization!.id),
    save: (version, patch) => update.mutateAsync({ id: organization!.id, version, patch }),
    describe: (field, value) => ({ label: fieldLabels[field], text: describeValue(field, value) }),
  });

  function describeValue(field: keyof OrganizationBody, value: unknown): string {
    if (value === null || value === undefined || value === '') return '';
    switch (field) {
      case 'type':
        return t(`organization.types.${value as Organization['type']}`);
      case 'level':
        return t(`organization.levels.${value as NonNullable<Organization['level']>}`);
      case 'country_code':
        return countries.nameOf(value as string);
      case 'owner_id':
        return userName(value as number);
      case 'parent_id':
        return `#${String(value)}`;
      case 'tags':
        return (value as string[]).map(tagName).join(t('common.separator'));
      default:
        return String(value);
    }
  }

  const { submit, serverError, saved, saving, guard, draft } = useRecordForm({
    draftKey: `form:organization:${organization?.id ?? 'new'}`,
    form,
    formRef,
    editing,
    create,
    session,
    toCreate: valuesToCreate,
    toBody: valuesToBody,
    pathOf: (record: Organization) => `/organizations/${record.id}`,
    createdText: (record) => t('organization.form.created', { name: record.name }),
    savedText: (record) => t('organization.form.saved', { name: record.name }),
    fieldErrors: (error) => formErrors(error, t, ORGANIZATION_FIELDS).fieldErrors,
  });

  const { otherErrors, fieldErrors } = formErrors(serverError, t, ORGANIZATION_FIELDS);
  const generalErrors = !serverError ? [] : otherErrors.length ? otherErrors : Object.keys(fieldErrors).length ? [] : [errorMessage(serverError, t)];

  const title = editing ? t('organization.form.editTitle', { name: organization.name }) : t('organization.form.newTitle');
  const cancel = () => void navigate(editing ? `/organizations/${organization.id}` : '/organizations');
  const scoreData = SCORES.map((value) => ({ value, label: format.number(Number(value)) }));

  return (
    <Stack gap="lg" maw={960}>
      <Breadcrumbs separator="›">
        <Anchor component={Link} to="/organizations" size="sm">
          {t('nav.organizations')}
        </Anchor>
        {editing && (
          <Anchor component={Link} to={`/organizations/${organization.id}`} size="sm">
            <bdi>{organization.name}</bdi>
          </Anchor>
        )}
      </Breadcrumbs>
      <PageHeader title={title} description={editing ? undefined : t('organization.form.newIntro')} />
      <RecordFormGuards draft={draft} guard={guard} />

      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="lg">
          <FormAlert title={editing ? t('organization.form.saveFailed') : t('organization.form.createFailed')} messages={generalErrors} />

          <FormSection title={t('organization.form.sectionIdentity')}>
            <Field.Text label={t('organization.fields.name')} required data-autofocus autoFocus {...fields.input('name')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field.Text
                label={t('organization.fields.nameLocal')}
                description={t('organization.hints.nameLocal')}
                dir="auto"
                {...fields.input('name_local')}
              />
              <Field.Text label={t('organization.fields.acronym')} {...fields.input('acronym')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field.Select label={t('organization.fields.type')} required data={typeOptions(t)} searchable {...fields.input('type')} />
              <Field.Select label={t('organization.fields.level')} data={levelOptions(t)} clearable {...fields.input('level')} />
            </SimpleGrid>
          </FormSection>

          <DuplicateWarning
            kind="organizations"
            probe={{
              name: form.values.name,
              name_local: form.values.name_local,
              acronym: form.values.acronym,
              email: form.values.email,
              phone: form.values.phone,
              country_code: form.values.country_code,
              exclude_id: organization?.id,
            }}
          />

          <FormSection title={t('organization.form.sectionPlace')} description={t('organization.hints.parent')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field.Country
                label={t('organization.fields.country')}
                value={form.values.country_code}
                onChange={fields.set('country_code')}
                error={form.errors.country_code}
              />
              <Field.Text label={t('organization.fields.city')} {...fields.input('city')} />
            </SimpleGrid>
            <Field.Organization
              label={t('organization.fields.parent')}
              value={form.values.parent_id}
              onChange={fields.set('parent_id')}
              exclude={organization?.id}
              error={form.errors.parent_id}
            />
          </FormSection>

          <FormSection title={t('organization.form.sectionContact')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field.Text label={t('organization.fields.website')} type="url" dir="ltr" placeholder="https://" {...fields.input('website')} />
              <Field.Text label={t('organization.fields.email')} type="email" dir="ltr" {...fields.input('email')} />
              <Field.Text label={t('organization.fields.phone')} type="tel" dir="ltr" {...fields.input('phone')} />
            </SimpleGrid>
            <Field.Lines label={t('organization.fields.description')} autosize minRows={3} maxRows={10} {...fields.input('description')} />
          </FormSection>

          <FormSection title={t('organization.form.sectionMapping')} description={t('organization.hints.score')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field.Select
                label={t('organization.fields.influence')}
                placeholder={t('common.notSet')}
                data={scoreData}
                clearable
                {...fields.input('influence')}
              />
              <Field.Select
                label={t('organization.fields.interest')}
                placeholder={t('common.notSet')}
                data={scoreData}
                clearable
                {...fields.input('interest')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field.Owner
                label={t('organization.fields.owner')}
                description={editing ? undefined : t('organization.hints.owner')}
                value={form.values.owner_id}
                onChange={fields.set('owner_id')}
                officeId={organization?.office_id ?? me?.office_id}
                error={form.errors.owner_id}
              />
              <Field.Tags
                label={t('organization.fields.tags')}
                value={form.values.tags}
                onChange={fields.set('tags')}
                error={form.errors.tags}
              />
            </SimpleGrid>
          </FormSection>

          <FormActions
            submitLabel={editing ? t('common.save') : t('organization.form.create')}
            saving={saving}
            onCancel={cancel}
          />
        </Stack>
      </form>

      {editing && (
        <SessionConflictDialog
          session={session}
          onReloaded={(latest) => {
            form.setValues(organizationToValues(latest));
            form.resetDirty();
            form.clearErrors();
          }}
          onSaved={saved}
        />
      )}
    </Stack>
  );
}
