import { Button, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQueryClient, type QueryClient, type UseMutationResult } from '@tanstack/react-query';
import { IconRestore } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { canCreate, canRestore } from '../../auth/permissions';
import { useMe, type User } from '../../hooks/auth';
import { flattenPages, type ListTotal } from '../../hooks/list';
import { errorMessage } from '../../i18n/errorMessage';
import { ExportButton } from '../export/ExportButton';
import type { ExportPath, ExportQuery } from '../../hooks/exports';
import { PageHeader } from '../PageHeader';
import { notify } from '../notify';
import { useCountryOptions } from '../useCountryOptions';
import { useFormat } from '../useFormat';
import { useOfficeName, useUserName } from '../useNames';
import { prefetchRoute } from '../prefetch/prefetchRoute';
import { prefetchNames } from '../prefetch/prefetchNames';
import { ColumnsMenu } from './ColumnsMenu';
import { ArchivedSwitch, FiltersPanel, LoadingNote, SearchField } from './ListParts';
import { ListResults, type ListTexts } from './ListResults';
import type { PagedQuery } from './PagedTable';
import { useStoredColumns } from './useStoredColumns';
import { readUrl, useUrlFilters, type UrlReader } from './useUrlFilters';
import type { Column } from './VirtualTable';

type Url = ReturnType<typeof useUrlFilters>;

/** What every record list's filter has: a search, a sort and the archived switch. */
export interface BaseFilter {
  q?: string;
  sort?: string;
  archived?: boolean;
}

/** What a column's cell may use to draw itself. */
export interface CellContext {
  t: TFunction;
  format: ReturnType<typeof useFormat>;
  countries: ReturnType<typeof useCountryOptions>;
  userName: ReturnType<typeof useUserName>;
  officeName: ReturnType<typeof useOfficeName>;
  archived: boolean;
}

/** A record as the shared list needs it: its id and what decides who may restore it. */
type ListRecord = { id: number; office_id: number };

/**
 * Everything that makes one resource's list page its own: the hooks that
 * read and restore its records, the filters kept in the address, the
 * columns and the words. Organizations and contacts are two of these.
 */
export interface ListResource<T extends ListRecord, S extends string, F extends BaseFilter, C extends string> {
  /** Where the records live (`/organizations`): rows open `${path}/${id}`, "new" is `${path}/new`. */
  path: string;
  /** The export of this list (`/api/v1/organizations/export`), which takes the same filters. */
  exportPath: ExportPath;
  /** The key its chosen columns are remembered under. */
  storageKey: string;
  useList: (filter: F) => PagedQuery & { data: { pages: { items?: T[] | null }[] } | undefined };
  /** Starts the first page of the list for a filter (the request useList makes), before the page is drawn. */
  prefetchList: (queryClient: QueryClient, filter: F) => Promise<unknown>;
  useCount: (filter: F, enabled: boolean) => { data: ListTotal | undefined; isFetching: boolean };
  useRestore: () => UseMutationResult<T, Error, number>;
  sorts: readonly S[];
  defaultSort: S;
  /** The filter the address holds, besides q, sort and archived (which every list reads alike). */
  readFilter: (url: UrlReader) => Omit<F, 'q' | 'sort' | 'archived'>;
  /** The address keys that narrow the list (a "clear filters" button shows when any is set). */
  filterKeys: readonly string[];
  optionalColumns: readonly C[];
  defaultColumns: readonly C[];
  columnLabels: (t: TFunction) => Record<C, string>;
  /** The first column, always shown: the record's name, a link unless archived. */
  nameColumn: (ctx: CellContext) => Column<T>;
  columns: (ctx: CellContext) => Record<C, Column<T>>;
  /** Asks for a record before its page is opened, when a row shows the intent to open it. */
  prefetch?: (queryClient: QueryClient, id: number) => Promise<unknown>;
  /** How a record is called in messages ("… was restored"). */
  displayName: (row: T) => string;
  /** The filter fields between the search and the sort. */
  Filters: (props: { url: Url; filter: F }) => ReactNode;
  /** What sits next to the archived switch. */
  Extras?: (props: { url: Url; filter: F }) => ReactNode;
  texts: (t: TFunction) => ListTexts & { title: string; subtitle: string; searchPlaceholder: string; newLabel: string; sortLabel: (sort: S) => string };
  newIcon: ReactNode;
  emptyIcon: ReactNode;
}

/**
 * A list of records: the header with "new", the filters (in the address, so
 * a filtered list survives a reload and can be shared), the remembered
 * columns, the virtualised table with its empty and no-match states, and the
 * archive with its restore button. One component, parameterised by the
 * resource, so organizations and contacts look and behave alike.
 */
export function RecordListPage<T extends ListRecord, S extends string, F extends BaseFilter, C extends string>({
  resource,
}: {
  resource: ListResource<T, S, F, C>;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const url = useUrlFilters();
  const filter = listFilter(resource, url);
  const filtered = resource.filterKeys.some((key) => url.params.has(key));
  const archived = Boolean(filter.archived);
  const format = useFormat();
  const countries = useCountryOptions();
  const userName = useUserName();
  const officeName = useOfficeName();
  const restore = resource.useRestore();
  const texts = resource.texts(t);

  const list = resource.useList(filter);
  const items = useMemo(() => flattenPages(list.data?.pages), [list.data]);
  const [countAsked, setCountAsked] = useState(false);
  const count = resource.useCount(filter, countAsked);

  const [visible, setVisible] = useStoredColumns(resource.storageKey, resource.optionalColumns, resource.defaultColumns);
  const columnLabels = resource.columnLabels(t);

  const columns = useMemo(() => {
    const ctx: CellContext = { t, format, countries, userName, officeName, archived };
    const all = resource.columns(ctx);
    const chosen = [resource.nameColumn(ctx), ...visible.map((id) => all[id as C]).filter(Boolean)];
    if (archived) chosen.push(restoreColumn({ t, me, restore, displayName: resource.displayName }));
    return chosen;
  }, [resource, visible, archived, countries, format, officeName, userName, t, me, restore]);

  const newButton = (
    <>
      <ExportButton path={resource.exportPath} query={filter as unknown as ExportQuery} />
      {canCreate(me) && (
        <Button component={Link} to={`${resource.path}/new`} leftSection={resource.newIcon}>
          {texts.newLabel}
        </Button>
      )}
    </>
  );
  const clear = () => url.clear(archived ? ['archived', 'sort'] : ['sort']);
  const { Filters, Extras } = resource;

  return (
    <Stack gap="md">
      <PageHeader title={texts.title} description={texts.subtitle} actions={newButton} />

      <FiltersPanel label={t('list.filters')}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" verticalSpacing="sm">
            <SearchField label={t('list.search')} placeholder={texts.searchPlaceholder} value={filter.q ?? ''} onChange={(q) => url.set({ q })} />
            <Filters url={url} filter={filter} />
            <Select
              label={t('list.sort')}
              data={resource.sorts.map((value) => ({ value, label: texts.sortLabel(value) }))}
              value={filter.sort ?? resource.defaultSort}
              onChange={(v) => url.set({ sort: v === resource.defaultSort ? null : v })}
              allowDeselect={false}
            />
          </SimpleGrid>
          <Group justify="space-between" gap="sm">
            <Group gap="sm">
              <ArchivedSwitch archived={archived} onChange={(v) => url.set({ archived: v })} />
              {Extras && <Extras url={url} filter={filter} />}
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
        texts={texts}
        emptyIcon={resource.emptyIcon}
        newButton={newButton}
        columnsMenu={
          <ColumnsMenu columns={resource.optionalColumns.map((id) => ({ id, label: columnLabels[id] }))} visible={visible} onChange={setVisible} />
        }
        columns={columns}
        rowKey={(row) => row.id}
        onOpen={(row) => void navigate(`${resource.path}/${row.id}`)}
        onIntent={(row) => {
          // The record's page and its record start loading together, before the click.
          prefetchRoute(`${resource.path}/${row.id}`);
          void resource.prefetch?.(queryClient, row.id);
        }}
      />
      <LoadingNote active={list.isFetching && !list.isPending} />
    </Stack>
  );
}

/** The filter a list's address asks for: its search, its resource's filters, the archive and a sort the list offers. */
function listFilter<T extends ListRecord, S extends string, F extends BaseFilter, C extends string>(resource: ListResource<T, S, F, C>, url: UrlReader): F {
  const sort = url.text('sort');
  return {
    q: url.text('q'),
    ...resource.readFilter(url),
    archived: url.flag('archived') || undefined,
    sort: (resource.sorts as readonly string[]).includes(sort ?? '') ? (sort as S) : resource.defaultSort,
  } as unknown as F;
}

/**
 * Starts what a list page draws, for the address it is opened at: the first
 * page of records, and the names its cells and filters show (countries,
 * offices, people, tags). Waited for before the first page is drawn (src/pageData.ts),
 * the page is drawn once, with its rows, instead of once empty and again as
 * each answer comes in: on a phone each of those renders is a long task.
 */
export function prefetchListPage<T extends ListRecord, S extends string, F extends BaseFilter, C extends string>(
  queryClient: QueryClient,
  resource: ListResource<T, S, F, C>,
  search: string,
): Promise<unknown> {
  return Promise.all([resource.prefetchList(queryClient, listFilter(resource, readUrl(new URLSearchParams(search)))), prefetchNames(queryClient)]);
}

/** The archive's last column: restore, for those who may; a note for those who may not. */
function restoreColumn<T extends ListRecord>({
  t,
  me,
  restore,
  displayName,
}: {
  t: TFunction;
  me: User | null | undefined;
  restore: UseMutationResult<T, Error, number>;
  displayName: (row: T) => string;
}): Column<T> {
  return {
    id: 'actions',
    header: t('common.actions'),
    nowrap: true,
    cell: (row) =>
      canRestore(me, row) ? (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconRestore size={14} aria-hidden="true" />}
          loading={restore.isPending && restore.variables === row.id}
          aria-label={t('list.restoreNamed', { name: displayName(row) })}
          onClick={() =>
            restore.mutate(row.id, {
              onSuccess: (restored) => notify.success(t('list.restored', { name: displayName(restored) })),
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
  };
}
