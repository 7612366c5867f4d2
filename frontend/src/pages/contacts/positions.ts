import type { Position } from '../../hooks/contacts';

/** Today as `YYYY-MM-DD` in the reader's time zone. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** A position is held until its end date has passed. */
export function isCurrent(position: Pick<Position, 'end_date'>): boolean {
  return !position.end_date || position.end_date >= today();
}

/** Current positions first (the primary one on top), then past ones, latest first. */
export function sortPositions<P extends Pick<Position, 'end_date' | 'start_date' | 'primary'>>(positions: readonly P[]): P[] {
  return [...positions].sort((a, b) => {
    const current = Number(isCurrent(b)) - Number(isCurrent(a));
    if (current) return current;
    const primary = Number(Boolean(b.primary)) - Number(Boolean(a.primary));
    if (primary) return primary;
    return (b.end_date ?? '9999').localeCompare(a.end_date ?? '9999') || (b.start_date ?? '').localeCompare(a.start_date ?? '');
  });
}

/** "12 Mar 2024 – present", or '' when no dates are known. */
export function dateRange(start: string | null | undefined, end: string | null | undefined, date: (v: string) => string, present: string) {
  if (!start && !end) return '';
  return `${start ? date(start) : '…'} – ${end ? date(end) : present}`;
}
