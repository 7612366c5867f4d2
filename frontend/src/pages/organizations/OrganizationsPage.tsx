import {
  Badge,
  Button,
  EmptyState,
  Group,
  Paper,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconBuildingCommunity, IconFilterOff, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { isOrganizationType, typeOptions } from '../../components/organizationOptions';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useOrganizations, type Organization, type OrganizationFilter, type OrganizationSort } from '../../hooks/organizations';
import { CreateOrganizationModal } from './CreateOrganizationModal';

const SORTS: Record<OrganizationSort, 'organizations.sortName' | 'organizations.sortNameDesc' | 'organizations.sortUpdated' | 'organizations.sortCreated' | null> = {
  name: 'organizations.sortName',
  '-name': 'organizations.sortNameDesc',
  '-updated_at': 'organizations.sortUpdated',
  '-created_at': 'organizations.sortCreated',
  updated_at: null,
  created_at: null,
  id: null,
  '-id': null,
};
const DEFAULT_SORT: OrganizationSort = 'name';

function isSort(value: string | null): value is OrganizationSort {
  return value !== null && value in SORTS;
}

/** Filters live in the address, so a filtered list can be bookmarked and shared. */
function useListParams() {
  const [params, setParams] = useSearchParams();
  const type = params.get('type');
  const country = params.get('country');
  const sort = params.get('sort');
  const filter: OrganizationFilter = {
    q: params.get('q') ?? undefined,
    type: isOrganizationType(type) ? [type] : undefined,
    country_code: country ? [country] : undefined,
    sort: isSort(sort) ? sort : DEFAULT_SORT,
  };
  const set = (key: string, value: string | null | undefined) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  const clear = () => setParams(new URLSearchParams(), { replace: true });
  return { filter, set, clear };
}

function SkeletonRows({ columns }: { columns: (string | undefined)[] }) {
  return Array.from({ length: 6 }, (_, row) => (
    <Table.Tr key={row} aria-hidden>
      {columns.map((visibleFrom, col) => (
        <Table.Td key={col} visibleFrom={visibleFrom}>
          <Skeleton height={col === 0 ? 18 : 12} width={col === 0 ? '70%' : '55%'} radius="sm" />
          {col === 0 && <Skeleton height={10} width="40%" mt={6} radius="sm" />}
        </Table.Td>
      ))}
    </Table.Tr>
  ));
}

function OrganizationRow({ organization, countryName, formatDate }: { organization: Organization; countryName: string; formatDate: (iso: string) => string }) {
  const { t } = useTranslation();
  const o = organization;
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap={6} wrap="wrap">
          <Text fw={600} size="sm">
            <bdi>{o.name}</bdi>
          </Text>
          {o.acronym && (
            <Badge variant="outline" color="gray" size="sm" radius="sm" tt="none">
              {o.acronym}
            </Badge>
          )}
          {o.archived_at && (
            <Badge variant="light" color="orange" size="sm">
              {t('organizations.archived')}
            </Badge>
          )}
        </Group>
        {o.name_local && (
          <Text size="sm" c="dimmed">
            <bdi>{o.name_local}</bdi>
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Badge variant="light" radius="sm" tt="none" fw={500} styles={{ label: { overflow: 'visible' } }}>
          {t(`organization.types.${o.type}`)}
        </Badge>
      </Table.Td>
      <Table.Td visibleFrom="md">
        <Text size="sm">{o.level ? t(`organization.levels.${o.level}`) : '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{countryName || '—'}</Text>
        {o.city && (
          <Text size="xs" c="dimmed">
            {o.city}
          </Text>
        )}
      </Table.Td>
      <Table.Td visibleFrom="md" style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" c="dimmed">
          {formatDate(o.updated_at)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

export function OrganizationsPage() {
  const { t, i18n } = useTranslation();
  const { filter, set, clear } = useListParams();
  const countries = useCountryOptions();
  const [createOpened, createModal] = useDisclosure(false);

  // The search box answers at once; the request waits until typing pauses.
  const [search, setSearch] = useState(filter.q ?? '');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  useEffect(() => {
    if ((filter.q ?? '') !== debouncedSearch.trim()) set('q', debouncedSearch.trim());
  }, [debouncedSearch]);

  const list = useOrganizations(filter);
  const items = useMemo(() => list.data?.pages.flatMap((page) => page.items ?? []) ?? [], [list.data]);
  const total = list.data?.pages[0]?.total;
  const filtered = Boolean(filter.q || filter.type?.length || filter.country_code?.length);

  const dateFormat = useMemo(() => new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'medium' }), [i18n.resolvedLanguage]);
  const formatDate = (iso: string) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
  };

  const sortData = (Object.entries(SORTS) as [OrganizationSort, (typeof SORTS)[OrganizationSort]][])
    .filter(([, label]) => label !== null)
    .map(([value, label]) => ({ value, label: t(label!) }));

  // Level and date give way first on narrow screens.
  const columns = [
    { label: t('organization.fields.name') },
    { label: t('organization.fields.type') },
    { label: t('organization.fields.level'), visibleFrom: 'md' },
    { label: t('organization.fields.country') },
    { label: t('organization.fields.updated'), visibleFrom: 'md' },
  ];

  const newButton = (
    <Button leftSection={<IconPlus size={18} aria-hidden="true" />} onClick={createModal.open}>
      {t('organizations.new')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('organizations.title')} description={t('organizations.subtitle')} actions={newButton} />

      <Paper withBorder radius="lg" p="md" mb="md" component="section" aria-label={t('organizations.filters')}>
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            label={t('organizations.search')}
            placeholder={t('organizations.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            type="search"
            style={{ flex: '2 1 260px' }}
          />
          <Select
            label={t('organizations.type')}
            placeholder={t('organizations.allTypes')}
            data={typeOptions(t)}
            value={filter.type?.[0] ?? null}
            onChange={(value) => set('type', value)}
            clearable
            searchable
            style={{ flex: '1 1 200px' }}
          />
          <Select
            label={t('organizations.country')}
            placeholder={t('organizations.allCountries')}
            data={countries.options}
            value={filter.country_code?.[0] ?? null}
            onChange={(value) => set('country', value)}
            clearable
            searchable
            style={{ flex: '1 1 200px' }}
          />
          <Select
            label={t('organizations.sort')}
            data={sortData}
            value={filter.sort ?? DEFAULT_SORT}
            onChange={(value) => set('sort', value === DEFAULT_SORT ? null : value)}
            allowDeselect={false}
            style={{ flex: '1 1 180px' }}
          />
        </Group>
      </Paper>

      {list.isError && !list.data ? (
        <QueryError title={t('organizations.loadError')} error={list.error} onRetry={() => void list.refetch()} />
      ) : !list.isPending && items.length === 0 ? (
        <Paper withBorder radius="lg" py={48} px="md">
          {filtered ? (
            <EmptyState
              icon={<IconFilterOff size={28} aria-hidden="true" />}
              title={t('organizations.noMatchesTitle')}
              description={t('organizations.noMatchesText')}
              withIndicatorBackground
            >
              <EmptyState.Actions>
                <Button
                  variant="light"
                  onClick={() => {
                    setSearch('');
                    clear();
                  }}
                >
                  {t('organizations.clearFilters')}
                </Button>
              </EmptyState.Actions>
            </EmptyState>
          ) : (
            <EmptyState
              icon={<IconBuildingCommunity size={28} aria-hidden="true" />}
              title={t('organizations.emptyTitle')}
              description={t('organizations.emptyText')}
              variant="light"
            >
              <EmptyState.Actions>{newButton}</EmptyState.Actions>
            </EmptyState>
          )}
        </Paper>
      ) : (
        <Stack gap="md">
          <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
            <Table.ScrollContainer minWidth={520}>
              <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover aria-label={t('organizations.tableCaption')} aria-busy={list.isFetching}>
                <Table.Thead bg="var(--mantine-color-gray-0)">
                  <Table.Tr>
                    {columns.map(({ label, visibleFrom }) => (
                      <Table.Th key={label} scope="col" visibleFrom={visibleFrom}>
                        {label}
                      </Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.isPending ? (
                    <SkeletonRows columns={columns.map((c) => c.visibleFrom)} />
                  ) : (
                    items.map((o) => (
                      <OrganizationRow key={o.id} organization={o} countryName={countries.nameOf(o.country_code)} formatDate={formatDate} />
                    ))
                  )}
                  {list.isFetchingNextPage && <SkeletonRows columns={columns.map((c) => c.visibleFrom)} />}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>

          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {total !== undefined && !list.isPending ? t('organizations.showing', { count: total, shown: items.length }) : ''}
            </Text>
            {list.hasNextPage && (
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('organizations.loadMore')}
              </Button>
            )}
          </Group>
          {list.isError && list.data && (
            <QueryError title={t('organizations.loadError')} error={list.error} onRetry={() => void list.fetchNextPage()} />
          )}
        </Stack>
      )}

      <VisuallyHidden aria-live="polite">{list.isFetching && !list.isPending ? t('common.loading') : ''}</VisuallyHidden>
      <CreateOrganizationModal opened={createOpened} onClose={createModal.close} />
    </>
  );
}
