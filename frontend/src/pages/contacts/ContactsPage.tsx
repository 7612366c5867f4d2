import type { QueryClient } from '@tanstack/react-query';
import { Anchor, Group, MultiSelect, Select, Stack, Text } from '@mantine/core';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { telHref } from '../../components/DetailList';
import { RestrictedBadge } from '../../components/RestrictedBadge';
import { SaveContactCardsButton } from '../../components/cards/SaveContactCards';
import { TagList } from '../../components/TagList';
import { prefetchListPage, RecordListPage, type ListResource } from '../../components/list/RecordListPage';
import { GENDER_VALUES, genderOptions } from '../../components/options';
import { CountryMultiSelect, OfficeSelect, OrganizationPicker, OwnerSelect, TagsSelect } from '../../components/pickers';
import { contactsQuery, prefetchContact, useContactCount, useContacts, useRestoreContact, type Contact, type ContactFilter, type ContactSort } from '../../hooks/contacts';
import { useOrganizationName } from '../../hooks/organizationNames';
import { prefetchTimeline } from '../../hooks/timeline';
import { isCurrent, sortPositions } from './positions';

const SORTS = ['name', 'full_name', '-updated_at', '-created_at'] as const satisfies readonly ContactSort[];
const OPTIONAL_COLUMNS = ['position', 'country', 'email', 'phone', 'languages', 'office', 'owner', 'tags', 'updated'] as const;
type ContactColumn = (typeof OPTIONAL_COLUMNS)[number];

/** The organization and title a contact holds now, the primary one first. */
function CurrentPosition({ contact }: { contact: Contact }) {
  const position = sortPositions(contact.positions).find(isCurrent);
  const organization = useOrganizationName(position?.organization_id);
  if (!position) return <>—</>;
  return (
    <Stack gap={0}>
      {position.title && (
        <Text size="sm">
          <bdi>{position.title}</bdi>
        </Text>
      )}
      {organization.data && (
        <Text size="xs" c="dimmed">
          <bdi>{organization.data.acronym || organization.data.name}</bdi>
        </Text>
      )}
    </Stack>
  );
}

const nameOf = (c: Contact) => c.full_name || c.name_local;

/** The contacts list: `/contacts?organization=3&restricted=true`. */
const contacts: ListResource<Contact, (typeof SORTS)[number], ContactFilter, ContactColumn> = {
  path: '/contacts',
  exportPath: '/api/v1/contacts/export',
  storageKey: 'contacts',
  useList: useContacts,
  prefetchList: (queryClient, filter) => queryClient.prefetchInfiniteQuery(contactsQuery(filter)),
  useCount: useContactCount,
  useRestore: useRestoreContact,
  sorts: SORTS,
  defaultSort: 'name',
  readFilter: (url) => {
    const restricted = url.text('restricted');
    return {
      gender: url.oneOf('gender', GENDER_VALUES),
      country_code: url.list('country'),
      organization_id: url.ids('organization'),
      office_id: url.ids('office'),
      owner_id: url.ids('owner'),
      tag: url.list('tag'),
      restricted: restricted === 'true' || restricted === 'false' ? restricted : undefined,
    };
  },
  filterKeys: ['q', 'gender', 'country', 'organization', 'office', 'owner', 'tag', 'restricted'],
  optionalColumns: OPTIONAL_COLUMNS,
  defaultColumns: ['position', 'country', 'email', 'owner', 'updated'],
  columnLabels: (t) => ({
    position: t('contact.fields.currentPosition'),
    country: t('contact.fields.country'),
    email: t('contact.fields.email'),
    phone: t('contact.fields.phone'),
    languages: t('contact.fields.languages'),
    office: t('contact.fields.office'),
    owner: t('contact.fields.owner'),
    tags: t('contact.fields.tags'),
    updated: t('organization.fields.updated'),
  }),
  nameColumn: ({ t, archived }) => ({
    id: 'name',
    header: t('contact.fields.name'),
    cell: (c) => (
      <Stack gap={0}>
        <Group gap={6} wrap="wrap">
          {archived ? (
            <Text fw={600} size="sm">
              <bdi>{nameOf(c)}</bdi>
            </Text>
          ) : (
            <Anchor component={Link} to={`/contacts/${c.id}`} fw={600} size="sm">
              <bdi>{nameOf(c)}</bdi>
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
  }),
  columns: ({ t, format, countries, userName, officeName, archived }) => {
    const labels = contacts.columnLabels(t);
    return {
      position: { id: 'position', header: labels.position, cell: (c) => <CurrentPosition contact={c} /> },
      country: {
        id: 'country',
        header: labels.country,
        cell: (c) => {
          const place = [c.city, countries.nameOf(c.country_code)].filter(Boolean).join(t('common.separator'));
          return place ? <bdi>{place}</bdi> : '—';
        },
      },
      email: {
        id: 'email',
        header: labels.email,
        cell: (c) =>
          c.email ? (
            <Anchor href={`mailto:${c.email}`} size="sm" dir="ltr">
              {c.email}
            </Anchor>
          ) : (
            '—'
          ),
      },
      phone: {
        id: 'phone',
        header: labels.phone,
        nowrap: true,
        cell: (c) =>
          c.phone ? (
            <Anchor href={telHref(c.phone)} size="sm" dir="ltr">
              {c.phone}
            </Anchor>
          ) : (
            '—'
          ),
      },
      languages: { id: 'languages', header: labels.languages, cell: (c) => c.languages.map(format.language).join(t('common.separator')) || '—' },
      office: { id: 'office', header: labels.office, cell: (c) => officeName(c.office_id) || '—' },
      owner: { id: 'owner', header: labels.owner, cell: (c) => userName(c.owner_id) || '—' },
      tags: { id: 'tags', header: labels.tags, cell: (c) => (c.tags.length ? <TagList tags={c.tags} max={3} /> : '—') },
      updated: {
        id: 'updated',
        header: archived ? t('organization.fields.archivedAt') : labels.updated,
        nowrap: true,
        cell: (c) => (
          <Text size="sm" c="dimmed">
            {format.date(archived ? (c.archived_at ?? c.updated_at) : c.updated_at)}
          </Text>
        ),
      },
    };
  },
  displayName: nameOf,
  // A pointer on a row starts what the record's page shows first: the record and its timeline.
  prefetch: (queryClient, id) => Promise.all([prefetchContact(queryClient, id), prefetchTimeline(queryClient, 'contact', id)]),
  Filters: function ContactFilters({ url, filter }) {
    const { t } = useTranslation();
    return (
      <>
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
      </>
    );
  },
  Extras: function RestrictedFilterAndCards({ url, filter }) {
    const { t } = useTranslation();
    return (
      <>
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
        <SaveContactCardsButton filter={filter} />
      </>
    );
  },
  texts: (t) => ({
    title: t('contacts.title'),
    subtitle: t('contacts.subtitle'),
    searchPlaceholder: t('contacts.searchPlaceholder'),
    newLabel: t('contacts.new'),
    sortLabel: (sort) => t(`contacts.sorts.${sort}`),
    loadError: t('contacts.loadError'),
    noMatchesTitle: t('contacts.noMatchesTitle'),
    noMatchesText: t('contacts.noMatchesText'),
    emptyTitle: t('contacts.emptyTitle'),
    emptyText: t('contacts.emptyText'),
    noArchivedTitle: t('contacts.noArchivedTitle'),
    noArchivedText: t('organizations.noArchivedText'),
    tableCaption: t('contacts.tableCaption'),
    archivedTableCaption: t('contacts.archivedTableCaption'),
    noun: (n, shown) => t('contacts.count', { count: n, formatted: shown }),
  }),
  newIcon: <IconUserPlus size={18} aria-hidden="true" />,
  emptyIcon: <IconUsers size={28} aria-hidden="true" />,
};

export function ContactsPage() {
  return <RecordListPage resource={contacts} />;
}

/** What the contacts page draws, started before it is drawn (src/pageData.ts). */
export function prefetchContactsPage(queryClient: QueryClient, search: string) {
  return prefetchListPage(queryClient, contacts, search);
}
