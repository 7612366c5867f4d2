import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { Segmented } from '../../components/segmented/Segmented';
import { IconAlertTriangle, IconEye, IconLayoutKanban, IconTable, IconUserShare } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { canBulkReassign, canCreate } from '../../auth/permissions';
import { ExportButton } from '../../components/export/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { useFormat } from '../../components/useFormat';
import { useOfficeName, useUserName } from '../../components/useNames';
import { useMe } from '../../hooks/auth';
import { commitmentsQuery, prefetchCounterpartNames, useCommitments, useCounterpartNames, type Commitment } from '../../hooks/commitments';
import { projectsQuery } from '../../hooks/projects';
import { prefetchNames } from '../../components/prefetch/prefetchNames';
import type { QueryClient } from '@tanstack/react-query';
import { CommitmentEditDialog } from '../commitments/CommitmentEditDialog';
import { EditCommitmentButton, WithWhom } from '../commitments/CommitmentParts';
import { flattenPages } from '../../hooks/list';
import { CommitmentBoard } from '../review/CommitmentBoard';
import { CommitmentFiltersPanel } from '../review/CommitmentFiltersPanel';
import { CloseDialog, StatusSelect, WHOLE_BADGE } from '../review/CommitmentStatus';
import { ReassignDialog } from '../review/ReassignDialog';
import { filtersFromParams, filtersToParams, filtersToQuery, type CommitmentFilters } from '../review/commitmentFilters';
import { PagedTable } from '../../components/list/PagedTable';
import type { Column } from '../../components/list/VirtualTable';

/**
 * The commitments register, as a table or a board by status. Every filter
 * and the view live in the address, so the review's numbers link straight
 * to the matching list.
 */
export function CommitmentsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const setFilters = useCallback(
    (patch: Partial<CommitmentFilters>) => setParams((prev) => filtersToParams({ ...filtersFromParams(prev), ...patch }), { replace: true }),
    [setParams],
  );
  const { data: me } = useMe();
  const format = useFormat();
  const userName = useUserName();
  const officeName = useOfficeName();
  const list = useCommitments(filtersToQuery(filters));
  const rows = useMemo(() => flattenPages(list.data?.pages), [list.data]);
  const names = useCounterpartNames(rows);
  const [closing, setClosing] = useState<Commitment | null>(null);
  const [editing, setEditing] = useState<Commitment | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [reassigning, setReassigning] = useState(false);
  const mayReassign = canBulkReassign(me);
  const readOnly = !!me && !canCreate(me);
  const chosen = rows.filter((r) => selected.has(r.id));
  // The same columns until what they show changes: the table's rows then
  // draw again only when their own commitment does (VirtualTable's Cells).
  const columns = useMemo<Column<Commitment>[]>(
    () => [
      {
        id: 'title',
        header: t('records.titleColumn'),
        cell: (c) => (
          <Anchor component={Link} to={`/commitments/${c.id}`} size="sm" fw={600}>
            <bdi>{c.title}</bdi>
          </Anchor>
        ),
      },
      { id: 'withWhom', header: t('commitmentList.withWhom'), cell: (c) => <WithWhom commitment={c} names={names} /> },
      { id: 'direction', header: t('commitments.direction'), cell: (c) => t(`commitment.directions.${c.direction}`) },
      { id: 'owner', header: t('commitments.owner'), cell: (c) => userName(c.owner_id) || '—' },
      { id: 'office', header: t('commitmentList.office'), cell: (c) => officeName(c.office_id) || '—' },
      {
        id: 'due',
        header: t('commitments.dueDate'),
        cell: (c) => (
          <Stack gap={4} align="flex-start">
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {c.due_date ? format.date(c.due_date) : '—'}
            </Text>
            {c.overdue && (
              <Badge size="sm" color="red" variant="light" tt="none" styles={WHOLE_BADGE} leftSection={<IconAlertTriangle size={12} aria-hidden="true" />}>
                {t('commitment.overdue')}
              </Badge>
            )}
          </Stack>
        ),
      },
      { id: 'status', header: t('records.status'), cell: (c) => <StatusSelect commitment={c} onDone={() => setClosing(c)} /> },
      ...(readOnly
        ? []
        : [{ id: 'actions', header: t('common.actions'), nowrap: true, cell: (c: Commitment) => <EditCommitmentButton commitment={c} onEdit={setEditing} /> }]),
    ],
    [t, names, userName, officeName, format, readOnly],
  );
  const select = (ids: number[], on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      for (const id of ids) if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <Stack gap="md">
      <PageHeader
        title={t('commitments.title')}
        description={t('commitments.subtitle')}
        actions={
          <>
            <ExportButton path="/api/v1/commitments/export" query={filtersToQuery(filters)} />
            <Segmented
              aria-label={t('board.view')}
              value={filters.view}
              onChange={(v) => setFilters({ view: v === 'board' ? 'board' : 'table' })}
              data={[
                {
                  value: 'table',
                  label: (
                    <Group gap={6} wrap="nowrap">
                      <IconTable size={16} aria-hidden="true" />
                      {t('board.table')}
                    </Group>
                  ),
                },
                {
                  value: 'board',
                  label: (
                    <Group gap={6} wrap="nowrap">
                      <IconLayoutKanban size={16} aria-hidden="true" />
                      {t('board.board')}
                    </Group>
                  ),
                },
              ]}
            />
          </>
        }
      />
      {readOnly && (
        <Alert variant="light" color="gray" icon={<IconEye aria-hidden="true" />} py="xs">
          <Text size="sm">{t('permissions.readOnlyCommitments')}</Text>
        </Alert>
      )}
      <CommitmentFiltersPanel filters={filters} onChange={setFilters} onClear={() => setParams(filtersToParams({ view: filters.view }), { replace: true })} />
      {filters.view === 'table' && mayReassign && (
        <Paper withBorder radius="lg" px="md" py="xs" aria-label={t('reassign.toolbar')} component="section">
          <Group justify="space-between">
            <Text size="sm" aria-live="polite">
              {t('reassign.selected', { count: chosen.length, shown: format.number(chosen.length) })}
            </Text>
            <Group gap="xs">
              {chosen.length > 0 && (
                <Button variant="subtle" size="xs" onClick={() => setSelected(new Set())}>
                  {t('reassign.clearSelection')}
                </Button>
              )}
              <Button size="xs" leftSection={<IconUserShare size={16} aria-hidden="true" />} disabled={chosen.length === 0} onClick={() => setReassigning(true)}>
                {t('reassign.open')}
              </Button>
            </Group>
          </Group>
        </Paper>
      )}
      {filters.view === 'board' ? (
        <Stack gap="sm">
          <CommitmentBoard items={rows} onClose={setClosing} onEdit={setEditing} />
          {list.hasNextPage && (
            <Group justify="center">
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('list.loadMore')}
              </Button>
            </Group>
          )}
        </Stack>
      ) : (
        <PagedTable
          list={list}
          label={t('commitments.title')}
          rows={rows}
          columns={columns}
          rowKey={(c) => c.id}
          loadError={t('records.loadError')}
          empty={t('commitments.empty')}
          minWidth={readOnly ? 900 : 1000}
          selection={
            mayReassign
              ? {
                  selected,
                  onChange: select,
                  selectable: (c) => canBulkReassign(me, c),
                  rowId: (c) => c.id,
                  rowLabel: (c) => t('reassign.selectOne', { title: c.title }),
                  allLabel: t('reassign.selectAll'),
                }
              : undefined
          }
        />
      )}
      <CloseDialog commitment={closing} onClose={() => setClosing(null)} />
      <CommitmentEditDialog commitment={editing} onClose={() => setEditing(null)} />
      <ReassignDialog
        opened={reassigning}
        commitments={chosen}
        onClose={() => setReassigning(false)}
        onDone={() => {
          setReassigning(false);
          setSelected(new Set());
        }}
      />
    </Stack>
  );
}

/**
 * What the commitments page draws for the address it is opened at, started
 * before it is drawn (src/pageData.ts): the first page of commitments, their
 * counterparts' names, the names the page shows and its filter's projects.
 */
export function prefetchCommitmentsPage(queryClient: QueryClient, search: string) {
  const list = queryClient
    .fetchInfiniteQuery(commitmentsQuery(filtersToQuery(filtersFromParams(new URLSearchParams(search)))))
    .then((data) => prefetchCounterpartNames(queryClient, flattenPages(data.pages)));
  return Promise.all([list.catch(() => undefined), queryClient.prefetchQuery(projectsQuery()), prefetchNames(queryClient)]);
}
