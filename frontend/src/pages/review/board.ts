import { STATUSES, type Status } from './commitmentFilters';

/** The board's columns, left to right (right to left in Arabic): the life of a commitment. */
export const BOARD_COLUMNS: readonly Status[] = STATUSES;

/** Items in their columns, each column keeping the order it was given (due date first). */
export function groupByStatus<T extends { status: Status }>(items: readonly T[], columns: readonly Status[] = BOARD_COLUMNS): Record<Status, T[]> {
  const out = Object.fromEntries(BOARD_COLUMNS.map((s) => [s, [] as T[]])) as Record<Status, T[]>;
  for (const item of items) if (columns.includes(item.status)) out[item.status].push(item);
  return out;
}

/** The column before (-1) or after (+1) a status, or null at either end. */
export function neighbour(status: Status, step: -1 | 1): Status | null {
  const i = BOARD_COLUMNS.indexOf(status) + step;
  return i >= 0 && i < BOARD_COLUMNS.length ? BOARD_COLUMNS[i]! : null;
}

/** Where a card may go from its column: every other column. */
export function moveTargets(status: Status): Status[] {
  return BOARD_COLUMNS.filter((s) => s !== status);
}

export type Move =
  | { kind: 'none' }
  /** Done needs a closure note first: the dialog asks for it and saves. */
  | { kind: 'close' }
  | { kind: 'save'; status: Status };

/** What moving a card to a column does. */
export function planMove(from: Status, to: Status): Move {
  if (from === to) return { kind: 'none' };
  if (to === 'done') return { kind: 'close' };
  return { kind: 'save', status: to };
}
