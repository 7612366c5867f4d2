import { MultiSelect, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/dates/DateField';
import type { useUrlFilters } from '../../components/list/useUrlFilters';
import { ContactPicker, CountryMultiSelect, OrganizationPicker, OwnerSelect, TagsSelect } from '../../components/pickers';
import type { InteractionFilter } from '../../hooks/interactions';
import { flattenPages } from '../../hooks/list';
import { useProjects } from '../../hooks/projects';
import { useVisit, useVisits } from '../../hooks/visits';
import { KINDS, STATUSES } from './interactionForm';

type Url = ReturnType<typeof useUrlFilters>;

/** A visit, found by typing part of its title. */
function VisitPicker({ value, onChange, label }: { value: number | null; onChange: (id: number | null) => void; label: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [focused, setFocused] = useState(false);
  const selected = useVisit(value);
  const [term] = useDebouncedValue(search === selected.data?.title ? '' : search, 250);
  const visits = useVisits({ q: term || undefined, sort: '-start_date' }, focused);
  const data = useMemo(() => {
    const list = flattenPages(visits.data?.pages);
    if (selected.data && !list.some((v) => v.id === selected.data.id)) list.unshift(selected.data);
    return list.map((v) => ({ value: String(v.id), label: v.title }));
  }, [visits.data, selected.data]);
  return (
    <Select
      label={label}
      placeholder={value ? undefined : t('list.any')}
      data={data}
      value={value ? String(value) : null}
      onChange={(v) => onChange(v ? Number(v) : null)}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      onFocus={() => setFocused(true)}
      filter={({ options }) => options}
      nothingFoundMessage={visits.isFetching ? t('common.loading') : t('participantPicker.nothing')}
    />
  );
}

/** Every filter API.md names for interactions, kept in the address. */
export function InteractionFilters({ url, filter }: { url: Url; filter: InteractionFilter }) {
  const { t } = useTranslation();
  const projects = useProjects();
  const any = (set: boolean) => (set ? undefined : t('list.any'));
  return (
    <>
      <MultiSelect
        label={t('records.kind')}
        placeholder={any(!!filter.kind?.length)}
        data={KINDS.map((value) => ({ value, label: t(`interaction.kinds.${value}`) }))}
        value={filter.kind ?? []}
        onChange={(v) => url.set({ kind: v })}
        clearable
      />
      <MultiSelect
        label={t('interactionList.status')}
        placeholder={any(!!filter.status?.length)}
        data={STATUSES.map((value) => ({ value, label: t(`interaction.statuses.${value}`) }))}
        value={filter.status ?? []}
        onChange={(v) => url.set({ status: v })}
        clearable
      />
      <CountryMultiSelect
        label={t('interactionList.country')}
        placeholder={any(!!filter.country_code?.length)}
        value={filter.country_code ?? []}
        onChange={(v) => url.set({ country: v })}
      />
      <DateField label={t('interactionList.startsAfter')} value={url.text('from') ?? ''} onChange={(v) => url.set({ from: v })} />
      <DateField label={t('interactionList.startsBefore')} value={url.text('until') ?? ''} onChange={(v) => url.set({ until: v })} />
      <OrganizationPicker
        label={t('interactionList.organization')}
        placeholder={t('list.any')}
        value={filter.organization_id?.[0] ?? null}
        onChange={(id) => url.set({ organization: id })}
      />
      <ContactPicker
        label={t('interactionList.contact')}
        placeholder={t('list.any')}
        value={filter.contact_id?.[0] ?? null}
        onChange={(id) => url.set({ contact: id })}
      />
      <VisitPicker label={t('interactionList.visit')} value={filter.visit_id?.[0] ?? null} onChange={(id) => url.set({ visit: id })} />
      <Select
        label={t('interactionList.project')}
        placeholder={t('list.any')}
        data={(projects.data ?? []).map((p) => ({ value: String(p.id), label: `${p.code} · ${p.name}` }))}
        value={filter.project_id?.[0] ? String(filter.project_id[0]) : null}
        onChange={(v) => url.set({ project: v })}
        searchable
        clearable
      />
      <OwnerSelect label={t('interactionList.owner')} placeholder={t('list.any')} value={filter.owner_id?.[0] ?? null} onChange={(v) => url.set({ owner: v })} />
      <TagsSelect
        label={t('interactionList.tags')}
        placeholder={any(!!filter.tag?.length)}
        value={filter.tag ?? []}
        onChange={(v) => url.set({ tag: v })}
      />
      <Select
        label={t('interactionList.restricted')}
        data={[
          { value: '', label: t('interactionList.any') },
          { value: 'true', label: t('interactionList.restrictedOnly') },
          { value: 'false', label: t('interactionList.openOnly') },
        ]}
        value={filter.restricted ?? ''}
        onChange={(v) => url.set({ restricted: v || null })}
        allowDeselect={false}
      />
    </>
  );
}
