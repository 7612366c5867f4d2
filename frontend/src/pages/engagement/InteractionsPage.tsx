import { Anchor, Badge, Button, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconMessages, IconRestore } from '@tabler/icons-react';
import { Fragment, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { canRestore } from '../../auth/permissions';
import { ExportButton } from '../../components/export/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { RestrictedBadge } from '../../components/RestrictedBadge';
import { ArchivedSwitch, FiltersPanel, LoadingNote, SearchField } from '../../components/list/ListParts';
import { ListResults } from '../../components/list/ListResults';
import { useUrlFilters } from '../../components/list/useUrlFilters';
import type { Column } from '../../components/list/VirtualTable';
import { notify } from '../../components/notify';
import { useCountryOptions } from '../../components/useCountryOptions';
import { useFormat } from '../../components/useFormat';
import { useMe } from '../../hooks/auth';
import { useInteractionCount, useInteractions, useRestoreInteraction, type Interaction } from '../../hooks/interactions';
import { flattenPages } from '../../hooks/list';
import { errorMessage } from '../../i18n/errorMessage';
import { InteractionFilters } from '../interactions/InteractionFilters';
import { FILTER_KEYS, interactionFilterFrom, SORTS } from '../interactions/interactionFilter';

/**
 * Every meeting, call and workshop the reader may see, newest first, with
 * the filters API.md names kept in the address; a row opens the meeting's
 * page. The archive lists archived ones for a manager to restore.
 */
export function InteractionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const url = useUrlFilters();
  const format = useFormat();
  const countries = useCountryOptions();
  const { data: me } = useMe();
  const filter = interactionFilterFrom(url);
  const archived = Boolean(filter.archived);
  const filtered = FILTER_KEYS.some((key) => url.params.has(key));
  const list = useInteractions(filter);
  const rows = useMemo(() => flattenPages(list.data?.pages), [list.data]);
  const [countAsked, setCountAsked] = useState(false);
  const count = useInteractionCount(filter, countAsked);
  const restore = useRestoreInteraction();
  const clear = () => url.clear(archived ? ['archived', 'sort'] : ['sort']);

  const columns: Column<Interaction>[] = [
    {
      id: 'subject',
      header: t('records.subject'),
      cell: (i) => (
        <Group gap={6} wrap="wrap">
          {archived ? (
            <Text size="sm" fw={600}>
              <bdi>{i.subject}</bdi>
            </Text>
          ) : (
            <Anchor component={Link} to={`/interactions/${i.id}`} size="sm" fw={600}>
              <bdi>{i.subject}</bdi>
            </Anchor>
          )}
          {i.restricted && <RestrictedBadge size="xs" />}
        </Group>
      ),
    },
    { id: 'kind', header: t('records.kind'), cell: (i) => t(`interaction.kinds.${i.kind}`) },
    { id: 'when', header: t('records.when'), nowrap: true, cell: (i) => format.dateTime(i.starts_at) },
    {
      id: 'place',
      header: t('records.place'),
      cell: (i) => {
        const place = [i.city, countries.nameOf(i.country_code)].filter(Boolean).join(t('common.separator'));
        return place ? <bdi>{place}</bdi> : '—';
      },
    },
    {
      id: 'participants',
      header: t('records.participants'),
      cell: (i) => (
        <Text size="sm" lineClamp={2}>
          {i.participants.some((p) => p.name)
            ? i.participants
                .map((p) => p.name)
                .filter(Boolean)
                .map((name, index) => (
                  <Fragment key={index}>
                    {index > 0 && t('common.separator')}
                    <bdi>{name}</bdi>
                  </Fragment>
                ))
            : '—'}
        </Text>
      ),
    },
    {
      id: 'status',
      header: t('records.status'),
      cell: (i) => (
        <Badge variant="light" tt="none" color={i.status === 'held' ? 'teal' : i.status === 'planned' ? 'blue' : 'gray'}>
          {t(`interaction.statuses.${i.status}`)}
        </Badge>
      ),
    },
    ...(archived
      ? [
          {
            id: 'actions',
            header: t('common.actions'),
            nowrap: true,
            cell: (i: Interaction) =>
              canRestore(me, i) ? (
                <Button
                  size="xs"
                  variant="light"
                  leftSection={<IconRestore size={14} aria-hidden="true" />}
                  loading={restore.isPending && restore.variables === i.id}
                  aria-label={t('list.restoreNamed', { name: i.subject })}
                  onClick={() =>
                    restore.mutate(i.id, {
                      onSuccess: (restored) => notify.success(t('list.restored', { name: restored.subject })),
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
          },
        ]
      : []),
  ];

  return (
    <Stack gap="md">
      <PageHeader
        title={t('interactions.title')}
        description={t('interactions.subtitle')}
        actions={<ExportButton path="/api/v1/interactions/export" query={filter} />}
      />
      <FiltersPanel label={t('list.filters')}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="sm">
            <SearchField label={t('list.search')} placeholder={t('interactionList.searchPlaceholder')} value={filter.q ?? ''} onChange={(q) => url.set({ q })} />
            <InteractionFilters url={url} filter={filter} />
            <Select
              label={t('list.sort')}
              data={SORTS.map((value) => ({ value, label: t(`interactionList.sorts.${value}`) }))}
              value={filter.sort}
              onChange={(v) => url.set({ sort: v === '-starts_at' ? null : v })}
              allowDeselect={false}
            />
          </SimpleGrid>
          <Group justify="space-between" gap="sm">
            <ArchivedSwitch archived={archived} onChange={(v) => url.set({ archived: v })} />
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
        items={rows}
        filtered={filtered}
        archived={archived}
        onClear={clear}
        count={{ asked: countAsked, total: count.data, counting: count.isFetching, ask: () => setCountAsked(true) }}
        texts={{
          loadError: t('records.loadError'),
          noMatchesTitle: t('interactionList.noMatchesTitle'),
          noMatchesText: t('interactionList.noMatchesText'),
          emptyTitle: t('interactionList.emptyTitle'),
          emptyText: t('interactionList.emptyText'),
          noArchivedTitle: t('interactionList.noArchivedTitle'),
          noArchivedText: t('interactionList.noArchivedText'),
          tableCaption: t('interactionList.tableCaption'),
          archivedTableCaption: t('interactionList.archivedTableCaption'),
          noun: (n, shown) => t('interactionList.count', { count: n, formatted: shown }),
        }}
        emptyIcon={<IconMessages size={28} aria-hidden="true" />}
        newButton={null}
        columnsMenu={null}
        columns={columns}
        rowKey={(i) => i.id}
        onOpen={(i) => void navigate(`/interactions/${i.id}`)}
      />
      <LoadingNote active={list.isFetching && !list.isPending} />
    </Stack>
  );
}
