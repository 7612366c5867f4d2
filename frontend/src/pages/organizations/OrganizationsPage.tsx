import { Anchor, Badge, Button, CloseButton, Group, MultiSelect, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconBuildingCommunity, IconPlus, IconRestore } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { canCreate, canRestore } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { ScoreMeter } from '../../components/ScoreMeter';
import { TagList } from '../../components/TagList';
import { ColumnsMenu } from '../../components/list/ColumnsMenu';
import { ArchivedSwitch, FiltersPanel, LoadingNote, SearchField } from '../../components/list/ListParts';
import { useStoredColumns } from '../../components/list/useStoredColumns';
import { useUrlFilters } from '../../components/list/useUrlFilters';
import { ListResults } from '../../components/list/ListResults';
import { type Column } from '../../components/list/VirtualTable';
import { notify } from '../../components/notify';
import { ORGANIZATION_LEVELS, ORGANIZATION_TYPES, levelOptions, typeOptions } from '../../components/organizationOptions';
import { CountryMultiSelect, OfficeSelect, OwnerSelect, TagsSelect } from '../../components/pickers';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { useOfficeName, useUserName } from '../../components/useNames';
import { useMe } from '../../hooks/auth';
import { flattenPages } from '../../hooks/list';
import {
  useOrganization,
  useOrganizationCount,
  useOrganizations,
  useRestoreOrganization,
  type Organization,
  type OrganizationFilter,
  type OrganizationSort,
} from '../../hooks/organizations';
import { errorMessage } from '../../i18n/errorMessage';

const SORTS = ['name', '-name', '-updated_at', '-created_at'] as const satisfies readonly OrganizationSort[];
const DEFAULT_SORT: OrganizationSort = 'name';
const OPTIONAL_COLUMNS = ['type', 'level', 'country', 'office', 'owner', 'tags', 'mapping', 'updated'] as const;
const DEFAULT_COLUMNS = ['type', 'level', 'country', 'owner', 'updated'];
const FILTER_KEYS = ['q', 'type', 'level', 'country', 'office', 'owner', 'tag', 'parent', 'archived'];

/** Reads the list's state from the address: `/organizations?type=ministry,ngo&country=BA`. */
function useOrganizationListState() {
  const url = useUrlFilters();
  const sort = url.text('sort');
  const filter: OrganizationFilter = {
    q: url.text('q'),
    type: url.oneOf('type', ORGANIZATION_TYPES),
    level: url.oneOf('level', ORGANIZATION_LEVELS),
    country_code: url.list('country'),
    office_id: url.ids('office'),
    owner_id: url.ids('owner'),
    tag: url.list('tag'),
    parent_id: url.ids('parent'),
    archived: url.flag('archived') || undefined,
    sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as OrganizationSort) : DEFAULT_SORT,
  };
  const filtered = FILTER_KEYS.some((key) => key !== 'archived' && url.params.has(key));
  return { url, filter, filtered };
}

export function OrganizationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const { url, filter, filtered } = useOrganizationListState();
  const archived = Boolean(filter.archived);
  const countries = useCountryOptions();
  const format = useFormat();
  const userName = useUserName();
  const officeName = useOfficeName();
  const restore = useRestoreOrganization();
  const parent = useOrganization(filter.parent_id?.[0]);

  const list = useOrganizations(filter);
  const items = useMemo(() => flattenPages(list.data?.pages), [list.data]);
  const [countAsked, setCountAsked] = useState(false);
  const count = useOrganizationCount(filter, countAsked);

  const [visible, setVisible] = useStoredColumns('organizations', OPTIONAL_COLUMNS, DEFAULT_COLUMNS);
  const columnLabels: Record<(typeof OPTIONAL_COLUMNS)[number], string> = {
    type: t('organization.fields.type'),
    level: t('organization.fields.level'),
    country: t('organization.fields.country'),
    office: t('organization.fields.office'),
    owner: t('organization.fields.owner'),
    tags: t('organization.fields.tags'),
    mapping: t('organization.fields.mapping'),
    updated: t('organization.fields.updated'),
  };

  const columns = useMemo(() => {
    const all: Record<string, Column<Organization>> = {
      type: {
        id: 'type',
        header: columnLabels.type,
        nowrap: true,
        cell: (o) => (
          <Badge variant="light" radius="sm" tt="none" fw={500} styles={{ root: { maxWidth: 'none' }, label: { overflow: 'visible' } }}>
            {t(`organization.types.${o.type}`)}
          </Badge>
        ),
      },
      level: { id: 'level', header: columnLabels.level, cell: (o) => (o.level ? t(`organization.levels.${o.level}`) : '—') },
      country: {
        id: 'country',
        header: columnLabels.country,
        cell: (o) => (
          <>
            <Text size="sm">{countries.nameOf(o.country_code) || '—'}</Text>
            {o.city && (
              <Text size="xs" c="dimmed">
                {o.city}
              </Text>
            )}
          </>
        ),
      },
      office: { id: 'office', header: columnLabels.office, cell: (o) => officeName(o.office_id) || '—' },
      owner: { id: 'owner', header: columnLabels.owner, cell: (o) => userName(o.owner_id) || '—' },
      tags: { id: 'tags', header: columnLabels.tags, cell: (o) => (o.tags.length ? <TagList tags={o.tags} max={3} /> : '—') },
      mapping: {
        id: 'mapping',
        header: columnLabels.mapping,
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
        header: archived ? t('organization.fields.archivedAt') : columnLabels.updated,
        nowrap: true,
        cell: (o) => (
          <Text size="sm" c="dimmed">
            {format.date(archived ? (o.archived_at ?? o.updated_at) : o.updated_at)}
          </Text>
        ),
      },
    };
    const name: Column<Organization> = {
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
    };
    const chosen = [name, ...visible.map((id) => all[id]!).filter(Boolean)];
    if (archived) {
      chosen.push({
        id: 'actions',
        header: t('common.actions'),
        nowrap: true,
        cell: (o) =>
          canRestore(me, o) ? (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconRestore size={14} aria-hidden="true" />}
              loading={restore.isPending && restore.variables === o.id}
              aria-label={t('list.restoreNamed', { name: o.name })}
              onClick={() =>
                restore.mutate(o.id, {
                  onSuccess: (restored) => notify.success(t('list.restored', { name: restored.name })),
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

  const sortData = SORTS.map((value) => ({ value, label: t(`organizations.sorts.${value}`) }));
  const newButton = canCreate(me) ? (
    <Button component={Link} to="/organizations/new" leftSection={<IconPlus size={18} aria-hidden="true" />}>
      {t('organizations.new')}
    </Button>
  ) : null;
  const clear = () => url.clear(archived ? ['archived', 'sort'] : ['sort']);

  return (
    <Stack gap="md">
      <PageHeader title={t('organizations.title')} description={t('organizations.subtitle')} actions={newButton} />

      <FiltersPanel label={t('list.filters')}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="sm">
            <SearchField
              label={t('list.search')}
              placeholder={t('organizations.searchPlaceholder')}
              value={filter.q ?? ''}
              onChange={(q) => url.set({ q })}
            />
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
            <Select
              label={t('list.sort')}
              data={sortData}
              value={filter.sort ?? DEFAULT_SORT}
              onChange={(v) => url.set({ sort: v === DEFAULT_SORT ? null : v })}
              allowDeselect={false}
            />
          </SimpleGrid>
          <Group justify="space-between" gap="sm">
            <Group gap="sm">
              <ArchivedSwitch archived={archived} onChange={(v) => url.set({ archived: v })} />
              {parent.data && (
                <Badge
                  size="lg"
                  variant="light"
                  tt="none"
                  rightSection={<CloseButton size="xs" aria-label={t('list.removeFilter')} onClick={() => url.set({ parent: null })} />}
                >
                  {t('organizations.childrenOf', { name: parent.data.name })}
                </Badge>
              )}
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
          loadError: t('organizations.loadError'),
          noMatchesTitle: t('organizations.noMatchesTitle'),
          noMatchesText: t('organizations.noMatchesText'),
          emptyTitle: t('organizations.emptyTitle'),
          emptyText: t('organizations.emptyText'),
          noArchivedTitle: t('organizations.noArchivedTitle'),
          noArchivedText: t('organizations.noArchivedText'),
          tableCaption: t('organizations.tableCaption'),
          archivedTableCaption: t('organizations.archivedTableCaption'),
          noun: (n) => t('organizations.count', { count: n, formatted: format.number(n) }),
        }}
        emptyIcon={<IconBuildingCommunity size={28} aria-hidden="true" />}
        newButton={newButton}
        columnsMenu={<ColumnsMenu columns={OPTIONAL_COLUMNS.map((id) => ({ id, label: columnLabels[id] }))} visible={visible} onChange={setVisible} />}
        columns={columns}
        rowKey={(o) => o.id}
        onOpen={(o) => void navigate(`/organizations/${o.id}`)}
      />
      <LoadingNote active={list.isFetching && !list.isPending} />
    </Stack>
  );
}
