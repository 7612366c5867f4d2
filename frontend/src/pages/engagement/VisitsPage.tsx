import { Anchor, Badge, MultiSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { FiltersPanel, SearchField } from '../../components/list/ListParts';
import { useUrlFilters } from '../../components/list/useUrlFilters';
import { CountryMultiSelect, TagsSelect } from '../../components/pickers';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { useVisits, type Visit } from '../../hooks/engagement';
import { flattenPages } from '../../hooks/list';
import { RecordList } from './RecordList';

const STATUSES = ['planned', 'ongoing', 'completed', 'cancelled'] as const satisfies readonly Visit['status'][];

export function VisitsPage() {
  const { t } = useTranslation();
  const url = useUrlFilters();
  const format = useFormat();
  const countries = useCountryOptions();
  const filter = {
    q: url.text('q'),
    status: url.oneOf('status', STATUSES),
    host_country_code: url.list('country'),
    tag: url.list('tag'),
    sort: '-start_date' as const,
  };
  const list = useVisits(filter);
  const rows = useMemo(() => flattenPages(list.data?.pages), [list.data]);
  return (
    <Stack gap="md">
      <PageHeader title={t('visits.title')} description={t('visits.subtitle')} />
      <FiltersPanel label={t('list.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <SearchField label={t('list.search')} value={filter.q ?? ''} onChange={(q) => url.set({ q })} />
          <MultiSelect
            label={t('records.status')}
            placeholder={filter.status.length ? undefined : t('list.any')}
            data={STATUSES.map((value) => ({ value, label: t(`visit.statuses.${value}`) }))}
            value={filter.status}
            onChange={(v) => url.set({ status: v })}
            clearable
          />
          <CountryMultiSelect
            label={t('visits.hostCountry')}
            placeholder={filter.host_country_code.length ? undefined : t('list.any')}
            value={filter.host_country_code}
            onChange={(v) => url.set({ country: v })}
          />
          <TagsSelect label={t('visits.tags')} placeholder={filter.tag.length ? undefined : t('list.any')} value={filter.tag} onChange={(v) => url.set({ tag: v })} />
        </SimpleGrid>
      </FiltersPanel>
      <RecordList
        label={t('visits.title')}
        rows={rows}
        headers={[t('records.titleColumn'), t('records.kind'), t('records.dates'), t('records.place'), t('records.status')]}
        cells={(v) => [
          <Anchor key="t" component={Link} to={`/visits/${v.id}`} size="sm" fw={600}>
            <bdi>{v.title}</bdi>
          </Anchor>,
          t(`visit.kinds.${v.kind}`),
          <Text key="d" size="sm" style={{ whiteSpace: 'nowrap' }}>
            {format.date(v.start_date)} – {format.date(v.end_date)}
          </Text>,
          [v.city, countries.nameOf(v.host_country_code)].filter(Boolean).join(t('common.separator')) || '—',
          <Badge key="s" variant="light" tt="none" color="grape">
            {t(`visit.statuses.${v.status}`)}
          </Badge>,
        ]}
        pending={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
        empty={t('visits.empty')}
      />
    </Stack>
  );
}
