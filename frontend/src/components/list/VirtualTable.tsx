import { Paper, Skeleton, Table } from '@mantine/core';
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

/**
 * A table whose rows are rendered only near the viewport (the window
 * scrolls), so ten thousand loaded rows cost what forty do. Rows are real
 * table rows: spacer rows above and below stand in for the rest, and
 * aria-rowcount/aria-rowindex tell assistive technology the true size.
 * A click anywhere on a row follows its link; keyboard users tab to the link.
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
      <Table.ScrollContainer minWidth={560} type="native">
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
              {columns.map((c) => (
                <Table.Th key={c.id} scope="col" style={{ width: c.width }}>
                  {c.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody ref={bodyRef}>
            {pending ? (
              <SkeletonRows count={6} columns={columns.length} />
            ) : (
              <>
                {before > 0 && (
                  <tr aria-hidden="true" className={classes.spacer}>
                    <td colSpan={columns.length} style={{ height: before }} />
                  </tr>
                )}
                {items.map((item) => {
                  const row = rows[item.index]!;
                  return (
                    <Table.Tr
                      key={rowKey(row)}
                      data-index={item.index}
                      ref={virtualizer.measureElement}
                      aria-rowindex={item.index + 2}
                      className={onOpen ? classes.clickable : undefined}
                      onClick={(event) => open(event, row)}
                    >
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
                    <td colSpan={columns.length} style={{ height: after }} />
                  </tr>
                )}
                {loadingMore && <SkeletonRows count={3} columns={columns.length} />}
              </>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
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
