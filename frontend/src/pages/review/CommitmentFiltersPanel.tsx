import { Button, Group, MultiSelect, SimpleGrid, Switch } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FiltersPanel, SearchField } from '../../components/list/ListParts';
import { ContactPicker, CountrySelect, OrganizationPicker } from '../../components/pickers';
import { DateField, isIsoDate } from '../../components/dates/DateField';
import { useProjects } from '../../hooks/projects';
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
        <ContactPicker
          label={t('commitmentFilters.contact')}
          placeholder={t('list.any')}
          value={filters.contact[0] ?? null}
          onChange={(id) => onChange({ contact: id ? [id] : [] })}
        />
        <CountrySelect
          label={t('commitmentFilters.country')}
          placeholder={t('list.any')}
          value={filters.country ?? null}
          onChange={(country) => onChange({ country: country ?? undefined })}
        />
        {/* Text that is not (yet) a date stays in the box, named at the field, and filters nothing. */}
        <DateField
          label={t('commitmentFilters.dueAfter')}
          value={filters.dueAfter ?? ''}
          onChange={(v) => {
            if (v === '' || isIsoDate(v)) onChange({ dueAfter: v || undefined });
          }}
        />
        <DateField
          label={t('commitmentFilters.dueBefore')}
          value={filters.dueBefore ?? ''}
          onChange={(v) => {
            if (v === '' || isIsoDate(v)) onChange({ dueBefore: v || undefined });
          }}
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
