import { Button, Checkbox, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';

/** Rows that can be ticked for an action on several at once (the first column holds the boxes). */
export interface RowSelection<T> {
  selected: ReadonlySet<number>;
  onChange: (ids: number[], selected: boolean) => void;
  /** Rows the reader may not act on get no box. */
  selectable: (row: T) => boolean;
  rowLabel: (row: T) => string;
  allLabel: string;
}

/**
 * A plain table with "load more", for the records whose editors come later;
 * with `selection`, rows can be ticked for actions on several at once.
 */
export function RecordList<T extends { id: number }>({
  label,
  rows,
  headers,
  cells,
  pending,
  error,
  onRetry,
  hasMore,
  loadingMore,
  onMore,
  empty,
  selection,
}: {
  label: string;
  rows: T[];
  headers: string[];
  cells: (row: T) => ReactNode[];
  pending: boolean;
  error: unknown;
  onRetry: () => void;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
  empty: string;
  selection?: RowSelection<T>;
}) {
  const { t } = useTranslation();
  const selectable = selection ? rows.filter(selection.selectable) : [];
  const ticked = selectable.filter((row) => selection?.selected.has(row.id)).length;
  if (error && !rows.length) return <QueryError title={t('records.loadError')} error={error} onRetry={onRetry} />;
  return (
    <Stack gap="sm">
      <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={640} type="native">
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={label} aria-busy={pending}>
            <Table.Thead bg="var(--mantine-color-gray-0)">
              <Table.Tr>
                {selection && (
                  <Table.Th scope="col" w={40}>
                    <Checkbox
                      aria-label={selection.allLabel}
                      checked={ticked > 0 && ticked === selectable.length}
                      indeterminate={ticked > 0 && ticked < selectable.length}
                      disabled={selectable.length === 0}
                      onChange={(e) => selection.onChange(selectable.map((row) => row.id), e.currentTarget.checked)}
                    />
                  </Table.Th>
                )}
                {headers.map((h) => (
                  <Table.Th key={h} scope="col" style={{ whiteSpace: 'nowrap' }}>
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} bg={selection?.selected.has(row.id) ? 'var(--mantine-primary-color-light)' : undefined}>
                  {selection && (
                    <Table.Td>
                      {selection.selectable(row) && (
                        <Checkbox
                          aria-label={selection.rowLabel(row)}
                          checked={selection.selected.has(row.id)}
                          onChange={(e) => selection.onChange([row.id], e.currentTarget.checked)}
                        />
                      )}
                    </Table.Td>
                  )}
                  {cells(row).map((cell, i) => (
                    <Table.Td key={i}>{cell}</Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {!pending && rows.length === 0 && (
          <Text size="sm" c="dimmed" p="lg" ta="center">
            {empty}
          </Text>
        )}
        {pending && (
          <Text size="sm" c="dimmed" p="lg" ta="center">
            {t('common.loading')}
          </Text>
        )}
      </Paper>
      {hasMore && (
        <Group justify="center">
          <Button variant="default" onClick={onMore} loading={loadingMore}>
            {t('list.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
