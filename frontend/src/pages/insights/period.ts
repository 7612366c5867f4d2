/** A reporting period, both ends included, as plain dates (`YYYY-MM-DD`). */
export interface Period {
  from: string;
  to: string;
}

export const PRESETS = ['thisQuarter', 'lastQuarter', 'thisYear', 'lastYear'] as const;
export type Preset = (typeof PRESETS)[number];

/** The server accepts at most five years in one report. */
export const MAX_YEARS = 5;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A calendar day as `YYYY-MM-DD`; months are 0-based as in Date, and may overflow. */
function day(year: number, month: number, date: number): string {
  const d = new Date(Date.UTC(year, month, date));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Today in the reader's own calendar, which is where "this quarter" starts and ends. */
export function localToday(now = new Date()): string {
  return day(now.getFullYear(), now.getMonth(), now.getDate());
}

/** The dates of a preset, as seen on `today` (`YYYY-MM-DD`). */
export function presetPeriod(preset: Preset, today: string): Period {
  const match = DATE.exec(today);
  if (!match) throw new Error(`not a date: ${today}`);
  const year = Number(match[1]);
  const quarter = Math.floor((Number(match[2]) - 1) / 3);
  switch (preset) {
    case 'thisQuarter':
      return { from: day(year, quarter * 3, 1), to: day(year, quarter * 3 + 3, 0) };
    case 'lastQuarter':
      // Quarter -1 of this year is the fourth of the last: Date.UTC carries the year over.
      return { from: day(year, quarter * 3 - 3, 1), to: day(year, quarter * 3, 0) };
    case 'thisYear':
      return { from: day(year, 0, 1), to: day(year, 11, 31) };
    case 'lastYear':
      return { from: day(year - 1, 0, 1), to: day(year - 1, 11, 31) };
  }
}

/** Which preset a period is, if any (so the preset stays marked after a reload). */
export function presetOf(period: Period, today: string): Preset | null {
  return PRESETS.find((preset) => {
    const p = presetPeriod(preset, today);
    return p.from === period.from && p.to === period.to;
  }) ?? null;
}

export function isDate(value: string | undefined | null): value is string {
  if (!value) return false;
  const match = DATE.exec(value);
  if (!match) return false;
  return day(Number(match[1]), Number(match[2]) - 1, Number(match[3])) === value;
}

/** What is wrong with a period, as the field to blame and why; null when the server will take it. */
export function periodProblem(period: Partial<Period>): { field: 'from' | 'to'; problem: 'missing' | 'order' | 'tooLong' } | null {
  if (!isDate(period.from)) return { field: 'from', problem: 'missing' };
  if (!isDate(period.to)) return { field: 'to', problem: 'missing' };
  if (period.to < period.from) return { field: 'to', problem: 'order' };
  const [y, m, d] = period.from.split('-').map(Number) as [number, number, number];
  if (period.to >= day(y + MAX_YEARS, m - 1, d)) return { field: 'to', problem: 'tooLong' };
  return null;
}
