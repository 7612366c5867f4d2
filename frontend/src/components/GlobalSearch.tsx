import { Combobox, Group, Kbd, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconBuildingCommunity, IconChecklist, IconMessages, IconPlaneDeparture, IconSearch, IconUser } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSearch, type SearchHit, type SearchKind } from '../hooks/search';

const KIND_ORDER: SearchKind[] = ['organization', 'contact', 'visit', 'interaction', 'commitment'];
const ICONS = {
  organization: IconBuildingCommunity,
  contact: IconUser,
  visit: IconPlaneDeparture,
  interaction: IconMessages,
  commitment: IconChecklist,
} as const;

/** Where a hit leads: its page, or its list narrowed to it while those pages are to come. */
export function hitPath(hit: SearchHit): string {
  switch (hit.kind) {
    case 'organization':
      return `/organizations/${hit.id}`;
    case 'contact':
      return `/contacts/${hit.id}`;
    default:
      return `/${hit.kind}s?q=${encodeURIComponent(hit.title)}`;
  }
}

/** The search box in the header: one search over every kind of record ("/" focuses it). */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inputRef = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [term] = useDebouncedValue(value, 200);
  const search = useSearch(term);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const hits = search.data ?? [];
  const ready = term.trim().length >= 2;

  useHotkeys([
    ['/', () => inputRef.current?.focus()],
    ['mod+K', () => inputRef.current?.focus()],
  ]);

  const groups = KIND_ORDER.map((kind) => ({ kind, hits: hits.filter((h) => h.kind === kind) })).filter((g) => g.hits.length > 0);

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(key) => {
        const hit = hits.find((h) => `${h.kind}:${h.id}` === key);
        if (!hit) return;
        setValue('');
        combobox.closeDropdown();
        inputRef.current?.blur();
        void navigate(hitPath(hit));
      }}
      width="target"
      position="bottom-start"
      withinPortal
    >
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          value={value}
          onChange={(event) => {
            setValue(event.currentTarget.value);
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setValue('');
              combobox.closeDropdown();
            }
          }}
          placeholder={t('search.placeholder')}
          aria-label={t('search.label')}
          leftSection={search.isFetching ? <Loader size={14} /> : <IconSearch size={16} aria-hidden="true" />}
          rightSection={
            value ? null : (
              <Kbd size="xs" aria-hidden="true">
                /
              </Kbd>
            )
          }
          w={{ base: 180, sm: 320, lg: 420 }}
          radius="xl"
          type="search"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!ready}>
        <Combobox.Options mah={420} style={{ overflowY: 'auto' }} aria-label={t('search.results')}>
          {ready && !search.isPending && hits.length === 0 && <Combobox.Empty>{t('search.nothing', { term: term.trim() })}</Combobox.Empty>}
          {groups.map((group) => {
            const Icon = ICONS[group.kind];
            return (
              <Combobox.Group key={group.kind} label={t(`search.kinds.${group.kind}`)}>
                {group.hits.map((hit) => (
                  <Combobox.Option key={`${hit.kind}:${hit.id}`} value={`${hit.kind}:${hit.id}`}>
                    <Group gap="sm" wrap="nowrap" align="flex-start">
                      <Icon size={16} aria-hidden="true" style={{ marginTop: 3, flexShrink: 0 }} />
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" fw={500} truncate="end">
                          <bdi>{hit.title}</bdi>
                        </Text>
                        {hit.snippet && hit.snippet !== hit.title && (
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            <bdi>{hit.snippet}</bdi>
                          </Text>
                        )}
                      </div>
                    </Group>
                  </Combobox.Option>
                ))}
              </Combobox.Group>
            );
          })}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
