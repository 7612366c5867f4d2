import { ActionIcon, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconBuildingPlus, IconEdit } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isStale } from '../../api/client';
import { FormAlert } from '../../components/FormParts';
import { QueryError } from '../../components/QueryError';
import { notify } from '../../components/notify';
import { CountrySelect } from '../../components/pickers';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useUserDirectory } from '../../hooks/users';
import { useCreateOffice, useOffices, useUpdateOffice, type Office } from '../../hooks/offices';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';

export function OfficesPanel() {
  const { t } = useTranslation();
  const offices = useOffices();
  const users = useUserDirectory();
  const countries = useCountryOptions();
  const [editing, setEditing] = useState<Office | 'new' | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('admin.officesIntro')}
        </Text>
        <Button leftSection={<IconBuildingPlus size={18} aria-hidden="true" />} onClick={() => setEditing('new')}>
          {t('admin.newOffice')}
        </Button>
      </Group>
      {offices.isError ? (
        <QueryError title={t('admin.officesLoadError')} error={offices.error} onRetry={() => void offices.refetch()} />
      ) : (
        <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={t('admin.officesTable')} aria-busy={offices.isFetching}>
            <Table.Thead bg="var(--mantine-color-gray-0)">
              <Table.Tr>
                <Table.Th scope="col">{t('admin.officeName')}</Table.Th>
                <Table.Th scope="col">{t('admin.country')}</Table.Th>
                <Table.Th scope="col">{t('admin.people')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(offices.data ?? []).map((o) => (
                <Table.Tr key={o.id}>
                  <Table.Td fw={600}>
                    <bdi>{o.name}</bdi>
                  </Table.Td>
                  <Table.Td>{countries.nameOf(o.country_code) || '—'}</Table.Td>
                  <Table.Td>{(users.data ?? []).filter((u) => u.office_id === o.id && u.active).length}</Table.Td>
                  <Table.Td ta="end">
                    <ActionIcon variant="subtle" color="gray" aria-label={t('admin.editOfficeNamed', { name: o.name })} onClick={() => setEditing(o)}>
                      <IconEdit size={18} aria-hidden="true" />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {editing && <OfficeModal office={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}

function OfficeModal({ office, onClose }: { office?: Office; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateOffice();
  const update = useUpdateOffice();
  const mutation = office ? update : create;
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: office?.name ?? '', country_code: (office?.country_code ?? null) as string | null },
    validate: { name: (v: string) => (v.trim() ? null : t('admin.officeNameRequired')) },
  });
  useEffect(() => {
    if (mutation.error) form.setErrors(formErrors(mutation.error, t, ['name', 'country_code']).fieldErrors);
  }, [mutation.error]);
  const { otherErrors, fieldErrors } = formErrors(mutation.error, t, ['name', 'country_code']);
  const general = !mutation.error
    ? []
    : isStale(mutation.error)
      ? [t('conflict.text')]
      : otherErrors.length
        ? otherErrors
        : Object.keys(fieldErrors).length
          ? []
          : [errorMessage(mutation.error, t)];
  const submit = form.onSubmit((v) => {
    const body = { name: v.name.trim(), country_code: v.country_code || null };
    const onSuccess = (saved: Office) => {
      notify.success(t('admin.officeSaved', { name: saved.name }));
      onClose();
    };
    if (office) update.mutate({ id: office.id, version: office.version, patch: body }, { onSuccess });
    else create.mutate(body, { onSuccess });
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={office ? t('admin.editOffice') : t('admin.newOffice')}
      centered
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <FormAlert title={t('admin.saveFailed')} messages={general} />
          <TextInput label={t('admin.officeName')} required data-autofocus {...form.getInputProps('name')} />
          <CountrySelect
            label={t('admin.country')}
            value={form.values.country_code}
            onChange={(v) => form.setFieldValue('country_code', v)}
            error={form.errors.country_code}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {office ? t('common.save') : t('admin.createOffice')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
