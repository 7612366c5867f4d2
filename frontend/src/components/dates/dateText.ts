/**
 * Dates typed as people write them in their language (31.12.2026 in Bosnian,
 * 31/12/2026 in Arabic, 12/31/2026 in American English) and kept as ISO
 * `YYYY-MM-DD`. A browser's own date box follows the browser's language, not
 * the app's, and silently drops a date it cannot read: these never do.
 */

export type Part = 'day' | 'month' | 'year';

export interface DatePattern {
  /** The order of day, month and year in the locale. */
  order: Part[];
  /** What separates them (without the locale's direction marks). */
  separator: string;
  /** A trailing mark some locales write (Bosnian ends with a dot). */
  suffix: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date in ISO form: 2026-02-30 is not one. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The day/month/year order and separators of a locale, read from Intl. */
export function datePattern(locale: string): DatePattern {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat(`${locale}-u-nu-latn`, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).formatToParts(
      new Date(Date.UTC(2026, 11, 31)),
    );
  } catch {
    parts = [];
  }
  const order = parts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type as Part);
  if (order.length !== 3) return { order: ['day', 'month', 'year'], separator: '/', suffix: '' };
  const clean = (s: string) => s.replace(/[\u200e\u200f\u061c]/g, '').replace(/\s+/g, '');
  const literals = parts.filter((p) => p.type === 'literal');
  const separator = clean(literals[0]?.value ?? '/') || '/';
  const last = parts[parts.length - 1];
  const suffix = last?.type === 'literal' ? clean(last.value) : '';
  return { order, separator, suffix };
}

/** An ISO date written in the pattern, with Latin digits so it can be edited. */
export function formatDateText(iso: string, pattern: DatePattern): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const values: Record<Part, string> = { year: m[1]!, month: m[2]!, day: m[3]! };
  return pattern.order.map((p) => values[p]).join(pattern.separator) + pattern.suffix;
}

/** Arabic-Indic and Persian digits as Latin ones: phones type either. */
function latinDigits(text: string): string {
  return text.replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660)).replace(/[\u06f0-\u06f9]/g, (c) => String(c.charCodeAt(0) - 0x06f0));
}

/**
 * Reads typed text as a date: the locale's order with any separators, or ISO
 * `2026-12-31`. Two-digit years are this century. Returns '' for empty text
 * and null for text that is not a real date.
 */
export function parseDateText(text: string, pattern: DatePattern): string | null {
  const typed = latinDigits(text).trim();
  if (!typed) return '';
  if (ISO_DATE.test(typed)) return isIsoDate(typed) ? typed : null;
  const numbers = typed.split(/[^0-9]+/).filter(Boolean);
  if (numbers.length !== 3 || numbers.some((n) => n.length > 4)) return null;
  const values: Partial<Record<Part, string>> = {};
  pattern.order.forEach((p, i) => (values[p] = numbers[i]));
  let year = values.year!;
  if (year.length === 2) year = `20${year}`;
  if (year.length !== 4 || values.month!.length > 2 || values.day!.length > 2) return null;
  const iso = `${year}-${values.month!.padStart(2, '0')}-${values.day!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}
