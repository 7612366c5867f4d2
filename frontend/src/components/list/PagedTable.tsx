import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../QueryError';
import { VirtualTable, type Column, type RowSelection } from './VirtualTable';

/** The paged query behind a list, as TanStack Query's infinite query gives it. */
export interface PagedQuery {
  isError: boolean;
  isPending: boolean;
  isFetching: boolean;
  isFetchingNextPage: boolean;
  hasNextPage: boolean;
  data: unknown;
  error: unknown;
  refetch: () => unknown;
  fetchNextPage: () => unknown;
}

/**
 * A paged list's rows: the table, "load more" while the server has more,
 * and the error of a page that failed (in place of the table when nothing
 * was loaded).
 */
export function PagedTable<T>({
  list,
  rows,
  label,
  columns,
  rowKey,
  onOpen,
  onIntent,
  loadError,
  empty,
  selection,
  minWidth,
}: {
  list: PagedQuery;
  rows: readonly T[];
  label: string;
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  onOpen?: (row: T) => void;
  onIntent?: (row: T) => void;
  loadError: string;
  empty?: string;
  selection?: RowSelection<T>;
  minWidth?: number;
}) {
  const { t } = useTranslation();
  if (list.isError && !list.data) {
    return <QueryError title={loadError} error={list.error} onRetry={() => void list.refetch()} />;
  }
  return (
    <Stack gap="sm">
      <VirtualTable
        label={label}
        rows={rows}
        columns={columns}
        rowKey={rowKey}
        onOpen={onOpen}
        onIntent={onIntent}
        pending={list.isPending}
        loadingMore={list.isFetchingNextPage}
        busy={list.isFetching}
        selection={selection}
        empty={empty}
        minWidth={minWidth}
      />
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('list.loadMore')}
          </Button>
        </Group>
      )}
      {list.isError && Boolean(list.data) && <QueryError title={loadError} error={list.error} onRetry={() => void list.fetchNextPage()} />}
    </Stack>
  );
}
