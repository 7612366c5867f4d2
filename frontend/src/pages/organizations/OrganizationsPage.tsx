import { Anchor, Badge, CloseButton, Group, MultiSelect, Stack, Text } from '@mantine/core';
import { IconBuildingCommunity, IconPlus } from '@tabler/icons-react';
import type { QueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ScoreMeter } from '../../components/ScoreMeter';
import { TagList } from '../../components/TagList';
import { prefetchListPage, RecordListPage, type ListResource } from '../../components/list/RecordListPage';
import { ORGANIZATION_LEVELS, ORGANIZATION_TYPES, levelOptions, typeOptions } from '../../components/organizationOptions';
import { CountryMultiSelect, OfficeSelect, OwnerSelect, TagsSelect } from '../../components/pickers';
import {
  organizationsQuery,
  prefetchOrganization,
  useOrganization,
  useOrganizationCount,
  useOrganizations,
  useRestoreOrganization,
  type Organization,
  type OrganizationFilter,
  type OrganizationSort,
} from '../../hooks/organizations';
import { prefetchTimeline } from '../../hooks/timeline';

const SORTS = ['name', '-name', '-updated_at', '-created_at'] as const satisfies readonly OrganizationSort[];
const OPTIONAL_COLUMNS = ['type', 'level', 'country', 'office', 'owner', 'tags', 'mapping', 'updated'] as const;
type OrganizationColumn = (typeof OPTIONAL_COLUMNS)[number];

/** "Children of …", shown while the list is narrowed to one organization's sub-units. */
function ParentFilter({ parentId, onRemove }: { parentId: number | undefined; onRemove: () => void }) {
  const { t } = useTranslation();
  const parent = useOrganization(parentId);
  if (!parent.data) return null;
  return (
    <Badge size="lg" variant="light" tt="none" rightSection={<CloseButton size="xs" aria-label={t('list.removeFilter')} onClick={onRemove} />}>
      {t('organizations.childrenOf', { name: '\u2068' + parent.data.name + '\u2069' })}
    </Badge>
  );
}

/** The organizations list: `/organizations?type=ministry,ngo&country=BA`. */
const organizations: ListResource<Organization, (typeof SORTS)[number], OrganizationFilter, OrganizationColumn> = {
  path: '/organizations',
  exportPath: '/api/v1/organizations/export',
  storageKey: 'organizations',
  useList: useOrganizations,
  prefetchList: (queryClient, filter) => queryClient.prefetchInfiniteQuery(organizationsQuery(filter)),
  useCount: useOrganizationCount,
  useRestore: useRestoreOrganization,
  sorts: SORTS,
  defaultSort: 'name',
  readFilter: (url) => ({
    type: url.oneOf('type', ORGANIZATION_TYPES),
    level: url.oneOf('level', ORGANIZATION_LEVELS),
    country_code: url.list('country'),
    office_id: url.ids('office'),
    owner_id: url.ids('owner'),
    tag: url.list('tag'),
    parent_id: url.ids('parent'),
  }),
  filterKeys: ['q', 'type', 'level', 'country', 'office', 'owner', 'tag', 'parent'],
  optionalColumns: OPTIONAL_COLUMNS,
  defaultColumns: ['type', 'level', 'country', 'owner', 'updated'],
  columnLabels: (t) => ({
    type: t('organization.fields.type'),
    level: t('organization.fields.level'),
    country: t('organization.fields.country'),
    office: t('organization.fields.office'),
    owner: t('organization.fields.owner'),
    tags: t('organization.fields.tags'),
    mapping: t('organization.fields.mapping'),
    updated: t('organization.fields.updated'),
  }),
  nameColumn: ({ t, archived }) => ({
    id: 'name',
    header: t('organization.fields.name'),
    cell: (o) => (
      <Stack gap={0}>
        <Group gap={6} wrap="wrap">
          {archived ? (
            <Text fw={600} size="sm">
              <bdi>{o.name}</bdi>
            </Text>
          ) : (
            <Anchor component={Link} to={`/organizations/${o.id}`} fw={600} size="sm">
              <bdi>{o.name}</bdi>
            </Anchor>
          )}
          {o.acronym && (
            <Badge variant="outline" color="gray" size="sm" radius="sm" tt="none">
              {o.acronym}
            </Badge>
          )}
        </Group>
        {o.name_local && (
          <Text size="sm" c="dimmed">
            <bdi>{o.name_local}</bdi>
          </Text>
        )}
      </Stack>
    ),
  }),
  columns: ({ t, format, countries, userName, officeName, archived }) => {
    const labels = organizations.columnLabels(t);
    return {
      type: {
        id: 'type',
        header: labels.type,
        nowrap: true,
        cell: (o) => (
          <Badge variant="light" radius="sm" tt="none" fw={500} styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}>
            {t(`organization.types.${o.type}`)}
          </Badge>
        ),
      },
      level: { id: 'level', header: labels.level, cell: (o) => (o.level ? t(`organization.levels.${o.level}`) : '—') },
      country: {
        id: 'country',
        header: labels.country,
        cell: (o) => (
          <>
            <Text size="sm">{countries.nameOf(o.country_code) || '—'}</Text>
            {o.city && (
              <Text size="xs" c="dimmed">
                <bdi>{o.city}</bdi>
              </Text>
            )}
          </>
        ),
      },
      office: { id: 'office', header: labels.office, cell: (o) => officeName(o.office_id) || '—' },
      owner: { id: 'owner', header: labels.owner, cell: (o) => userName(o.owner_id) || '—' },
      tags: { id: 'tags', header: labels.tags, cell: (o) => (o.tags.length ? <TagList tags={o.tags} max={3} /> : '—') },
      mapping: {
        id: 'mapping',
        header: labels.mapping,
        cell: (o) =>
          o.influence || o.interest ? (
            <Stack gap={2}>
              <Group gap={4} wrap="nowrap">
                <Text size="xs" c="dimmed" w={60}>
                  {t('organization.influenceShort')}
                </Text>
                <ScoreMeter value={o.influence} />
              </Group>
              <Group gap={4} wrap="nowrap">
                <Text size="xs" c="dimmed" w={60}>
                  {t('organization.interestShort')}
                </Text>
                <ScoreMeter value={o.interest} />
              </Group>
            </Stack>
          ) : (
            '—'
          ),
      },
      updated: {
        id: 'updated',
        header: archived ? t('organization.fields.archivedAt') : labels.updated,
        nowrap: true,
        cell: (o) => (
          <Text size="sm" c="dimmed">
            {format.date(archived ? (o.archived_at ?? o.updated_at) : o.updated_at)}
          </Text>
        ),
      },
    };
  },
  displayName: (o) => o.name,
  // A pointer on a row starts what the record's page shows first: the record and its timeline.
  prefetch: (queryClient, id) => Promise.all([prefetchOrganization(queryClient, id), prefetchTimeline(queryClient, 'organization', id)]),
  Filters: function OrganizationFilters({ url, filter }) {
    const { t } = useTranslation();
    return (
      <>
        <MultiSelect
          label={t('organization.fields.type')}
          placeholder={filter.type?.length ? undefined : t('list.any')}
          data={typeOptions(t)}
          value={filter.type ?? []}
          onChange={(v) => url.set({ type: v })}
          searchable
          clearable
        />
        <CountryMultiSelect
          label={t('organization.fields.country')}
          placeholder={filter.country_code?.length ? undefined : t('list.any')}
          value={filter.country_code ?? []}
          onChange={(v) => url.set({ country: v })}
        />
        <MultiSelect
          label={t('organization.fields.level')}
          placeholder={filter.level?.length ? undefined : t('list.any')}
          data={levelOptions(t)}
          value={filter.level ?? []}
          onChange={(v) => url.set({ level: v })}
          clearable
        />
        <OfficeSelect
          label={t('organization.fields.office')}
          placeholder={t('list.any')}
          value={filter.office_id?.[0] ?? null}
          onChange={(v) => url.set({ office: v })}
          clearable
        />
        <OwnerSelect label={t('organization.fields.owner')} placeholder={t('list.any')} value={filter.owner_id?.[0] ?? null} onChange={(v) => url.set({ owner: v })} />
        <TagsSelect
          label={t('organization.fields.tags')}
          placeholder={filter.tag?.length ? undefined : t('list.any')}
          value={filter.tag ?? []}
          onChange={(v) => url.set({ tag: v })}
        />
      </>
    );
  },
  Extras: ({ url, filter }) => <ParentFilter parentId={filter.parent_id?.[0]} onRemove={() => url.set({ parent: null })} />,
  texts: (t) => ({
    title: t('organizations.title'),
    subtitle: t('organizations.subtitle'),
    searchPlaceholder: t('organizations.searchPlaceholder'),
    newLabel: t('organizations.new'),
    sortLabel: (sort) => t(`organizations.sorts.${sort}`),
    loadError: t('organizations.loadError'),
    noMatchesTitle: t('organizations.noMatchesTitle'),
    noMatchesText: t('organizations.noMatchesText'),
    emptyTitle: t('organizations.emptyTitle'),
    emptyText: t('organizations.emptyText'),
    noArchivedTitle: t('organizations.noArchivedTitle'),
    noArchivedText: t('organizations.noArchivedText'),
    tableCaption: t('organizations.tableCaption'),
    archivedTableCaption: t('organizations.archivedTableCaption'),
    noun: (n, shown) => t('organizations.count', { count: n, formatted: shown }),
  }),
  newIcon: <IconPlus size={18} aria-hidden="true" />,
  emptyIcon: <IconBuildingCommunity size={28} aria-hidden="true" />,
};

export function OrganizationsPage() {
  return <RecordListPage resource={organizations} />;
}

/** What the organizations page draws, started before it is drawn (src/pageData.ts). */
export function prefetchOrganizationsPage(queryClient: QueryClient, search: string) {
  return prefetchListPage(queryClient, organizations, search);
}
