import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContact, useContactOptions } from '../../hooks/contacts';

/** A person, found by typing part of the name (either script). */
export function ContactPicker({
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & { value: number | null; onChange: (id: number | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [focused, setFocused] = useState(false);
  const selected = useContact(value);
  const selectedLabel = selected.data?.full_name ?? '';
  // While the box shows the chosen name, offer everyone rather than matches for that name.
  const [term] = useDebouncedValue(search === selectedLabel ? '' : search, 250);
  const options = useContactOptions(term, focused);
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
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      onFocus={(e) => {
        setFocused(true);
        props.onFocus?.(e);
      }}
      filter={({ options: all }) => all}
      nothingFoundMessage={options.isFetching ? t('common.loading') : t('commitmentFilters.noContacts')}
    />
  );
}
