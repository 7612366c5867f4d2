import { EmptyState, Group, Paper, Stack } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ListTotal } from '../../hooks/list';
import { QueryError } from '../QueryError';
import { ListSummary, NoMatches } from './ListParts';
import { PagedTable, type PagedQuery } from './PagedTable';
import type { Column } from './VirtualTable';

/** What a list says about itself, in the page's own words. */
export interface ListTexts {
  loadError: string;
  noMatchesTitle: string;
  noMatchesText: string;
  emptyTitle: string;
  emptyText: string;
  noArchivedTitle: string;
  noArchivedText: string;
  tableCaption: string;
  archivedTableCaption: string;
  /** "12 organizations": count picks the plural form, shown is the number as it is shown ("1,234", "10,000+"). */
  noun: (count: number, shown: string) => string;
}

/**
 * The body of a record list below its filters: the error, the empty and the
 * no-match states, or the summary (with the total on request), the
 * virtualised table and "load more". Organizations and contacts share it so
 * that both lists behave alike.
 */
export function ListResults<T>({
  list,
  items,
  texts,
  filtered,
  archived,
  onClear,
  count,
  emptyIcon,
  newButton,
  columnsMenu,
  columns,
  rowKey,
  onOpen,
  onIntent,
}: {
  list: PagedQuery;
  items: readonly T[];
  texts: ListTexts;
  filtered: boolean;
  archived: boolean;
  onClear: () => void;
  count: { asked: boolean; total: ListTotal | undefined; counting: boolean; ask: () => void };
  emptyIcon: ReactNode;
  newButton: ReactNode;
  columnsMenu: ReactNode;
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  onOpen: (row: T) => void;
  onIntent?: (row: T) => void;
}) {
  if (list.isError && !list.data) {
    return <QueryError title={texts.loadError} error={list.error} onRetry={() => void list.refetch()} />;
  }
  if (!list.isPending && items.length === 0) {
    if (filtered) return <NoMatches title={texts.noMatchesTitle} text={texts.noMatchesText} onClear={onClear} />;
    return (
      <Paper withBorder radius="lg" py={48} px="md">
        {archived ? (
          <EmptyState icon={<IconRestore size={28} aria-hidden="true" />} title={texts.noArchivedTitle} description={texts.noArchivedText} />
        ) : (
          <EmptyState icon={emptyIcon} title={texts.emptyTitle} description={texts.emptyText} variant="light">
            {newButton && <EmptyState.Actions>{newButton}</EmptyState.Actions>}
          </EmptyState>
        )}
      </Paper>
    );
  }
  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm">
        <ListSummary
          loaded={items.length}
          total={count.asked ? count.total : undefined}
          counting={count.counting}
          onCount={count.ask}
          noun={texts.noun}
        />
        {columnsMenu}
      </Group>
      <PagedTable
        list={list}
        label={archived ? texts.archivedTableCaption : texts.tableCaption}
        rows={items}
        columns={columns}
        rowKey={rowKey}
        onOpen={archived ? undefined : onOpen}
        onIntent={archived ? undefined : onIntent}
        loadError={texts.loadError}
      />
    </Stack>
  );
}
