import { Checkbox, Paper, Skeleton, Table, Text } from '@mantine/core';
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import classes from './VirtualTable.module.css';

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Keeps short values (dates, badges) on one line. */
  nowrap?: boolean;
  width?: number | string;
}

/** Rows that can be ticked for an action on several at once (a first column holds the boxes). */
export interface RowSelection<T> {
  selected: ReadonlySet<number>;
  onChange: (ids: number[], selected: boolean) => void;
  /** Rows the reader may not act on get no box. */
  selectable: (row: T) => boolean;
  rowId: (row: T) => number;
  rowLabel: (row: T) => string;
  allLabel: string;
}

/**
 * A table whose rows are rendered only near the viewport (the window
 * scrolls), so ten thousand loaded rows cost what forty do. Rows are real
 * table rows: spacer rows above and below stand in for the rest, and
 * aria-rowcount/aria-rowindex tell assistive technology the true size.
 * A click anywhere on a row follows its link; keyboard users tab to the link.
 * With `selection`, rows can be ticked (the box in the header ticks every
 * loaded row one may act on); `empty` is said under the header when there
 * are no rows. Every list of records is drawn by this table.
 */
export function VirtualTable<T>({
  label,
  rows,
  columns,
  rowKey,
  onOpen,
  pending = false,
  loadingMore = false,
  busy = false,
  estimateRowHeight = 56,
  minWidth = 560,
  selection,
  empty,
}: {
  label: string;
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  onOpen?: (row: T) => void;
  pending?: boolean;
  loadingMore?: boolean;
  busy?: boolean;
  estimateRowHeight?: number;
  minWidth?: number;
  selection?: RowSelection<T>;
  empty?: string;
}) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);

  // Where the rows start on the page; filters above may change height.
  useLayoutEffect(() => {
    const top = (bodyRef.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    if (Math.abs(top - scrollMargin) > 1) setScrollMargin(top);
  });

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => estimateRowHeight,
    overscan: 12,
    scrollMargin,
    // A row not laid out yet (or in a test DOM) measures 0: keep the estimate then.
    measureElement: (element) => element.getBoundingClientRect().height || estimateRowHeight,
  });
  const items = virtualizer.getVirtualItems();
  const span = columns.length + (selection ? 1 : 0);
  const selectable = selection ? rows.filter(selection.selectable) : [];
  const ticked = selection ? selectable.filter((row) => selection.selected.has(selection.rowId(row))).length : 0;
  const before = items.length ? items[0]!.start - scrollMargin : 0;
  const after = items.length ? virtualizer.getTotalSize() - (items[items.length - 1]!.end - scrollMargin) : 0;

  const open = (event: MouseEvent, row: T) => {
    if (!onOpen) return;
    const target = event.target as HTMLElement;
    // Links, buttons and text being selected keep their own behaviour.
    if (target.closest('a, button, input, [role="button"]')) return;
    if (window.getSelection()?.toString()) return;
    onOpen(row);
  };

  return (
    <Paper withBorder radius="lg" className={classes.frame}>
      <Table.ScrollContainer minWidth={minWidth} type="native">
        <Table
          verticalSpacing="sm"
          horizontalSpacing="md"
          highlightOnHover
          aria-label={label}
          aria-busy={busy || pending}
          aria-rowcount={pending ? undefined : rows.length + 1}
          className={classes.table}
        >
          <Table.Thead className={classes.head}>
            <Table.Tr aria-rowindex={1}>
              {selection && (
                <Table.Th scope="col" w={40}>
                  <Checkbox
                    aria-label={selection.allLabel}
                    checked={ticked > 0 && ticked === selectable.length}
                    indeterminate={ticked > 0 && ticked < selectable.length}
                    disabled={selectable.length === 0}
                    onChange={(e) => selection.onChange(selectable.map(selection.rowId), e.currentTarget.checked)}
                  />
                </Table.Th>
              )}
              {columns.map((c) => (
                <Table.Th key={c.id} scope="col" style={{ width: c.width }}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody ref={bodyRef}>
            {pending ? (
              <SkeletonRows count={6} columns={span} />
            ) : (
              <>
                {before > 0 && (
                  <tr aria-hidden="true" className={classes.spacer}>
                    <td colSpan={span} style={{ height: before }} />
                  </tr>
                )}
                {items.map((item) => {
                  const row = rows[item.index]!;
                  const ticked = selection?.selected.has(selection.rowId(row)) ?? false;
                  return (
                    <Table.Tr
                      key={rowKey(row)}
                      data-index={item.index}
                      ref={virtualizer.measureElement}
                      aria-rowindex={item.index + 2}
                      className={onOpen ? classes.clickable : undefined}
                      onClick={(event) => open(event, row)}
                      bg={ticked ? 'var(--mantine-primary-color-light)' : undefined}
                    >
                      {selection && (
                        <Table.Td>
                          {selection.selectable(row) && (
                            <Checkbox
                              aria-label={selection.rowLabel(row)}
                              checked={ticked}
                              onChange={(e) => selection.onChange([selection.rowId(row)], e.currentTarget.checked)}
                            />
                          )}
                        </Table.Td>
                      )}
                      {columns.map((c) => (
                        <Table.Td key={c.id} className={c.nowrap ? classes.nowrap : undefined}>
                          {c.cell(row)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  );
                })}
                {after > 0 && (
                  <tr aria-hidden="true" className={classes.spacer}>
                    <td colSpan={span} style={{ height: after }} />
                  </tr>
                )}
                {loadingMore && <SkeletonRows count={3} columns={span} />}
              </>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {empty && !pending && rows.length === 0 && (
        <Text size="sm" c="dimmed" p="lg" ta="center">
          {empty}
        </Text>
      )}
    </Paper>
  );
}

function SkeletonRows({ count, columns }: { count: number; columns: number }) {
  return Array.from({ length: count }, (_, row) => (
    <Table.Tr key={`skeleton-${row}`} aria-hidden="true">
      {Array.from({ length: columns }, (_, col) => (
        <Table.Td key={col}>
          <Skeleton height={col === 0 ? 16 : 12} width={col === 0 ? '70%' : '55%'} radius="sm" />
        </Table.Td>
      ))}
    </Table.Tr>
  ));
}
