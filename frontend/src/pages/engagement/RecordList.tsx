import { Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';

/** A plain read-only table with "load more", for the records whose editors come later. */
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
}) {
  const { t } = useTranslation();
  if (error && !rows.length) return <QueryError title={t('records.loadError')} error={error} onRetry={onRetry} />;
  return (
    <Stack gap="sm">
      <Paper withBorder radius="lg" style={{ overflow: 'hidden' }}>
        <Table.ScrollContainer minWidth={640} type="native">
          <Table verticalSpacing="sm" horizontalSpacing="md" aria-label={label} aria-busy={pending}>
            <Table.Thead bg="var(--mantine-color-gray-0)">
              <Table.Tr>
                {headers.map((h) => (
                  <Table.Th key={h} scope="col" style={{ whiteSpace: 'nowrap' }}>
                    {h}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id}>
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
