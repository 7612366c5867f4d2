import { Badge, Group, MultiSelect, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/PageHeader';
import { FiltersPanel, SearchField } from '../../components/list/ListParts';
import { useUrlFilters } from '../../components/list/useUrlFilters';
import { useFormat } from '../../components/useFormat';
import { useUserName } from '../../components/useNames';
import { useCommitments, type Commitment } from '../../hooks/engagement';
import { flattenPages } from '../../hooks/list';
import { RecordList } from './RecordList';

const STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const satisfies readonly Commitment['status'][];

export function CommitmentsPage() {
  const { t } = useTranslation();
  const url = useUrlFilters();
  const format = useFormat();
  const userName = useUserName();
  const overdue = url.flag('overdue');
  const filter = {
    q: url.text('q'),
    status: url.oneOf('status', STATUSES),
    overdue: overdue ? ('true' as const) : undefined,
    sort: 'due_date' as const,
  };
  const list = useCommitments(filter);
  const rows = useMemo(() => flattenPages(list.data?.pages), [list.data]);
  return (
    <Stack gap="md">
      <PageHeader title={t('commitments.title')} description={t('commitments.subtitle')} />
      <FiltersPanel label={t('list.filters')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <SearchField label={t('list.search')} value={filter.q ?? ''} onChange={(q) => url.set({ q })} />
          <MultiSelect
            label={t('records.status')}
            placeholder={filter.status.length ? undefined : t('list.any')}
            data={STATUSES.map((value) => ({ value, label: t(`commitment.statuses.${value}`) }))}
            value={filter.status}
            onChange={(v) => url.set({ status: v })}
            clearable
          />
          <Group align="flex-end" pb={8}>
            <Switch label={t('commitments.overdueOnly')} checked={overdue} onChange={(e) => url.set({ overdue: e.currentTarget.checked })} />
          </Group>
        </SimpleGrid>
      </FiltersPanel>
      <RecordList
        label={t('commitments.title')}
        rows={rows}
        headers={[t('records.titleColumn'), t('commitments.direction'), t('commitments.owner'), t('commitments.dueDate'), t('records.status')]}
        cells={(c) => [
          <Text key="t" size="sm" fw={600}>
            <bdi>{c.title}</bdi>
          </Text>,
          t(`commitment.directions.${c.direction}`),
          userName(c.owner_id) || '—',
          <Group key="d" gap={6} wrap="nowrap">
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {c.due_date ? format.date(c.due_date) : '—'}
            </Text>
            {c.overdue && (
              <Badge size="xs" color="red" tt="none">
                {t('commitment.overdue')}
              </Badge>
            )}
          </Group>,
          <Badge key="s" variant="light" tt="none" color={c.status === 'done' ? 'teal' : c.status === 'cancelled' ? 'gray' : 'orange'}>
            {t(`commitment.statuses.${c.status}`)}
          </Badge>,
        ]}
        pending={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
        empty={t('commitments.empty')}
      />
    </Stack>
  );
}
