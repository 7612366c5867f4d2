import { Button, Group, MultiSelect, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FiltersPanel, SearchField } from '../../components/list/ListParts';
import { CountrySelect, OrganizationPicker } from '../../components/pickers';
import { useContactOptions } from '../../hooks/contacts';
import { useProjects } from '../../hooks/projects';
import { useContact } from '../../hooks/contacts';
import { useOffices } from '../../hooks/offices';
import { useUserDirectory } from '../../hooks/users';
import { STATUSES, hasFilters, type CommitmentFilters } from './commitmentFilters';

/** Every filter of the commitments list; each change goes to the address. */
export function CommitmentFiltersPanel({
  filters,
  onChange,
  onClear,
}: {
  filters: CommitmentFilters;
  onChange: (patch: Partial<CommitmentFilters>) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const users = useUserDirectory();
  const offices = useOffices();
  const projects = useProjects();
  const ids = (values: string[]) => values.map(Number);
  const strings = (values: number[]) => values.map(String);
  const userOptions = useMemo(() => (users.data ?? []).map((u) => ({ value: String(u.id), label: u.name || u.email })), [users.data]);
  const officeOptions = (offices.data ?? []).map((o) => ({ value: String(o.id), label: o.name }));
  const projectOptions = (projects.data ?? []).map((p) => ({ value: String(p.id), label: `${p.code} — ${p.name}` }));
  return (
    <FiltersPanel label={t('list.filters')}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <SearchField label={t('list.search')} value={filters.q ?? ''} onChange={(q) => onChange({ q })} />
        <MultiSelect
          label={t('records.status')}
          placeholder={filters.status.length ? undefined : t('list.any')}
          data={STATUSES.map((value) => ({ value, label: t(`commitment.statuses.${value}`) }))}
          value={filters.status}
          onChange={(v) => onChange({ status: v as CommitmentFilters['status'] })}
          clearable
        />
        <MultiSelect
          label={t('commitments.owner')}
          placeholder={filters.owner.length ? undefined : t('list.any')}
          data={userOptions}
          value={strings(filters.owner)}
          onChange={(v) => onChange({ owner: ids(v) })}
          searchable
          clearable
        />
        <MultiSelect
          label={t('commitmentFilters.office')}
          placeholder={filters.office.length ? undefined : t('list.any')}
          data={officeOptions}
          value={strings(filters.office)}
          onChange={(v) => onChange({ office: ids(v) })}
          clearable
        />
        <MultiSelect
          label={t('commitmentFilters.project')}
          placeholder={filters.project.length ? undefined : t('list.any')}
          data={projectOptions}
          value={strings(filters.project)}
          onChange={(v) => onChange({ project: ids(v) })}
          searchable
          clearable
        />
        <OrganizationPicker
          label={t('commitmentFilters.organization')}
          value={filters.organization[0] ?? null}
          onChange={(id) => onChange({ organization: id ? [id] : [] })}
        />
        <ContactPicker value={filters.contact[0] ?? null} onChange={(id) => onChange({ contact: id ? [id] : [] })} />
        <CountrySelect
          label={t('commitmentFilters.country')}
          placeholder={t('list.any')}
          value={filters.country ?? null}
          onChange={(country) => onChange({ country: country ?? undefined })}
        />
        <TextInput
          type="date"
          label={t('commitmentFilters.dueAfter')}
          value={filters.dueAfter ?? ''}
          onChange={(e) => onChange({ dueAfter: e.currentTarget.value || undefined })}
        />
        <TextInput
          type="date"
          label={t('commitmentFilters.dueBefore')}
          value={filters.dueBefore ?? ''}
          onChange={(e) => onChange({ dueBefore: e.currentTarget.value || undefined })}
        />
        <Group align="flex-end" pb={8}>
          <Switch label={t('commitments.overdueOnly')} checked={filters.overdue} onChange={(e) => onChange({ overdue: e.currentTarget.checked })} />
        </Group>
        <Group align="flex-end" justify="flex-end">
          <Button variant="subtle" leftSection={<IconFilterOff size={16} aria-hidden="true" />} onClick={onClear} disabled={!hasFilters(filters)}>
            {t('list.clearFilters')}
          </Button>
        </Group>
      </SimpleGrid>
    </FiltersPanel>
  );
}

/** A counterpart contact, found by typing part of the name. */
function ContactPicker({ value, onChange }: { value: number | null; onChange: (id: number | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [focused, setFocused] = useState(false);
  const selected = useContact(value);
  const selectedLabel = selected.data?.full_name ?? '';
  const [term] = useDebouncedValue(search === selectedLabel ? '' : search, 250);
  const options = useContactOptions(term, focused);
  const data = useMemo(() => {
    const list = [...(options.data ?? [])];
    if (selected.data && !list.some((c) => c.id === selected.data.id)) list.unshift(selected.data);
    return list.map((c) => ({ value: String(c.id), label: c.full_name }));
  }, [options.data, selected.data]);
  return (
    <Select
      label={t('commitmentFilters.contact')}
      placeholder={t('list.any')}
      data={data}
      value={value ? String(value) : null}
      onChange={(v) => onChange(v ? Number(v) : null)}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      onFocus={() => setFocused(true)}
      filter={({ options: all }) => all}
      nothingFoundMessage={options.isFetching ? t('common.loading') : t('commitmentFilters.noContacts')}
    />
  );
}
