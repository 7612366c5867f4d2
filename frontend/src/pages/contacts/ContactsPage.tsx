import { Anchor, Button, Group, MultiSelect, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconRestore, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { canCreate, canRestore } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { RestrictedBadge } from '../../components/RestrictedBadge';
import { TagList } from '../../components/TagList';
import { ColumnsMenu } from '../../components/list/ColumnsMenu';
import { ArchivedSwitch, FiltersPanel, LoadingNote, SearchField } from '../../components/list/ListParts';
import { useStoredColumns } from '../../components/list/useStoredColumns';
import { useUrlFilters } from '../../components/list/useUrlFilters';
import { ListResults } from '../../components/list/ListResults';
import { type Column } from '../../components/list/VirtualTable';
import { notify } from '../../components/notify';
import { GENDER_VALUES, genderOptions } from '../../components/options';
import { CountryMultiSelect, OfficeSelect, OrganizationPicker, OwnerSelect, TagsSelect } from '../../components/pickers';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { useOfficeName, useUserName } from '../../components/useNames';
import { useMe } from '../../hooks/auth';
import { useContactCount, useContacts, useRestoreContact, type Contact, type ContactFilter, type ContactSort } from '../../hooks/contacts';
import { flattenPages } from '../../hooks/list';
import { useOrganization } from '../../hooks/organizations';
import { errorMessage } from '../../i18n/errorMessage';
import { isCurrent, sortPositions } from './positions';

const SORTS = ['full_name', 'family_name', '-updated_at', '-created_at'] as const satisfies readonly ContactSort[];
const DEFAULT_SORT: ContactSort = 'full_name';
const OPTIONAL_COLUMNS = ['position', 'country', 'email', 'phone', 'languages', 'office', 'owner', 'tags', 'updated'] as const;
const DEFAULT_COLUMNS = ['position', 'country', 'email', 'owner', 'updated'];
const FILTER_KEYS = ['q', 'gender', 'country', 'organization', 'office', 'owner', 'tag', 'restricted'];

function useContactListState() {
  const url = useUrlFilters();
  const sort = url.text('sort');
  const restricted = url.text('restricted');
  const filter: ContactFilter = {
    q: url.text('q'),
    gender: url.oneOf('gender', GENDER_VALUES),
    country_code: url.list('country'),
    organization_id: url.ids('organization'),
    office_id: url.ids('office'),
    owner_id: url.ids('owner'),
    tag: url.list('tag'),
    restricted: restricted === 'true' || restricted === 'false' ? restricted : undefined,
    archived: url.flag('archived') || undefined,
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as ContactSort) : DEFAULT_SORT,
  };
  const filtered = FILTER_KEYS.some((key) => url.params.has(key));
  return { url, filter, filtered };
}

/** The organization and title a contact holds now, the primary one first. */
function CurrentPosition({ contact }: { contact: Contact }) {
  const position = sortPositions(contact.positions).find(isCurrent);
  const organization = useOrganization(position?.organization_id);
  if (!position) return <>—</>;
  return (
    <Stack gap={0}>
      {position.title && <Text size="sm">{position.title}</Text>}
      {organization.data && (
        <Text size="xs" c="dimmed">
          <bdi>{organization.data.acronym || organization.data.name}</bdi>
        </Text>
      )}
    </Stack>
  );
}

export function ContactsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { url, filter, filtered } = useContactListState();
  const archived = Boolean(filter.archived);
  const countries = useCountryOptions();
  const format = useFormat();
  const userName = useUserName();
  const officeName = useOfficeName();
  const restore = useRestoreContact();

  const list = useContacts(filter);
  const items = useMemo(() => flattenPages(list.data?.pages), [list.data]);
  const [countAsked, setCountAsked] = useState(false);
  const count = useContactCount(filter, countAsked);
  const [visible, setVisible] = useStoredColumns('contacts', OPTIONAL_COLUMNS, DEFAULT_COLUMNS);

  const columnLabels: Record<(typeof OPTIONAL_COLUMNS)[number], string> = {
    position: t('contact.fields.currentPosition'),
    country: t('contact.fields.country'),
    email: t('contact.fields.email'),
    phone: t('contact.fields.phone'),
    languages: t('contact.fields.languages'),
    office: t('contact.fields.office'),
    owner: t('contact.fields.owner'),
    tags: t('contact.fields.tags'),
    updated: t('organization.fields.updated'),
  };

  const columns = useMemo(() => {
    const all: Record<string, Column<Contact>> = {
      position: { id: 'position', header: columnLabels.position, cell: (c) => <CurrentPosition contact={c} /> },
      country: {
        id: 'country',
        header: columnLabels.country,
        cell: (c) => [c.city, countries.nameOf(c.country_code)].filter(Boolean).join(t('common.separator')) || '—',
      },
      email: {
        id: 'email',
        header: columnLabels.email,
        cell: (c) =>
          c.email ? (
            <Anchor href={`mailto:${c.email}`} size="sm" dir="ltr">
              {c.email}
            </Anchor>
          ) : (
            '—'
          ),
      },
      phone: { id: 'phone', header: columnLabels.phone, nowrap: true, cell: (c) => (c.phone ? <span dir="ltr">{c.phone}</span> : '—') },
      languages: { id: 'languages', header: columnLabels.languages, cell: (c) => c.languages.map(format.language).join(t('common.separator')) || '—' },
      office: { id: 'office', header: columnLabels.office, cell: (c) => officeName(c.office_id) || '—' },
      owner: { id: 'owner', header: columnLabels.owner, cell: (c) => userName(c.owner_id) || '—' },
      tags: { id: 'tags', header: columnLabels.tags, cell: (c) => (c.tags.length ? <TagList tags={c.tags} max={3} /> : '—') },
      updated: {
        id: 'updated',
        header: archived ? t('organization.fields.archivedAt') : columnLabels.updated,
        nowrap: true,
        cell: (c) => (
          <Text size="sm" c="dimmed">
            {format.date(archived ? (c.archived_at ?? c.updated_at) : c.updated_at)}
          </Text>
        ),
      },
    };
    const name: Column<Contact> = {
      id: 'name',
      header: t('contact.fields.name'),
      cell: (c) => (
        <Stack gap={0}>
          <Group gap={6} wrap="wrap">
            {archived ? (
              <Text fw={600} size="sm">
                <bdi>{c.full_name || c.name_local}</bdi>
              </Text>
            ) : (
              <Anchor component={Link} to={`/contacts/${c.id}`} fw={600} size="sm">
                <bdi>{c.full_name || c.name_local}</bdi>
              </Anchor>
            )}
            {c.restricted && <RestrictedBadge size="xs" />}
          </Group>
          {c.name_local && c.full_name && (
            <Text size="sm" c="dimmed">
              <bdi>{c.name_local}</bdi>
            </Text>
          )}
        </Stack>
      ),
    };
    const chosen = [name, ...visible.map((id) => all[id]!).filter(Boolean)];
    if (archived) {
      chosen.push({
        id: 'actions',
        header: t('common.actions'),
        nowrap: true,
        cell: (c) =>
          canRestore(me, c) ? (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconRestore size={14} aria-hidden="true" />}
              loading={restore.isPending && restore.variables === c.id}
              aria-label={t('list.restoreNamed', { name: c.full_name || c.name_local })}
              onClick={() =>
                restore.mutate(c.id, {
                  onSuccess: (restored) => notify.success(t('list.restored', { name: restored.full_name || restored.name_local })),
                  onError: (error) => notify.warning(errorMessage(error, t)),
                })
              }
            >
              {t('list.restore')}
            </Button>
          ) : (
            <Text size="xs" c="dimmed">
              {t('list.restoreByManager')}
            </Text>
          ),
      });
    }
    return chosen;
  }, [visible, archived, countries, format, officeName, userName, t, me, restore.isPending, restore.variables]);

  const newButton = canCreate(me) ? (
    <Button component={Link} to="/contacts/new" leftSection={<IconUserPlus size={18} aria-hidden="true" />}>
      {t('contacts.new')}
    </Button>
  ) : null;
  const clear = () => url.clear(archived ? ['archived', 'sort'] : ['sort']);

  return (
    <Stack gap="md">
      <PageHeader title={t('contacts.title')} description={t('contacts.subtitle')} actions={newButton} />

      <FiltersPanel label={t('list.filters')}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="sm">
            <SearchField label={t('list.search')} placeholder={t('contacts.searchPlaceholder')} value={filter.q ?? ''} onChange={(q) => url.set({ q })} />
            <OrganizationPicker
              label={t('contact.fields.organization')}
              placeholder={t('list.any')}
              value={filter.organization_id?.[0] ?? null}
              onChange={(v) => url.set({ organization: v })}
            />
            <CountryMultiSelect
              label={t('contact.fields.country')}
              placeholder={filter.country_code?.length ? undefined : t('list.any')}
              value={filter.country_code ?? []}
              onChange={(v) => url.set({ country: v })}
            />
            <MultiSelect
              label={t('contact.fields.gender')}
              placeholder={filter.gender?.length ? undefined : t('list.any')}
              data={genderOptions(t)}
              value={filter.gender ?? []}
              onChange={(v) => url.set({ gender: v })}
              clearable
            />
            <OfficeSelect
              label={t('contact.fields.office')}
              placeholder={t('list.any')}
              value={filter.office_id?.[0] ?? null}
              onChange={(v) => url.set({ office: v })}
              clearable
            />
            <OwnerSelect label={t('contact.fields.owner')} placeholder={t('list.any')} value={filter.owner_id?.[0] ?? null} onChange={(v) => url.set({ owner: v })} />
            <TagsSelect
              label={t('contact.fields.tags')}
              placeholder={filter.tag?.length ? undefined : t('list.any')}
              value={filter.tag ?? []}
              onChange={(v) => url.set({ tag: v })}
            />
            <Select
              label={t('list.sort')}
              data={SORTS.map((value) => ({ value, label: t(`contacts.sorts.${value}`) }))}
              value={filter.sort ?? DEFAULT_SORT}
              onChange={(v) => url.set({ sort: v === DEFAULT_SORT ? null : v })}
              allowDeselect={false}
            />
          </SimpleGrid>
          <Group justify="space-between" gap="sm">
            <Group gap="sm">
              <ArchivedSwitch archived={archived} onChange={(v) => url.set({ archived: v })} />
              <Select
                aria-label={t('contact.fields.restricted')}
                data={[
                  { value: 'all', label: t('contacts.restrictedAll') },
                  { value: 'true', label: t('contacts.restrictedOnly') },
                  { value: 'false', label: t('contacts.restrictedNone') },
                ]}
                value={filter.restricted ?? 'all'}
                onChange={(v) => url.set({ restricted: v === 'all' ? null : v })}
                allowDeselect={false}
                w={220}
              />
            </Group>
            {filtered && (
              <Button variant="subtle" size="compact-sm" onClick={clear}>
                {t('list.clearFilters')}
              </Button>
            )}
          </Group>
        </Stack>
      </FiltersPanel>

      <ListResults
        list={list}
        items={items}
        filtered={filtered}
        archived={archived}
        onClear={clear}
        count={{ asked: countAsked, total: count.data, counting: count.isFetching, ask: () => setCountAsked(true) }}
        texts={{
          loadError: t('contacts.loadError'),
          noMatchesTitle: t('contacts.noMatchesTitle'),
          noMatchesText: t('contacts.noMatchesText'),
          emptyTitle: t('contacts.emptyTitle'),
          emptyText: t('contacts.emptyText'),
          noArchivedTitle: t('contacts.noArchivedTitle'),
          noArchivedText: t('organizations.noArchivedText'),
          tableCaption: t('contacts.tableCaption'),
          archivedTableCaption: t('contacts.archivedTableCaption'),
          noun: (n) => t('contacts.count', { count: n, formatted: format.number(n) }),
        }}
        emptyIcon={<IconUsers size={28} aria-hidden="true" />}
        newButton={newButton}
        columnsMenu={<ColumnsMenu columns={OPTIONAL_COLUMNS.map((id) => ({ id, label: columnLabels[id] }))} visible={visible} onChange={setVisible} />}
        columns={columns}
        rowKey={(c) => c.id}
        onOpen={(c) => void navigate(`/contacts/${c.id}`)}
      />
      <LoadingNote active={list.isFetching && !list.isPending} />
    </Stack>
  );
}
