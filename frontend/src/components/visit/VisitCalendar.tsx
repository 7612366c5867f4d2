import { ActionIcon, Button, Group, Stack, Text, Title, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useEffect, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../QueryError';
import { useFormat } from '../useFormat';
import { intlLocale } from '../../i18n';
import { useVisits, type Visit, type VisitFilter } from '../../hooks/visits';
import { flattenPages } from '../../hooks/list';
import {
  addMonths,
  firstDayOfWeek,
  firstOfMonth,
  itemsOn,
  layoutWeek,
  monthOf,
  monthQuery,
  monthWeeks,
  moveFocus,
  overlaps,
  toDate,
  type Month,
} from './calendar';
import classes from './VisitCalendar.module.css';

const CHIP_TOP = 32;
const LANE = 26;

const STATUS_COLOURS: Record<Visit['status'], [string, string]> = {
  planned: ['var(--mantine-color-blue-1)', 'var(--mantine-color-blue-5)'],
  ongoing: ['var(--mantine-color-teal-1)', 'var(--mantine-color-teal-6)'],
  completed: ['var(--mantine-color-grape-1)', 'var(--mantine-color-grape-5)'],
  cancelled: ['var(--mantine-color-gray-2)', 'var(--mantine-color-gray-6)'],
};

/** Today in the reader's calendar, `YYYY-MM-DD`. */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** Loads every visit touching the month, following the pages (a month holds tens of visits, not thousands). */
function useMonthVisits(month: Month, filter: VisitFilter) {
  const range = monthQuery(month);
  const list = useVisits({ ...filter, start_after: range.start_after, start_before: range.start_before, sort: 'start_date' });
  const { hasNextPage, isFetchingNextPage, fetchNextPage, data } = list;
  const pages = data?.pages.length ?? 0;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && pages < 10) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, pages]);
  const visits = useMemo(() => flattenPages(data?.pages).filter((v) => overlaps(v, range.from, range.to)), [data, range.from, range.to]);
  return { ...list, visits };
}

/**
 * A month of visits: each visit a chip across the days it lasts. Arrow keys
 * move between days (Page Up/Down between months, Home/End to the week's
 * ends), Enter goes to the day's visits, Escape back to the day.
 */
export function VisitCalendar({ month, onMonthChange, filter }: { month: Month; onMonthChange: (m: Month) => void; filter: VisitFilter }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const language = intlLocale(i18n.resolvedLanguage ?? 'en', 'dates');
  const rtl = i18n.dir() === 'rtl';
  const firstDay = firstDayOfWeek(language);
  const titleId = useId();
  const helpId = useId();
  const today = localToday();
  const weeks = useMemo(() => monthWeeks(month, firstDay), [month, firstDay]);
  const { visits, error, isPending, refetch } = useMonthVisits(month, filter);
  const [focused, setFocused] = useState(() => (monthOf(today).year === month.year && monthOf(today).month === month.month ? today : firstOfMonth(month)));
  const gridRef = useRef<HTMLDivElement>(null);
  const wantFocus = useRef(false);

  // A month changed from outside (buttons, the address) moves the focusable day into it.
  useEffect(() => {
    const m = monthOf(focused);
    if (m.year !== month.year || m.month !== month.month) {
      const t0 = monthOf(today);
      setFocused(t0.year === month.year && t0.month === month.month ? today : firstOfMonth(month));
    }
    // Only the month decides.
  }, [month.year, month.month]);

  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    gridRef.current?.querySelector<HTMLElement>(`[data-date="${focused}"]`)?.focus();
  }, [focused, weeks]);

  const formats = useMemo(
    () => ({
      month: new Intl.DateTimeFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
      weekdayShort: new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }),
      weekdayLong: new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }),
      dayLong: new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
      day: new Intl.DateTimeFormat(language, { day: 'numeric', timeZone: 'UTC' }),
    }),
    [language],
  );
  const monthLabel = formats.month.format(toDate(firstOfMonth(month)));

  const goTo = (day: string, focus: boolean) => {
    wantFocus.current = focus;
    const m = monthOf(day);
    if (m.year !== month.year || m.month !== month.month) onMonthChange(m);
    setFocused(day);
  };

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    if (target.dataset.chip) {
      if (e.key === 'Escape') {
        e.preventDefault();
        gridRef.current?.querySelector<HTMLElement>(`[data-date="${focused}"]`)?.focus();
      }
      return;
    }
    const day = target.dataset.date;
    if (!day) return;
    if (e.key === 'Enter' || e.key === ' ') {
      const first = itemsOn(day, visits)[0];
      if (first) {
        e.preventDefault();
        const week = weeks.find((w) => w.includes(day));
        gridRef.current?.querySelector<HTMLElement>(`[data-chip="${first.id}"][data-week="${week?.[0]}"]`)?.focus();
      }
      return;
    }
    const next = moveFocus(day, e.key, { rtl, firstDay });
    if (next) {
      e.preventDefault();
      goTo(next, true);
    }
  };

  const Prev = rtl ? IconChevronRight : IconChevronLeft;
  const Next = rtl ? IconChevronLeft : IconChevronRight;
  return (
    <Stack gap="sm" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" gap="sm">
        <Title order={2} size="h3" id={titleId} aria-live="polite">
          {monthLabel}
        </Title>
        <Group gap={6}>
          <Tooltip label={t('visitCalendar.previous')}>
            <ActionIcon variant="default" size="lg" onClick={() => onMonthChange(addMonths(month, -1))} aria-label={t('visitCalendar.previous')}>
              <Prev size={18} aria-hidden="true" />
            </ActionIcon>
          </Tooltip>
          <Button variant="default" size="sm" onClick={() => goTo(today, false)}>
            {t('visitCalendar.today')}
          </Button>
          <Tooltip label={t('visitCalendar.next')}>
            <ActionIcon variant="default" size="lg" onClick={() => onMonthChange(addMonths(month, 1))} aria-label={t('visitCalendar.next')}>
              <Next size={18} aria-hidden="true" />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {error && !visits.length ? (
        <QueryError title={t('records.loadError')} error={error} onRetry={() => void refetch()} />
      ) : (
        <div ref={gridRef} role="grid" aria-labelledby={titleId} aria-describedby={helpId} aria-busy={isPending} className={classes.grid} onKeyDown={onGridKey}>
          <div role="row" className={classes.row}>
            {weeks[0]!.map((day) => (
              <div role="columnheader" key={day} className={classes.head} aria-label={formats.weekdayLong.format(toDate(day))}>
                {formats.weekdayShort.format(toDate(day))}
              </div>
            ))}
          </div>
          {weeks.map((week) => {
            const { segments, lanes } = layoutWeek(week, visits);
            const minHeight = CHIP_TOP + Math.max(lanes, 1) * LANE + 6;
            return (
              <div role="row" key={week[0]} className={classes.row}>
                {week.map((day, column) => {
                  const on = itemsOn(day, visits);
                  const outside = monthOf(day).month !== month.month;
                  const label = [
                    formats.dayLong.format(toDate(day)),
                    day === today ? t('visitCalendar.todayMark') : '',
                    on.length ? t('visitCalendar.visitsOn', { count: on.length, titles: on.map((v) => v.title).join('; ') }) : '',
                  ]
                    .filter(Boolean)
                    .join('. ');
                  return (
                    <div
                      role="gridcell"
                      key={day}
                      data-date={day}
                      data-outside={outside || undefined}
                      data-today={day === today || undefined}
                      aria-current={day === today ? 'date' : undefined}
                      aria-selected={day === focused}
                      tabIndex={day === focused ? 0 : -1}
                      className={classes.cell}
                      style={{ minHeight }}
                      onClick={(e) => e.target === e.currentTarget && setFocused(day)}
                      onFocus={(e) => e.target === e.currentTarget && day !== focused && setFocused(day)}
                    >
                      <VisuallyHidden>{label}</VisuallyHidden>
                      <span className={classes.number} aria-hidden="true">
                        {formats.day.format(toDate(day))}
                      </span>
                      {segments
                        .filter((s) => s.column === column)
                        .map((s) => {
                          const [bg, border] = STATUS_COLOURS[s.item.status];
                          const style = {
                            top: CHIP_TOP + s.lane * LANE,
                            width: `calc(${s.span * 100}% + ${s.span - 1}px - 8px)`,
                            '--chip-bg': bg,
                            '--chip-border': border,
                          } as CSSProperties;
                          const dates = `${format.date(s.item.start_date)} – ${format.date(s.item.end_date)}`;
                          return (
                            <Link
                              key={s.item.id}
                              to={`/visits/${s.item.id}`}
                              className={classes.chip}
                              style={style}
                              data-chip={s.item.id}
                              data-week={week[0]}
                              data-status={s.item.status}
                              data-before={s.continuesBefore || undefined}
                              data-after={s.continuesAfter || undefined}
                              title={`${s.item.title} · ${dates} · ${t(`visit.statuses.${s.item.status}`)}`}
                              aria-label={`${s.item.title}, ${dates}, ${t(`visit.statuses.${s.item.status}`)}`}
                            >
                              <span className={classes.chipText} dir="auto">
                                {s.item.title}
                              </span>
                            </Link>
                          );
                        })}
                    </div>
                  );
                })}
              </div>
            );
          })}
        </div>
      )}
      <Group justify="space-between" gap="xs">
        <Text id={helpId} size="xs" c="dimmed">
          {t('visitCalendar.keyboardHelp')}
        </Text>
        <Text size="xs" c="dimmed" aria-live="polite">
          {isPending ? t('common.loading') : t('visitCalendar.inMonth', { count: visits.length, month: monthLabel })}
        </Text>
      </Group>
    </Stack>
  );
}
