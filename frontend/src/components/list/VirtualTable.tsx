import { Checkbox, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { memo, useMemo, useRef, type MouseEvent, type ReactNode } from 'react';
import { usePhone } from './usePhone';
import { useWindowRows } from './useWindowRows';
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
 *
 * On a phone the rows are cards instead (VirtualCards): the first column is
 * the card's title, the others its facts, each with its column's name; no
 * table wider than the screen.
 */
export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const phone = usePhone();
  return phone ? <VirtualCards {...props} /> : <WideTable {...props} />;
}

interface VirtualTableProps<T> {
  label: string;
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string | number;
  onOpen?: (row: T) => void;
  /** A pointer, focus or finger on a row, before any click: its page may start loading. */
  onIntent?: (row: T) => void;
  pending?: boolean;
  loadingMore?: boolean;
  busy?: boolean;
  /** A table row's likely height; cards estimate theirs from their columns (cardHeight). */
  estimateRowHeight?: number;
  minWidth?: number;
  selection?: RowSelection<T>;
  empty?: string;
}

/** A click on a row or card opens it, unless it was on a control of its own or text was being selected. */
function opener<T>(onOpen: ((row: T) => void) | undefined) {
  return (event: MouseEvent, row: T) => {
    if (!onOpen) return;
    const target = event.target as HTMLElement;
    if (target.closest('a, button, input, [role="button"]')) return;
    if (window.getSelection()?.toString()) return;
    onOpen(row);
  };
}

/** The handlers that report a row's intent to be opened: a pointer over it, focus inside it, a finger on it. */
function intentHandlers<T>(onIntent: ((row: T) => void) | undefined, row: T) {
  if (!onIntent) return {};
  const intent = () => onIntent(row);
  return { onPointerEnter: intent, onFocus: intent, onTouchStart: intent };
}

/** A cell's content that says nothing (the tables' "—" for an empty value): a card leaves the fact out. */
function isBlank(node: ReactNode): boolean {
  return node === null || node === undefined || node === false || node === '' || node === '—';
}

/**
 * The phone's form of the table: one card per row, rendered only near the
 * viewport as the table's rows are, in a list that says how many there are.
 */
function VirtualCards<T>({
  label,
  rows,
  columns,
  rowKey,
  onOpen,
  onIntent,
  pending = false,
  loadingMore = false,
  busy = false,
  selection,
  empty,
}: VirtualTableProps<T>) {
  const listRef = useRef<HTMLUListElement>(null);
  // A phone's screen holds two to four cards: two more each way (the
  // overscan) keep a scroll drawn, at a third of the first render's cards of six.
  const { virtualizer, items, before, after } = useWindowRows(listRef, `cards ${label}`, rows.length, cardHeight(columns.length), 2);
  const handlers = useRowHandlers(onOpen, onIntent, selection);
  const selectable = selection ? rows.filter(selection.selectable) : [];
  const ticked = selection ? selectable.filter((row) => selection.selected.has(selection.rowId(row))).length : 0;

  return (
    <Stack gap="xs">
      {selection && selectable.length > 0 && (
        <Checkbox
          label={selection.allLabel}
          checked={ticked > 0 && ticked === selectable.length}
          indeterminate={ticked > 0 && ticked < selectable.length}
          onChange={(e) => selection.onChange(selectable.map(selection.rowId), e.currentTarget.checked)}
          px="xs"
        />
      )}
      <ul ref={listRef} aria-label={label} aria-busy={busy || pending} className={classes.cards} data-testid="list-cards">
        {pending ? (
          <SkeletonCards count={4} />
        ) : (
          <>
            {before > 0 && <li aria-hidden="true" className={classes.cardSpacer} style={{ height: before }} />}
            {items.map((item) => {
              const row = rows[item.index]!;
              return (
                <li
                  key={rowKey(row)}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className={classes.cardItem}
                  aria-setsize={rows.length}
                  aria-posinset={item.index + 1}
                >
                  <Card
                    row={row}
                    columns={columns}
                    clickable={Boolean(onOpen)}
                    selectable={selection?.selectable(row) ?? false}
                    selected={selection?.selected.has(selection.rowId(row)) ?? false}
                    handlers={handlers}
                  />
                </li>
              );
            })}
            {after > 0 && <li aria-hidden="true" className={classes.cardSpacer} style={{ height: after }} />}
            {loadingMore && <SkeletonCards count={2} />}
          </>
        )}
      </ul>
      {empty && !pending && rows.length === 0 && (
        <Paper withBorder radius="lg">
          <Text size="sm" c="dimmed" p="lg" ta="center">
            {empty}
          </Text>
        </Paper>
      )}
    </Stack>
  );
}

/**
 * A card's likely height for its number of columns: the title, then the
 * facts two to a line. Cards are measured once drawn; an estimate far off
 * made the first render draw (and then drop) twice the cards that fit,
 * a long task on a phone.
 */
function cardHeight(columns: number): number {
  return 72 + Math.ceil(Math.max(columns - 1, 0) / 2) * 52;
}

/** What a row or card does with a click, a sign of intent and its box: the same functions from render to render (the rows' and cards' memo holds). */
interface RowHandlers<T> {
  open: (event: MouseEvent, row: T) => void;
  intent: ((row: T) => void) | undefined;
  tick: (row: T, ticked: boolean) => void;
  tickLabel: (row: T) => string;
}

/**
 * The rows' and cards' handlers, kept for the list's life and calling the
 * latest props: a row's cells or a card then draw again only when its row,
 * its columns or its tick change, not each time the list re-renders (as it
 * does when rows are measured, or the page scrolls near a row not yet drawn).
 */
function useRowHandlers<T>(onOpen: ((row: T) => void) | undefined, onIntent: ((row: T) => void) | undefined, selection: RowSelection<T> | undefined): RowHandlers<T> {
  const latest = useRef({ onOpen, onIntent, selection });
  latest.current = { onOpen, onIntent, selection };
  const hasIntent = Boolean(onIntent);
  return useMemo(
    () => ({
      open: (event: MouseEvent, row: T) => opener(latest.current.onOpen)(event, row),
      intent: hasIntent ? (row: T) => latest.current.onIntent?.(row) : undefined,
      tick: (row: T, ticked: boolean) => {
        const current = latest.current.selection;
        if (current) current.onChange([current.rowId(row)], ticked);
      },
      tickLabel: (row: T) => latest.current.selection?.rowLabel(row) ?? '',
    }),
    [hasIntent],
  );
}

/** What a drawn row, as a card or as a table's cells, is drawn from: its memo compares these. */
interface DrawnRowProps<T> {
  row: T;
  columns: Column<T>[];
  selectable: boolean;
  selected: boolean;
  handlers: RowHandlers<T>;
}

interface CardProps<T> extends DrawnRowProps<T> {
  clickable: boolean;
}

/** One row as a card: its first column the title, the others its facts, each with its column's name. */
function CardOf<T>({ row, columns, clickable, selectable, selected, handlers }: CardProps<T>) {
  const [title, ...facts] = columns;
  return (
    <Paper
      withBorder
      radius="lg"
      p="sm"
      className={clickable ? `${classes.card} ${classes.clickable}` : classes.card}
      onClick={(event: MouseEvent) => handlers.open(event, row)}
      {...intentHandlers(handlers.intent, row)}
      bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
    >
      <div className={classes.cardTitle}>
        {selectable && <Checkbox aria-label={handlers.tickLabel(row)} checked={selected} onChange={(e) => handlers.tick(row, e.currentTarget.checked)} />}
        <div className={classes.cardTitleText}>{title?.cell(row)}</div>
      </div>
      <dl className={classes.facts}>
        {facts.map((c) => {
          const value = c.cell(row);
          if (isBlank(value)) return null;
          return (
            <div key={c.id} className={classes.fact}>
              <dt>{c.header}</dt>
              <dd>{value}</dd>
            </div>
          );
        })}
      </dl>
    </Paper>
  );
}

const Card = memo(CardOf) as typeof CardOf;

function SkeletonCards({ count }: { count: number }) {
  return Array.from({ length: count }, (_, i) => (
    <li key={`skeleton-${i}`} aria-hidden="true" className={classes.cardItem}>
      <Paper withBorder radius="lg" p="sm">
        <Skeleton height={16} width="60%" radius="sm" mb="xs" />
        <Skeleton height={12} width="85%" radius="sm" />
      </Paper>
    </li>
  ));
}

/** The desktop's form: a real table. */
function WideTable<T>({
  label,
  rows,
  columns,
  rowKey,
  onOpen,
  onIntent,
  pending = false,
  loadingMore = false,
  busy = false,
  estimateRowHeight = 56,
  minWidth = 560,
  selection,
  empty,
}: VirtualTableProps<T>) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const { virtualizer, items, before, after } = useWindowRows(bodyRef, `table ${label}`, rows.length, estimateRowHeight, 12);
  const span = columns.length + (selection ? 1 : 0);
  const selectable = selection ? rows.filter(selection.selectable) : [];
  const ticked = selection ? selectable.filter((row) => selection.selected.has(selection.rowId(row))).length : 0;
  const handlers = useRowHandlers(onOpen, onIntent, selection);

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
                      onClick={(event) => handlers.open(event, row)}
                      {...intentHandlers(handlers.intent, row)}
                      bg={ticked ? 'var(--mantine-primary-color-light)' : undefined}
                    >
                      <Cells row={row} columns={columns} ticks={Boolean(selection)} selectable={selection?.selectable(row) ?? false} selected={ticked} handlers={handlers} />
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

interface CellsProps<T> extends DrawnRowProps<T> {
  /** The table has a column of boxes (selection). */
  ticks: boolean;
}

/** A table row's cells: its box, when the table has a column of them, and each column's cell. */
function CellsOf<T>({ row, columns, ticks, selectable, selected, handlers }: CellsProps<T>) {
  return (
    <>
      {ticks && (
        <Table.Td>{selectable && <Checkbox aria-label={handlers.tickLabel(row)} checked={selected} onChange={(e) => handlers.tick(row, e.currentTarget.checked)} />}</Table.Td>
      )}
      {columns.map((c) => (
        <Table.Td key={c.id} className={c.nowrap ? classes.nowrap : undefined}>
          {c.cell(row)}
        </Table.Td>
      ))}
    </>
  );
}

/**
 * Memoized as the cards are: measuring the rows, or scrolling near one not
 * yet drawn, re-renders the table; the cells of the rows already drawn stay
 * as they are (a list's cells hold most of its components: pickers, badges,
 * links), unless their row, the columns or the tick changed.
 */
const Cells = memo(CellsOf) as typeof CellsOf;

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
