import { ActionIcon, Anchor, Breadcrumbs, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm, type FormErrors } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { SessionConflictDialog } from '../../components/ConflictDialog';
import { DuplicateWarning } from '../../components/duplicates/DuplicateWarning';
import { Field, memoField, useFormFields, type FormFields } from '../../components/formFields';
import { FormActions, FormAlert, FormSection } from '../../components/FormParts';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { QueryError } from '../../components/QueryError';
import { LANGUAGE_CODES, genderOptions } from '../../components/options';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useEditSession } from '../../components/useEditSession';
import { RecordFormGuards } from '../../components/quicklog/RecordFormGuards';
import { useRecordForm } from '../../components/useRecordForm';
import { useFormat } from '../../components/useFormat';
import { useTagName, useUserName } from '../../components/useNames';
import { useMe } from '../../hooks/auth';
import { ConsentFields } from './ConsentFields';
import { fetchContact, useContact, useCreateContact, useUpdateContact, type Contact } from '../../hooks/contacts';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';
import {
  CONTACT_FIELDS,
  EMPTY_CONTACT,
  contactToBody,
  contactToValues,
  newPosition,
  validateContact,
  valuesToBody,
  valuesToCreate,
  withdrawnDay,
  type ContactBody,
  type ContactFormValues,
} from './contactForm';

/** `/contacts/new` (optionally `?organization=ID`) and `/contacts/:id/edit`. */
export function ContactFormPage() {
  const { id } = useParams();
  const contactId = id ? Number(id) : null;
  const contact = useContact(contactId);
  const { t } = useTranslation();
  if (contactId === null) return <ContactForm />;
  if (contact.isPending) return <PageLoader />;
  if (contact.isError) return <QueryError title={t('contact.loadError')} error={contact.error} onRetry={() => void contact.refetch()} />;
  return <ContactForm key={contact.data.id} contact={contact.data} />;
}

function ContactForm({ contact }: { contact?: Contact }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { data: me } = useMe();
  const format = useFormat();
  const countries = useCountryOptions();
  const tagName = useTagName();
  const userName = useUserName();
  const create = useCreateContact();
  const update = useUpdateContact();
  const formRef = useRef<HTMLFormElement>(null);
  const editing = contact !== undefined;

  const organizationFromLink = Number(params.get('organization')) || null;
  const form = useForm<ContactFormValues>({
    mode: 'controlled',
    initialValues: contact
      ? contactToValues(contact)
      : { ...EMPTY_CONTACT, positions: organizationFromLink ? [{ ...newPosition(organizationFromLink), primary: true }] : [] },
    validate: validateContact(t),
  });
  const fields = useFormFields(form);

  const labels: Record<keyof ContactBody, string> = {
    honorific: t('contact.fields.honorific'),
    given_name: t('contact.fields.givenName'),
    family_name: t('contact.fields.familyName'),
    name_local: t('contact.fields.nameLocal'),
    gender: t('contact.fields.gender'),
    email: t('contact.fields.email'),
    phone: t('contact.fields.phone'),
    languages: t('contact.fields.languages'),
    country_code: t('contact.fields.country'),
    city: t('contact.fields.city'),
    notes: t('contact.fields.notes'),
    restricted: t('contact.fields.restricted'),
    consent_basis: t('contact.fields.consentBasis'),
    consent_date: t('personalData.consent.date'),
    consent_source: t('personalData.consent.source'),
    consent_withdrawn_at: t('personalData.consent.withdrawnAt'),
    owner_id: t('contact.fields.owner'),
    tags: t('contact.fields.tags'),
    positions: t('contact.fields.positions'),
  };

  const describe = (field: keyof ContactBody, value: unknown): string => {
    if (value === null || value === undefined || value === '') return '';
    switch (field) {
      case 'gender':
        return t(`contact.genders.${value as NonNullable<Contact['gender']>}`);
      case 'consent_basis':
        return t(`contact.consent.${value as NonNullable<Contact['consent_basis']>}`);
      case 'restricted':
        return value ? t('common.yes') : t('common.no');
      case 'consent_date':
        return format.date(value as string);
      case 'consent_withdrawn_at':
        return format.date(withdrawnDay(value as string));
      case 'country_code':
        return countries.nameOf(value as string);
      case 'owner_id':
        return userName(value as number);
      case 'languages':
        return (value as string[]).map(format.language).join(t('common.separator'));
      case 'tags':
        return (value as string[]).map(tagName).join(t('common.separator'));
      case 'positions':
        return (value as ContactBody['positions'])
          .map((p) => [p.title, p.start_date && format.date(p.start_date), p.end_date && format.date(p.end_date)].filter(Boolean).join(' · ') || `#${p.organization_id}`)
          .join('; ');
      default:
        return String(value);
    }
  };

  const session = useEditSession<Contact, ContactBody>({
    record: contact,
    toBody: contactToBody,
    fetchLatest: () => fetchContact(contact!.id),
    save: (version, patch) => update.mutateAsync({ id: contact!.id, version, patch }),
    describe: (field, value) => ({ label: labels[field], text: describe(field, value) }),
  });

  const { submit, serverError, saved, saving, guard, draft } = useRecordForm({
    draftKey: `form:contact:${contact?.id ?? 'new'}`,
    form,
    formRef,
    editing,
    create,
    session,
    toCreate: valuesToCreate,
    toBody: valuesToBody,
    pathOf: (record: Contact) => `/contacts/${record.id}`,
    createdText: (record) => t('contact.form.created', { name: record.full_name || record.name_local }),
    savedText: (record) => t('contact.form.saved', { name: record.full_name || record.name_local }),
    fieldErrors: (error) => formErrors(error, t, CONTACT_FIELDS, ['positions']).fieldErrors,
  });

  const { otherErrors, fieldErrors } = formErrors(serverError, t, CONTACT_FIELDS, ['positions']);
  const generalErrors = !serverError ? [] : otherErrors.length ? otherErrors : Object.keys(fieldErrors).length ? [] : [errorMessage(serverError, t)];

  const languageData = useMemo(
    () => LANGUAGE_CODES.map((code) => ({ value: code, label: format.language(code) })),
    [format],
  );
  const name = contact ? contact.full_name || contact.name_local : '';

  return (
    <Stack gap="lg" maw={960}>
      <Breadcrumbs separator="›">
        <Anchor component={Link} to="/contacts" size="sm">
          {t('nav.contacts')}
        </Anchor>
        {editing && (
          <Anchor component={Link} to={`/contacts/${contact.id}`} size="sm">
            <bdi>{name}</bdi>
          </Anchor>
        )}
      </Breadcrumbs>
      <PageHeader
        title={editing ? t('contact.form.editTitle', { name }) : t('contact.form.newTitle')}
        description={editing ? undefined : t('contact.form.newIntro')}
      />
      <RecordFormGuards draft={draft} guard={guard} />

      <form ref={formRef} onSubmit={submit} noValidate>
        <Stack gap="lg">
          <FormAlert title={editing ? t('contact.form.saveFailed') : t('contact.form.createFailed')} messages={generalErrors} />

          <FormSection title={t('contact.form.sectionPerson')} description={t('contact.hints.name')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Field.Text label={t('contact.fields.honorific')} placeholder={t('contact.hints.honorific')} {...fields.input('honorific')} />
              <Field.Text label={t('contact.fields.givenName')} autoFocus {...fields.input('given_name')} />
              <Field.Text label={t('contact.fields.familyName')} {...fields.input('family_name')} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field.Text
                label={t('contact.fields.nameLocal')}
                description={t('contact.hints.nameLocal')}
                dir="auto"
                {...fields.input('name_local')}
              />
              <Field.Select label={t('contact.fields.gender')} data={genderOptions(t)} clearable placeholder={t('common.notSet')} {...fields.input('gender')} />
            </SimpleGrid>
            <Field.MultiSelect
              label={t('contact.fields.languages')}
              data={languageData}
              searchable
              clearable
              hidePickedOptions
              value={form.values.languages}
              onChange={fields.set('languages')}
              error={form.errors.languages}
            />
          </FormSection>

          <FormSection title={t('contact.form.sectionPositions')} description={t('contact.hints.positions')}>
            <PositionsEditor rows={form.values.positions} errors={form.errors} fields={fields} />
          </FormSection>

          <FormSection title={t('contact.form.sectionReach')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field.Text label={t('contact.fields.email')} type="email" dir="ltr" {...fields.input('email')} />
              <Field.Text label={t('contact.fields.phone')} type="tel" dir="ltr" {...fields.input('phone')} />
              <Field.Country label={t('contact.fields.country')} value={form.values.country_code} onChange={fields.set('country_code')} error={form.errors.country_code} />
              <Field.Text label={t('contact.fields.city')} {...fields.input('city')} />
            </SimpleGrid>
          </FormSection>

          <DuplicateWarning
            kind="contacts"
            probe={{
              given_name: form.values.given_name,
              family_name: form.values.family_name,
              name_local: form.values.name_local,
              email: form.values.email,
              phone: form.values.phone,
              country_code: form.values.country_code,
              exclude_id: contact?.id,
            }}
          />

          <ConsentFields values={form.values} errors={form.errors} fields={fields} />

          <FormSection title={t('contact.form.sectionCare')}>
            <Field.Switch
              label={t('contact.fields.restricted')}
              description={t('contact.restrictedHint')}
              color="red"
              {...fields.input('restricted', { type: 'checkbox' })}
            />
            <Field.Owner
              label={t('contact.fields.owner')}
              value={form.values.owner_id}
              onChange={fields.set('owner_id')}
              officeId={contact?.office_id ?? me?.office_id}
              error={form.errors.owner_id}
              maw={{ sm: '50%' }}
            />
            <Field.Tags label={t('contact.fields.tags')} value={form.values.tags} onChange={fields.set('tags')} error={form.errors.tags} />
            <Field.Lines label={t('contact.fields.notes')} autosize minRows={3} maxRows={10} {...fields.input('notes')} />
          </FormSection>

          <FormActions
            submitLabel={editing ? t('common.save') : t('contact.form.create')}
            saving={saving}
            onCancel={() => void navigate(editing ? `/contacts/${contact.id}` : '/contacts')}
          />
        </Stack>
      </form>

      {editing && (
        <SessionConflictDialog
          session={session}
          onReloaded={(latest) => {
            form.setValues(contactToValues(latest));
            form.resetDirty();
            form.clearErrors();
          }}
          onSaved={saved}
        />
      )}
    </Stack>
  );
}

/** A contact's roles, one row each: where, as what, from when to when. */
const PositionsEditor = memoField(function PositionsEditor({
  rows,
  errors,
  fields,
}: {
  rows: ContactFormValues['positions'];
  errors: FormErrors;
  fields: FormFields<ContactFormValues>;
}) {
  const { t } = useTranslation();
  const positionsError = errors.positions;
  return (
    <Stack gap="sm">
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('contact.form.noPositions')}
        </Text>
      )}
      {rows.map((row, index) => (
        <Paper key={row.key} withBorder radius="md" p="md" bg="var(--mantine-color-gray-0)" role="group" aria-label={t('contact.form.positionN', { n: index + 1 })}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field.Organization
                label={t('contact.fields.organization')}
                required
                value={row.organization_id}
                onChange={fields.set(`positions.${index}.organization_id`)}
                error={errors[`positions.${index}.organization_id`]}
              />
              <Field.Text label={t('contact.fields.title')} placeholder={t('contact.hints.title')} {...fields.input(`positions.${index}.title`)} />
            </SimpleGrid>
            <Group align="flex-end" gap="md" wrap="wrap">
              <Field.Date
                label={t('contact.fields.startDate')}
                value={row.start_date}
                onChange={fields.set(`positions.${index}.start_date`)}
                error={errors[`positions.${index}.start_date`]}
                w={180}
              />
              <Field.Date
                label={t('contact.fields.endDate')}
                description={t('contact.hints.endDate')}
                value={row.end_date}
                onChange={fields.set(`positions.${index}.end_date`)}
                error={errors[`positions.${index}.end_date`]}
                w={180}
              />
              <Field.Checkbox label={t('contact.fields.primary')} mb={8} {...fields.input(`positions.${index}.primary`, { type: 'checkbox' })} />
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                ms="auto"
                mb={2}
                aria-label={t('contact.form.removePosition', { n: index + 1 })}
                onClick={() => fields.form().removeListItem('positions', index)}
              >
                <IconTrash size={18} aria-hidden="true" />
              </ActionIcon>
            </Group>
          </Stack>
        </Paper>
      ))}
      {positionsError && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {positionsError}
        </Text>
      )}
      <Group>
        <Button variant="light" leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => fields.form().insertListItem('positions', newPosition())}>
          {t('contact.form.addPosition')}
        </Button>
      </Group>
    </Stack>
  );
});
