import { Badge, MultiSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { Fragment, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { FiltersPanel, SearchField } from '../../components/list/ListParts';
import { useUrlFilters } from '../../components/list/useUrlFilters';
import { useFormat } from '../../components/useFormat';
import { useInteractions, type Interaction } from '../../hooks/interactions';
import { flattenPages } from '../../hooks/list';
import { PagedTable } from '../../components/list/PagedTable';
import type { Column } from '../../components/list/VirtualTable';

const KINDS = ['meeting', 'call', 'email', 'message', 'reception', 'site_visit', 'workshop', 'event', 'other'] as const satisfies readonly Interaction['kind'][];

export function InteractionsPage() {
  const { t } = useTranslation();
  const url = useUrlFilters();
  const format = useFormat();
  const filter = { q: url.text('q'), kind: url.oneOf('kind', KINDS), sort: '-starts_at' as const };
  const list = useInteractions(filter);
  const rows = useMemo(() => flattenPages(list.data?.pages), [list.data]);
  const columns: Column<Interaction>[] = [
    {
      id: 'subject',
      header: t('records.subject'),
      cell: (i) => (
        <Text size="sm" fw={600}>
          <bdi>{i.subject}</bdi>
        </Text>
      ),
    },
    { id: 'kind', header: t('records.kind'), cell: (i) => t(`interaction.kinds.${i.kind}`) },
    { id: 'when', header: t('records.when'), nowrap: true, cell: (i) => format.dateTime(i.starts_at) },
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
        <Badge variant="light" tt="none" color={i.status === 'held' ? 'teal' : 'blue'}>
          {t(`interaction.statuses.${i.status}`)}
        </Badge>
      ),
    },
  ];
  return (
    <Stack gap="md">
      <PageHeader title={t('interactions.title')} description={t('interactions.subtitle')} />
      <FiltersPanel label={t('list.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <SearchField label={t('list.search')} value={filter.q ?? ''} onChange={(q) => url.set({ q })} />
          <MultiSelect
            label={t('records.kind')}
            placeholder={filter.kind.length ? undefined : t('list.any')}
            data={KINDS.map((value) => ({ value, label: t(`interaction.kinds.${value}`) }))}
            value={filter.kind}
            onChange={(v) => url.set({ kind: v })}
            clearable
          />
        </SimpleGrid>
      </FiltersPanel>
      <PagedTable
        list={list}
        label={t('interactions.title')}
        rows={rows}
        columns={columns}
        rowKey={(i) => i.id}
        loadError={t('records.loadError')}
        empty={t('interactions.empty')}
        minWidth={640}
      />
    </Stack>
  );
}
