// The arithmetic of the month calendar, kept apart from React so it can be tested alone.
// Dates are plain `YYYY-MM-DD` strings handled as UTC midnights: no zone moves them.

export interface Month {
  year: number;
  /** 1–12 */
  month: number;
}

const DAY = 86_400_000;

export function toDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

export function toIso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return toIso(new Date(toDate(iso).getTime() + days * DAY));
}

/** `2026-09` → September 2026; anything else → null. */
export function parseMonth(value: string | null | undefined): Month | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null;
}

export function formatMonth({ year, month }: Month): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function monthOf(iso: string): Month {
  return { year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)) };
}

export function addMonths({ year, month }: Month, n: number): Month {
  const index = year * 12 + (month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

export function daysInMonth({ year, month }: Month): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function firstOfMonth(m: Month): string {
  return `${formatMonth(m)}-01`;
}

export function lastOfMonth(m: Month): string {
  return `${formatMonth(m)}-${String(daysInMonth(m)).padStart(2, '0')}`;
}

/** The same day of another month, kept inside that month (31 January + 1 month → 28 February). */
export function shiftMonthKeepingDay(iso: string, n: number): string {
  const target = addMonths(monthOf(iso), n);
  const day = Math.min(Number(iso.slice(8, 10)), daysInMonth(target));
  return `${formatMonth(target)}-${String(day).padStart(2, '0')}`;
}

/**
 * The first day of the week where the reader lives, as Date.getUTCDay counts
 * (0 Sunday … 6 Saturday): Monday in Bosnia and Britain, Saturday in Iraq,
 * Sunday in the United States. Monday when the runtime cannot say.
 */
export function firstDayOfWeek(locale: string): number {
  try {
    const l = new Intl.Locale(locale) as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
    const first = l.getWeekInfo?.().firstDay ?? l.weekInfo?.firstDay;
    if (typeof first === 'number' && first >= 1 && first <= 7) return first % 7;
  } catch {
    // Fall through to Monday.
  }
  return 1;
}

/** The weeks that show a month: whole weeks, starting on `firstDay`, padded with the neighbouring months' days. */
export function monthWeeks(m: Month, firstDay: number): string[][] {
  const first = firstOfMonth(m);
  const lead = (toDate(first).getUTCDay() - firstDay + 7) % 7;
  const start = addDays(first, -lead);
  const last = lastOfMonth(m);
  const weeks: string[][] = [];
  for (let day = start; day <= last; day = addDays(day, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => addDays(day, i)));
  }
  return weeks;
}

export interface Spanned {
  id: number;
  start_date: string;
  end_date: string;
}

/** One visit's stretch within one week row. */
export interface Segment<T extends Spanned> {
  item: T;
  /** 0–6, the column of its first day in this week. */
  column: number;
  /** How many days it covers in this week. */
  span: number;
  /** The row within the week, so overlapping visits stack instead of covering each other. */
  lane: number;
  /** It began before this week / goes on after it. */
  continuesBefore: boolean;
  continuesAfter: boolean;
}

/** Whether a stretch of days touches the range `from`–`to` (all inclusive). */
export function overlaps(item: Pick<Spanned, 'start_date' | 'end_date'>, from: string, to: string): boolean {
  const end = item.end_date && item.end_date >= item.start_date ? item.end_date : item.start_date;
  return item.start_date <= to && end >= from;
}

/**
 * Lays the visits touching a week out as chips: each takes the lowest lane
 * free over all its days. Longer visits go first, so they sit on top and
 * short ones fill in below.
 */
export function layoutWeek<T extends Spanned>(week: string[], items: readonly T[]): { segments: Segment<T>[]; lanes: number } {
  const from = week[0]!;
  const to = week[week.length - 1]!;
  const touching = items
    .filter((item) => overlaps(item, from, to))
    .map((item) => {
      const end = item.end_date && item.end_date >= item.start_date ? item.end_date : item.start_date;
      const first = item.start_date < from ? from : item.start_date;
      const last = end > to ? to : end;
      return { item, end, column: week.indexOf(first), span: week.indexOf(last) - week.indexOf(first) + 1 };
    })
    .sort((a, b) => a.column - b.column || b.span - a.span || a.item.start_date.localeCompare(b.item.start_date) || a.item.id - b.item.id);
  const taken: boolean[][] = [];
  const segments = touching.map(({ item, end, column, span }) => {
    let lane = 0;
    while (taken[lane]?.slice(column, column + span).some(Boolean)) lane++;
    taken[lane] ??= Array(7).fill(false) as boolean[];
    for (let c = column; c < column + span; c++) taken[lane]![c] = true;
    return { item, column, span, lane, continuesBefore: item.start_date < from, continuesAfter: end > to };
  });
  return { segments, lanes: taken.length };
}

/** The visits on one day, in the order they began. */
export function itemsOn<T extends Spanned>(day: string, items: readonly T[]): T[] {
  return items.filter((item) => overlaps(item, day, day)).sort((a, b) => a.start_date.localeCompare(b.start_date) || a.id - b.id);
}

/**
 * Where a key press moves the focused day: arrows by a day or a week
 * (left and right swap in right-to-left layouts, where the week runs the
 * other way), Home and End to the week's ends, Page Up and Page Down by a
 * month. Null for keys the calendar leaves alone.
 */
export function moveFocus(day: string, key: string, { rtl = false, firstDay = 1 }: { rtl?: boolean; firstDay?: number } = {}): string | null {
  const column = (toDate(day).getUTCDay() - firstDay + 7) % 7;
  switch (key) {
    case 'ArrowRight':
      return addDays(day, rtl ? -1 : 1);
    case 'ArrowLeft':
      return addDays(day, rtl ? 1 : -1);
    case 'ArrowDown':
      return addDays(day, 7);
    case 'ArrowUp':
      return addDays(day, -7);
    case 'Home':
      return addDays(day, -column);
    case 'End':
      return addDays(day, 6 - column);
    case 'PageDown':
      return shiftMonthKeepingDay(day, 1);
    case 'PageUp':
      return shiftMonthKeepingDay(day, -1);
    default:
      return null;
  }
}

/**
 * The list query that finds every visit touching a month. The API filters on
 * the start date only (exclusive bounds), so visits are asked for from
 * `reach` days before the month and those ending before it are dropped here.
 */
export function monthQuery(m: Month, reach = 92): { start_after: string; start_before: string; from: string; to: string } {
  const from = firstOfMonth(m);
  const to = lastOfMonth(m);
  return { start_after: addDays(from, -reach - 1), start_before: addDays(to, 1), from, to };
}
