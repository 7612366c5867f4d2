import { Alert, Button, Divider, Group, Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { isNotEmpty, useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { serverFieldErrors } from '../../api/client';
import { notify } from '../../components/notify';
import { levelOptions, typeOptions } from '../../components/organizationOptions';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useCreateOrganization, type CreateOrganizationInput, type Organization } from '../../hooks/organizations';
import { errorMessage } from '../../i18n/errorMessage';

interface FormValues {
  name: string;
  name_local: string;
  acronym: string;
  type: string | null;
  level: string | null;
  country_code: string | null;
  city: string;
  website: string;
  email: string;
  phone: string;
  description: string;
  influence: string | null;
  interest: string | null;
}

const EMPTY: FormValues = {
  name: '',
  name_local: '',
  acronym: '',
  type: null,
  level: null,
  country_code: null,
  city: '',
  website: '',
  email: '',
  phone: '',
  description: '',
  influence: null,
  interest: null,
};

const FIELDS = Object.keys(EMPTY);
const SCORES = ['1', '2', '3', '4', '5'];

/** Only what the person filled in is sent; the server fills in the rest. */
function toRequest(values: FormValues): CreateOrganizationInput {
  const body: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(values)) {
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === null || value === '') continue;
    body[key] = key === 'influence' || key === 'interest' ? Number(value) : value;
  }
  return body as CreateOrganizationInput;
}

export function CreateOrganizationModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated?: (organization: Organization) => void;
}) {
  const { t } = useTranslation();
  const countries = useCountryOptions();
  const create = useCreateOrganization();

  const form = useForm<FormValues>({
    mode: 'controlled',
    initialValues: EMPTY,
    validate: {
      name: isNotEmpty(t('organization.create.nameRequired')),
      type: isNotEmpty(t('organization.create.typeRequired')),
    },
  });

  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };

  const submit = form.onSubmit((values) => {
    create.mutate(toRequest(values), {
      onSuccess: (organization) => {
        notify.success(t('organization.create.success', { name: organization.name }));
        onCreated?.(organization);
        close();
      },
      onError: (error) => form.setErrors(serverFieldErrors(error, FIELDS).fieldErrors),
    });
  });

  const { otherErrors, fieldErrors } = serverFieldErrors(create.error, FIELDS);
  const showAlert = create.isError && (otherErrors.length > 0 || Object.keys(fieldErrors).length === 0);
  const scoreData = SCORES.map((value) => ({ value, label: value }));

  return (
    <Modal opened={opened} onClose={close} title={t('organization.create.title')}
      size="lg"
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {showAlert && (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} title={t('organization.create.failed')} role="alert">
              {otherErrors.length ? otherErrors.join(' ') : errorMessage(create.error, t)}
            </Alert>
          )}

          <Divider label={t('organization.create.sectionIdentity')} labelPosition="left" />
          <TextInput label={t('organization.fields.name')} required data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('organization.fields.nameLocal')}
              description={t('organization.hints.nameLocal')}
              dir="auto"
              {...form.getInputProps('name_local')}
            />
            <TextInput label={t('organization.fields.acronym')} {...form.getInputProps('acronym')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label={t('organization.fields.type')} required data={typeOptions(t)} searchable {...form.getInputProps('type')} />
            <Select label={t('organization.fields.level')} data={levelOptions(t)} clearable {...form.getInputProps('level')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('organization.fields.country')}
              data={countries.options}
              searchable
              clearable
              {...form.getInputProps('country_code')}
            />
            <TextInput label={t('organization.fields.city')} {...form.getInputProps('city')} />
          </SimpleGrid>

          <Divider label={t('organization.create.sectionContact')} labelPosition="left" mt="xs" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('organization.fields.website')} type="url" dir="ltr" {...form.getInputProps('website')} />
            <TextInput label={t('organization.fields.email')} type="email" dir="ltr" {...form.getInputProps('email')} />
            <TextInput label={t('organization.fields.phone')} type="tel" dir="ltr" {...form.getInputProps('phone')} />
          </SimpleGrid>
          <Textarea label={t('organization.fields.description')} autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />

          <Divider label={t('organization.create.sectionMapping')} labelPosition="left" mt="xs" />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('organization.fields.influence')}
              description={t('organization.hints.score')}
              placeholder={t('common.notSet')}
              data={scoreData}
              clearable
              {...form.getInputProps('influence')}
            />
            <Select
              label={t('organization.fields.interest')}
              description={t('organization.hints.score')}
              placeholder={t('common.notSet')}
              data={scoreData}
              clearable
              {...form.getInputProps('interest')}
            />
          </SimpleGrid>

          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('organization.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
