import { Anchor, Badge, Button, Group, MultiSelect, SimpleGrid, Stack } from '@mantine/core';
import { Segmented } from '../../components/segmented/Segmented';
import { IconCalendarMonth, IconList, IconPlus } from '@tabler/icons-react';
import type { QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canCreate } from '../../auth/permissions';
import { ExportButton } from '../../components/export/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { FiltersPanel, SearchField } from '../../components/list/ListParts';
import { readUrl, useUrlFilters, type UrlReader } from '../../components/list/useUrlFilters';
import { prefetchNames } from '../../components/prefetch/prefetchNames';
import { CountryMultiSelect, TagsSelect } from '../../components/pickers';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { formatMonth, monthOf, parseMonth } from '../../components/visit/calendar';
import { VisitCalendar, localToday } from '../../components/visit/VisitCalendar';
import { useMe } from '../../hooks/auth';
import { useVisits, visitsQuery, type Visit, type VisitFilter } from '../../hooks/visits';
import { flattenPages } from '../../hooks/list';
import { projectsQuery, useProjects } from '../../hooks/projects';
import { PagedTable } from '../../components/list/PagedTable';
import type { Column } from '../../components/list/VirtualTable';

const STATUSES = ['planned', 'ongoing', 'completed', 'cancelled'] as const satisfies readonly Visit['status'][];

/** The list's filter and order, as the address says: read alike by the page and by its start (below). */
function visitsFilter(url: UrlReader) {
  return {
    q: url.text('q'),
    status: url.oneOf('status', STATUSES),
    host_country_code: url.list('country'),
    project_id: url.ids('project'),
    tag: url.list('tag'),
    sort: '-start_date' as const,
  } satisfies VisitFilter;
}

/**
 * What the visits list draws for the address it is opened at, started before
 * it is drawn (src/pageData.ts): the first page of visits, the names it shows
 * and its filter's projects (arriving after the first draw, they drew the
 * whole page again). The calendar asks for its own month instead.
 */
export function prefetchVisitsPage(queryClient: QueryClient, search: string): Promise<unknown> {
  const url = readUrl(new URLSearchParams(search));
  if (url.text('view') === 'calendar') return Promise.resolve();
  return Promise.all([queryClient.prefetchInfiniteQuery(visitsQuery(visitsFilter(url))), queryClient.prefetchQuery(projectsQuery()), prefetchNames(queryClient)]);
}

/** The visits, as a list or as a month calendar; the view, month and filters live in the address. */
export function VisitsPage() {
  const { t } = useTranslation();
  const url = useUrlFilters();
  const format = useFormat();
  const countries = useCountryOptions();
  const projects = useProjects();
  const { data: me } = useMe();
  const calendar = url.text('view') === 'calendar';
  const month = parseMonth(url.text('month')) ?? monthOf(localToday());
  const filter = visitsFilter(url);
  const projectIds = filter.project_id;
  const list = useVisits(filter, !calendar);
  const rows = useMemo(() => (calendar ? [] : flattenPages(list.data?.pages)), [list.data, calendar]);
  const columns: Column<Visit>[] = [
    {
      id: 'title',
      header: t('records.titleColumn'),
      cell: (v) => (
        <Anchor component={Link} to={`/visits/${v.id}`} size="sm" fw={600}>
          <bdi>{v.title}</bdi>
        </Anchor>
      ),
    },
    { id: 'kind', header: t('records.kind'), cell: (v) => t(`visit.kinds.${v.kind}`) },
    { id: 'dates', header: t('records.dates'), nowrap: true, cell: (v) => `${format.date(v.start_date)} – ${format.date(v.end_date)}` },
    {
      id: 'place',
      header: t('records.place'),
      cell: (v) => {
        const place = [v.city, countries.nameOf(v.host_country_code)].filter(Boolean).join(t('common.separator'));
        return place ? <bdi>{place}</bdi> : '—';
      },
    },
    {
      id: 'status',
      header: t('records.status'),
      cell: (v) => (
        <Badge variant="light" tt="none" color="grape">
          {t(`visit.statuses.${v.status}`)}
        </Badge>
      ),
    },
  ];
  const projectOptions = (projects.data ?? []).map((p) => ({ value: String(p.id), label: `${p.code} · ${p.name}` }));

  return (
    <Stack gap="md">
      <PageHeader
        title={t('visits.title')}
        description={t('visits.subtitle')}
        actions={
          <>
            <Segmented
              aria-label={t('visitCalendar.view')}
              value={calendar ? 'calendar' : 'list'}
              onChange={(v) => url.set({ view: v === 'calendar' ? 'calendar' : null, month: v === 'calendar' ? formatMonth(month) : null })}
              data={[
                {
                  value: 'list',
                  label: (
                    <Group gap={6} wrap="nowrap">
                      <IconList size={16} aria-hidden="true" />
                      <span>{t('visitCalendar.listView')}</span>
                    </Group>
                  ),
                },
                {
                  value: 'calendar',
                  label: (
                    <Group gap={6} wrap="nowrap">
                      <IconCalendarMonth size={16} aria-hidden="true" />
                      <span>{t('visitCalendar.calendarView')}</span>
                    </Group>
                  ),
                },
              ]}
            />
            <ExportButton path="/api/v1/visits/export" query={filter} />
            {canCreate(me) && (
              <Button component={Link} to="/visits/new" leftSection={<IconPlus size={16} aria-hidden="true" />}>
                {t('visitForm.newVisit')}
              </Button>
            )}
          </>
        }
      />
      <FiltersPanel label={t('list.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
          <SearchField label={t('list.search')} value={filter.q ?? ''} onChange={(q) => url.set({ q })} />
          <MultiSelect
            label={t('records.status')}
            placeholder={filter.status.length ? undefined : t('list.any')}
            data={STATUSES.map((value) => ({ value, label: t(`visit.statuses.${value}`) }))}
            value={filter.status}
            onChange={(v) => url.set({ status: v })}
            clearable
          />
          <MultiSelect
            label={t('visitCalendar.project')}
            placeholder={projectIds.length ? undefined : t('list.any')}
            data={projectOptions}
            value={projectIds.map(String)}
            onChange={(v) => url.set({ project: v })}
            searchable
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
      {calendar ? (
        <VisitCalendar month={month} onMonthChange={(m) => url.set({ month: formatMonth(m) })} filter={filter} />
      ) : (
        <PagedTable
          list={list}
          label={t('visits.title')}
          rows={rows}
          columns={columns}
          rowKey={(v) => v.id}
          loadError={t('records.loadError')}
          empty={t('visits.empty')}
          minWidth={640}
        />
      )}
    </Stack>
  );
}
