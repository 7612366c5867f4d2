import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../i18n';

/** Each unit and how many of it make the next one up. */
const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/**
 * How long ago (or how far ahead) `at` is from `now`, in the largest unit
 * that fits: "5 minutes ago", "yesterday", "3 weeks ago". Under a minute
 * reads "now".
 */
export function relativeTime(at: Date, now: Date, format: Intl.RelativeTimeFormat): string {
  let amount = (at.getTime() - now.getTime()) / 1000;
  if (Math.abs(amount) < 60) return format.format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(amount) < size) return format.format(Math.round(amount), unit);
    amount /= size;
  }
  return format.format(Math.round(amount), 'year');
}

/** Timestamps as "5 minutes ago" in the UI language (Arabic readers get Arabic words and digits). */
export function useRelativeTime() {
  const { i18n } = useTranslation();
  const ui = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const format = new Intl.RelativeTimeFormat(intlLocale(ui, 'dates'), { numeric: 'auto' });
    return (value: string, now: Date = new Date()) => {
      const at = new Date(value);
      return Number.isNaN(at.getTime()) ? '' : relativeTime(at, now, format);
    };
  }, [ui]);
}
