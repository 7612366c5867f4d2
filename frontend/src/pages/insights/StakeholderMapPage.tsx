import { Alert, Anchor, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Table, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { Segmented } from '../../components/segmented/Segmented';
import { IconAlertTriangle, IconArrowRight, IconArrowUp, IconFilterOff, IconInfoCircle } from '@tabler/icons-react';
import type { QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FiltersPanel, LoadingNote } from '../../components/list/ListParts';
import { readUrl, useUrlFilters, type UrlReader } from '../../components/list/useUrlFilters';
import { prefetchNames } from '../../components/prefetch/prefetchNames';
import { ORGANIZATION_TYPES, typeOptions } from '../../components/organizationOptions';
import { PageHeader } from '../../components/PageHeader';
import { PageLoader } from '../../components/PageLoader';
import { CountryMultiSelect, TagsSelect } from '../../components/pickers';
import { QueryError } from '../../components/QueryError';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { projectsQuery, useProjects } from '../../hooks/projects';
import { stakeholderMapQuery, useStakeholderMap, type MappedOrganization, type StakeholderMapFilter } from '../../hooks/insights';
import { intlLocale } from '../../i18n';
import { byQuadrant, cellKey, cellsOf, markerSize, markerText, quadrantLabelAt, quadrantOf, SCORES } from './mapLayout';
import classes from './StakeholderMap.module.css';

const FILTER_KEYS = ['country', 'project', 'tag', 'type'];

/** The map's filters live in the address: `/map?country=BA,IQ&project=3&tag=sdg-5&type=ministry`. */
function mapFilter(url: UrlReader): StakeholderMapFilter {
  return {
    country_code: url.list('country'),
    project_id: url.ids('project').slice(0, 1),
    tag: url.list('tag'),
    type: url.oneOf('type', ORGANIZATION_TYPES),
  };
}

/**
 * What the map draws for the address it is opened at, started before it is
 * drawn (src/pageData.ts): the organizations placed, the names they show
 * and the projects of its filter.
 */
export function prefetchStakeholderMapPage(queryClient: QueryClient, search: string): Promise<unknown> {
  const filter = mapFilter(readUrl(new URLSearchParams(search)));
  return Promise.all([queryClient.prefetchQuery(stakeholderMapQuery(filter)), queryClient.prefetchQuery(projectsQuery('code')), prefetchNames(queryClient)]);
}

function useMapFilter() {
  const url = useUrlFilters();
  const filter = mapFilter(url);
  const filtered = FILTER_KEYS.some((key) => url.params.has(key));
  const view: 'grid' | 'list' = url.text('view') === 'list' ? 'list' : 'grid';
  return { url, filter, filtered, view };
}

/**
 * What a marker says to someone who cannot see it: the whole record in one
 * sentence, starting with the text it shows (so speech input finds it too).
 */
function useDescribe() {
  const { t } = useTranslation();
  const format = useFormat();
  return (o: MappedOrganization) =>
    [
      markerText(o),
      o.acronym.trim() ? o.name : null,
      t('stakeholderMap.scores', { influence: format.number(o.influence), interest: format.number(o.interest) }),
      t('stakeholderMap.open', { count: o.open_commitments, shown: format.number(o.open_commitments) }),
      o.overdue_commitments > 0 ? t('stakeholderMap.overdue', { count: o.overdue_commitments, shown: format.number(o.overdue_commitments) }) : null,
    ]
      .filter(Boolean)
      .join(', ');
}

function Marker({ organization: o }: { organization: MappedOrganization }) {
  const { t } = useTranslation();
  const format = useFormat();
  const countries = useCountryOptions();
  const describe = useDescribe();
  const size = markerSize(o.open_commitments);
  return (
    <Tooltip
      multiline
      w={260}
      withArrow
      openDelay={150}
      events={{ hover: true, focus: true, touch: false }}
      label={
        <Stack gap={2}>
          <Text size="sm" fw={700}>
            <bdi>{o.name}</bdi>
            {o.acronym ? ` (${o.acronym})` : ''}
          </Text>
          <Text size="xs">
            {[t(`organization.types.${o.type}` as 'organization.types.ministry'), countries.nameOf(o.country_code)].filter(Boolean).join(' · ')}
          </Text>
          <Text size="xs">{t('stakeholderMap.scores', { influence: format.number(o.influence), interest: format.number(o.interest) })}</Text>
          <Text size="xs">
            {t('stakeholderMap.open', { count: o.open_commitments, shown: format.number(o.open_commitments) })}
            {o.overdue_commitments > 0 && ` · ${t('stakeholderMap.overdue', { count: o.overdue_commitments, shown: format.number(o.overdue_commitments) })}`}
          </Text>
          <Text size="xs">{o.last_held_at ? t('stakeholderMap.lastMet', { date: format.date(o.last_held_at) }) : t('stakeholderMap.neverMet')}</Text>
        </Stack>
      }
    >
      <span className={classes.marker} data-overdue={o.overdue_commitments > 0 || undefined}>
        <span className={classes.dot} data-size={size} aria-hidden="true" />
        <Link to={`/organizations/${o.id}`} className={classes.markerLink} aria-label={describe(o)} dir="auto">
          <bdi>{markerText(o)}</bdi>
        </Link>
        {o.open_commitments > 0 && (
          <span className={classes.count} aria-hidden="true">
            {format.number(o.open_commitments)}
          </span>
        )}
        {o.overdue_commitments > 0 && (
          <span className={classes.overdue} aria-hidden="true">
            <IconAlertTriangle size={12} stroke={2.4} />
            {format.number(o.overdue_commitments)}
          </span>
        )}
      </span>
    </Tooltip>
  );
}

function Legend() {
  const { t } = useTranslation();
  return (
    <div className={classes.legend} aria-label={t('stakeholderMap.legend')} role="group">
      <Text size="sm" fw={600}>
        {t('stakeholderMap.legend')}
      </Text>
      <span className={classes.legendItem}>
        <span className={classes.dot} data-size="none" aria-hidden="true" />
        {t('stakeholderMap.legendNone')}
      </span>
      <span className={classes.legendItem}>
        <span className={classes.dot} data-size="some" aria-hidden="true" />
        {t('stakeholderMap.legendSome')}
      </span>
      <span className={classes.legendItem}>
        <span className={classes.dot} data-size="many" aria-hidden="true" />
        {t('stakeholderMap.legendMany')}
      </span>
      <span className={classes.legendItem}>
        <span className={classes.overdue} aria-hidden="true">
          <IconAlertTriangle size={14} stroke={2.4} />
        </span>
        {t('stakeholderMap.legendOverdue')}
      </span>
    </div>
  );
}

/** The 5 × 5 grid: influence grows in the reading direction, interest upwards. */
function MapGrid({ items }: { items: MappedOrganization[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const cells = useMemo(() => cellsOf(items), [items]);
  const rows = [...SCORES].reverse();
  return (
    <div className={classes.scroller}>
      <div className={classes.frame}>
        <div className={classes.yTitle} aria-hidden="true">
          <IconArrowUp size={14} />
          <span className={classes.yText}>{t('stakeholderMap.interest')}</span>
        </div>
        {rows.map((interest, r) => (
          <div key={`y${interest}`} className={classes.yTick} style={{ gridRow: r + 1 }} aria-hidden="true">
            {format.number(interest)}
          </div>
        ))}
        {rows.map((interest, r) =>
          SCORES.map((influence) => {
            const here = cells.get(cellKey(influence, interest)) ?? [];
            const label = quadrantLabelAt(influence, interest);
            const quadrant = quadrantOf(influence, interest);
            return (
              <div
                key={cellKey(influence, interest)}
                className={classes.cell}
                style={{ gridRow: r + 1, gridColumn: influence + 2 }}
                data-quadrant={quadrant}
                data-edge-x={influence === 3 || undefined}
                data-edge-y={interest === 3 || undefined}
                role="group"
                aria-label={`${t('stakeholderMap.cell', { influence: format.number(influence), interest: format.number(interest) })} — ${t(`stakeholderMap.quadrants.${quadrant}`)}`}
              >
                {label && (
                  <span className={classes.quadrantLabel} aria-hidden="true">
                    {t(`stakeholderMap.quadrants.${label}`)}
                  </span>
                )}
                {here.map((o) => (
                  <Marker key={o.id} organization={o} />
                ))}
              </div>
            );
          }),
        )}
        {SCORES.map((influence) => (
          <div key={`x${influence}`} className={classes.xTick} style={{ gridColumn: influence + 2 }} aria-hidden="true" data-influence={influence}>
            {format.number(influence)}
          </div>
        ))}
        <div className={classes.xTitle} aria-hidden="true">
          {t('stakeholderMap.influence')}
          <IconArrowRight size={14} className={classes.xArrow} />
        </div>
      </div>
    </div>
  );
}

/** The same organizations as a table by quadrant: the map for those who do not see it. */
function MapList({ items }: { items: MappedOrganization[] }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const countries = useCountryOptions();
  const collator = useMemo(() => new Intl.Collator(intlLocale(i18n.resolvedLanguage ?? 'en', 'names')), [i18n.resolvedLanguage]);
  const groups = useMemo(() => byQuadrant(items, collator), [items, collator]);
  return (
    <Stack gap="lg">
      {groups.map((group) => {
        const titleId = `quadrant-${group.quadrant}`;
        return (
          <Paper key={group.quadrant} withBorder radius="lg" p="md" component="section" aria-labelledby={titleId}>
            <Title order={2} size="h4" id={titleId} mb="sm">
              {t(`stakeholderMap.quadrants.${group.quadrant}`)}{' '}
              <Text span c="dimmed" fw={400} size="sm">
                ({format.number(group.items.length)})
              </Text>
            </Title>
            <Table.ScrollContainer minWidth={720} type="native">
              <Table verticalSpacing="xs" aria-labelledby={titleId}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('stakeholderMap.columns.organization')}</Table.Th>
                    <Table.Th scope="col">{t('organization.fields.type')}</Table.Th>
                    <Table.Th scope="col">{t('organization.fields.country')}</Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('stakeholderMap.influence')}
                    </Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('stakeholderMap.interest')}
                    </Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('stakeholderMap.columns.open')}
                    </Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('stakeholderMap.columns.overdue')}
                    </Table.Th>
                    <Table.Th scope="col">{t('stakeholderMap.columns.lastMet')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {group.items.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/organizations/${o.id}`} fw={600} size="sm">
                          <bdi>{o.name}</bdi>
                        </Anchor>
                        {o.acronym && (
                          <Text span size="sm" c="dimmed">
                            {' '}
                            ({o.acronym})
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{t(`organization.types.${o.type}` as 'organization.types.ministry')}</Table.Td>
                      <Table.Td>{countries.nameOf(o.country_code) || '—'}</Table.Td>
                      <Table.Td ta="end">{format.number(o.influence)}</Table.Td>
                      <Table.Td ta="end">{format.number(o.interest)}</Table.Td>
                      <Table.Td ta="end">{format.number(o.open_commitments)}</Table.Td>
                      <Table.Td ta="end" fw={o.overdue_commitments > 0 ? 700 : undefined} c={o.overdue_commitments > 0 ? 'red.9' : undefined}>
                        {format.number(o.overdue_commitments)}
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{o.last_held_at ? format.date(o.last_held_at) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        );
      })}
    </Stack>
  );
}

/** Organizations on an influence × interest grid, or listed by quadrant. */
export function StakeholderMapPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { url, filter, filtered, view } = useMapFilter();
  const map = useStakeholderMap(filter);
  const projects = useProjects('code');
  const items = map.data?.items ?? [];
  const projectOptions = (projects.data ?? []).map((p) => ({ value: String(p.id), label: `${p.code} — ${p.name}` }));

  return (
    <Stack gap="lg">
      <PageHeader
        title={t('nav.map')}
        description={t('stakeholderMap.subtitle')}
        actions={
          <Segmented
            aria-label={t('stakeholderMap.view')}
            value={view}
            onChange={(v) => url.set({ view: v === 'list' ? 'list' : null })}
            data={[
              { value: 'grid', label: t('stakeholderMap.views.grid') },
              { value: 'list', label: t('stakeholderMap.views.list') },
            ]}
          />
        }
      />

      <FiltersPanel label={t('list.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="sm">
          <CountryMultiSelect
            label={t('organization.fields.country')}
            placeholder={filter.country_code?.length ? undefined : t('list.any')}
            value={filter.country_code ?? []}
            onChange={(v) => url.set({ country: v })}
          />
          <Select
            label={t('stakeholderMap.project')}
            placeholder={t('list.any')}
            data={projectOptions}
            value={filter.project_id?.[0] ? String(filter.project_id[0]) : null}
            onChange={(v) => url.set({ project: v })}
            searchable
            clearable
          />
          <TagsSelect
            label={t('stakeholderMap.tag')}
            placeholder={filter.tag?.length ? undefined : t('list.any')}
            value={filter.tag ?? []}
            onChange={(v) => url.set({ tag: v })}
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
        </SimpleGrid>
        {filtered && (
          <Group mt="sm">
            <Button variant="subtle" size="compact-sm" leftSection={<IconFilterOff size={14} aria-hidden="true" />} onClick={() => url.clear(['view'])}>
              {t('list.clearFilters')}
            </Button>
          </Group>
        )}
      </FiltersPanel>

      <LoadingNote active={map.isFetching} />
      {map.isPending ? (
        <PageLoader />
      ) : map.isError && !map.data ? (
        <QueryError title={t('stakeholderMap.loadError')} error={map.error} onRetry={() => void map.refetch()} />
      ) : (
        <>
          <Group justify="space-between" gap="sm" align="center">
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('stakeholderMap.count', { count: map.data.total, shown: format.number(map.data.total) })}
            </Text>
            {view === 'grid' && items.length > 0 && <Legend />}
          </Group>
          {map.data.truncated && (
            <Alert variant="light" color="orange" icon={<IconInfoCircle size={18} aria-hidden="true" />}>
              {t('stakeholderMap.truncated', { shown: format.number(items.length), total: format.number(map.data.total) })}
            </Alert>
          )}
          {items.length === 0 ? (
            <Paper withBorder radius="lg" p="xl">
              <Text ta="center" c="dimmed">
                {filtered ? t('stakeholderMap.emptyFiltered') : t('stakeholderMap.empty')}
              </Text>
            </Paper>
          ) : view === 'grid' ? (
            <Paper withBorder radius="lg" p="md" component="section" aria-label={t('stakeholderMap.gridLabel')}>
              <VisuallyHidden>{t('stakeholderMap.listHint')}</VisuallyHidden>
              <MapGrid items={items} />
            </Paper>
          ) : (
            <MapList items={items} />
          )}
        </>
      )}
    </Stack>
  );
}
