import { Group, MultiSelect, Select, Text, type ComboboxParsedItem, type MultiSelectProps, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useContact, useContactOptions } from '../hooks/contacts';
import { useOffices } from '../hooks/offices';
import { useOrganization, useOrganizationOptions, type Organization } from '../hooks/organizations';
import { useTags } from '../hooks/tags';
import { useUserDirectory } from '../hooks/users';
import { useCountryOptions } from './useCountryOptions';
import { useTagName } from './useNames';

type SelectBase = Omit<SelectProps, 'data' | 'value' | 'onChange'>;
type MultiBase = Omit<MultiSelectProps, 'data' | 'value' | 'onChange'>;

/**
 * What a picker that searches the server as one types shares: the typed
 * text, debounced, and nothing asked before the box is focused. While the
 * box shows the chosen name, everything is offered rather than matches for
 * that name; the server's matches are shown as they come (no second filter).
 */
function useTypedSearch(selectedLabel: string, onFocus: SelectProps['onFocus']) {
  const [search, setSearch] = useState('');
  const [focused, setFocused] = useState(false);
  const [term] = useDebouncedValue(search === selectedLabel ? '' : search, 250);
  return {
    term,
    focused,
    selectProps: {
      searchable: true,
      clearable: true,
      searchValue: search,
      onSearchChange: setSearch,
      onFocus: (e: FocusEvent<HTMLInputElement>) => {
        setFocused(true);
        onFocus?.(e);
      },
      filter: ({ options }: { options: ComboboxParsedItem[] }) => options,
    } satisfies Partial<SelectProps>,
  };
}

/** A person, found by typing part of the name (either script). */
export function ContactPicker({ value, onChange, ...props }: SelectBase & { value: number | null; onChange: (id: number | null) => void }) {
  const { t } = useTranslation();
  const selected = useContact(value);
  const typing = useTypedSearch(selected.data?.full_name ?? '', props.onFocus);
  const options = useContactOptions(typing.term, typing.focused);
  const data = useMemo(() => {
    const list = [...(options.data ?? [])];
    if (selected.data && !list.some((c) => c.id === selected.data.id)) list.unshift(selected.data);
    return list.map((c) => ({ value: String(c.id), label: c.full_name }));
  }, [options.data, selected.data]);
  return (
    <Select
      {...props}
      data={data}
      value={value ? String(value) : null}
      onChange={(v) => onChange(v ? Number(v) : null)}
      {...typing.selectProps}
      nothingFoundMessage={options.isFetching ? t('common.loading') : t('commitmentFilters.noContacts')}
    />
  );
}

/** An organization, found by typing part of its name (either script) or acronym. */
export function OrganizationPicker({
  value,
  onChange,
  exclude,
  ...props
}: SelectBase & {
  value: number | null;
  onChange: (id: number | null, organization?: Organization) => void;
  /** Left out of the choices: an organization cannot be its own parent. */
  exclude?: number;
}) {
  const { t } = useTranslation();
  const selected = useOrganization(value);
  const typing = useTypedSearch(selected.data ? label(selected.data) : '', props.onFocus);
  const options = useOrganizationOptions(typing.term, typing.focused);

  const data = useMemo(() => {
    const list = (options.data ?? []).filter((o) => o.id !== exclude);
    if (selected.data && !list.some((o) => o.id === selected.data.id)) list.unshift(selected.data);
    return list.map((o) => ({ value: String(o.id), label: label(o), organization: o }));
  }, [options.data, selected.data, exclude]);

  const byId = new Map(data.map((d) => [d.value, d.organization]));
  return (
    <Select
      {...props}
      data={data.map(({ value: v, label: l }) => ({ value: v, label: l }))}
      value={value ? String(value) : null}
      onChange={(v) => onChange(v ? Number(v) : null, v ? byId.get(v) : undefined)}
      {...typing.selectProps}
      nothingFoundMessage={options.isFetching ? t('common.loading') : t('pickers.noOrganizations')}
      placeholder={props.placeholder ?? t('pickers.organizationPlaceholder')}
      renderOption={({ option }) => {
        const o = byId.get(option.value);
        return (
          <div>
            <Text size="sm">
              <bdi>{o?.name ?? option.label}</bdi>
              {o?.acronym ? ` (${o.acronym})` : ''}
            </Text>
            {o?.name_local && (
              <Text size="xs" c="dimmed">
                <bdi>{o.name_local}</bdi>
              </Text>
            )}
          </div>
        );
      }}
    />
  );
}

function label(o: Organization) {
  return o.acronym ? `${o.name} (${o.acronym})` : o.name;
}

export function CountrySelect({ value, onChange, ...props }: SelectBase & { value: string | null; onChange: (code: string | null) => void }) {
  const countries = useCountryOptions();
  return <Select {...props} data={countries.options} value={value} onChange={onChange} searchable clearable />;
}

export function CountryMultiSelect({ value, onChange, ...props }: MultiBase & { value: string[]; onChange: (codes: string[]) => void }) {
  const countries = useCountryOptions();
  return <MultiSelect {...props} data={countries.options} value={value} onChange={onChange} searchable clearable />;
}

/** Users to own a record: active users, of one office when given. */
export function OwnerSelect({
  value,
  onChange,
  officeId,
  ...props
}: SelectBase & { value: number | null; onChange: (id: number | null) => void; officeId?: number }) {
  const users = useUserDirectory();
  const data = (users.data ?? [])
    .filter((u) => (u.active || u.id === value) && (officeId === undefined || u.office_id === officeId))
    .map((u) => ({ value: String(u.id), label: u.name || u.email }));
  return (
    <Select {...props} data={data} value={value ? String(value) : null} onChange={(v) => onChange(v ? Number(v) : null)} searchable clearable />
  );
}

export function OfficeSelect({ value, onChange, ...props }: SelectBase & { value: number | null; onChange: (id: number | null) => void }) {
  const offices = useOffices();
  const data = (offices.data ?? []).map((o) => ({ value: String(o.id), label: o.name }));
  return <Select {...props} data={data} value={value ? String(value) : null} onChange={(v) => onChange(v ? Number(v) : null)} />;
}

/** Tags by slug: the SDGs first, in their own order, then themes and custom labels. */
export function TagsSelect({ value, onChange, ...props }: MultiBase & { value: string[]; onChange: (slugs: string[]) => void }) {
  const { t } = useTranslation();
  const tags = useTags();
  const tagName = useTagName();
  const data = useMemo(() => {
    // An archived tag is offered only where it is already picked: records keep it, new ones cannot take it.
    const all = (tags.data ?? []).filter((tag) => !tag.archived_at || value.includes(tag.slug));
    const sdgNumber = (slug: string) => Number(slug.replace('sdg-', ''));
    const group = (kind: 'sdg' | 'theme' | 'custom') =>
      all
        .filter((tag) => tag.kind === kind)
        .sort((a, b) => (kind === 'sdg' ? sdgNumber(a.slug) - sdgNumber(b.slug) : a.name.localeCompare(b.name)))
        .map((tag) => ({ value: tag.slug, label: tagName(tag.slug) }));
    return [
      { group: t('tags.sdg'), items: group('sdg') },
      { group: t('tags.theme'), items: group('theme') },
      { group: t('tags.custom'), items: group('custom') },
    ].filter((g) => g.items.length > 0);
  }, [tags.data, tagName, t, value]);
  return <MultiSelect {...props} data={data} value={value} onChange={onChange} searchable clearable hidePickedOptions />;
}

/** A small line with an organization's two names, for lists and pickers. */
export function OrganizationName({ organization }: { organization: Pick<Organization, 'name' | 'name_local' | 'acronym'> }) {
  return (
    <Group gap={6} wrap="wrap">
      <bdi>{organization.name}</bdi>
      {organization.name_local && (
        <Text span c="dimmed" size="sm">
          <bdi>{organization.name_local}</bdi>
        </Text>
      )}
    </Group>
  );
}
