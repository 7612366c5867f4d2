import { Text } from '@mantine/core';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { browserTimeZone } from '../../hooks/visits';
import { intlLocale } from '../../i18n';

/** Whether two zones show the same wall clock at an instant (Europe/Sarajevo and Europe/Belgrade do). */
function sameClock(a: Intl.DateTimeFormat, b: Intl.DateTimeFormat, instant: Date) {
  return a.format(instant) === b.format(instant);
}

/**
 * A meeting's time as it was on its own clock ("3 Dec 2026, 09:00 ·
 * Europe/Sarajevo"), and, when the reader's clock differs, the same instant
 * on theirs: an officer in Baghdad reads a Sarajevo meeting both ways.
 */
export function useZonedTime(zone: string) {
  const { t, i18n } = useTranslation();
  const language = intlLocale(i18n.resolvedLanguage ?? 'en', 'dates');
  const mine = browserTimeZone();
  const formats = useMemo(
    () => ({
      there: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }),
      here: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: mine }),
    }),
    [language, zone, mine],
  );
  return useCallback(
    (iso: string) => {
      const instant = new Date(iso);
      if (Number.isNaN(instant.getTime())) return '';
      return (
        <>
          <time dateTime={iso}>{formats.there.format(instant)}</time>
          <Text span size="xs" c="dimmed">
            {' · '}
            <bdi>{zone}</bdi>
          </Text>
          {!sameClock(formats.there, formats.here, instant) && (
            <Text span size="xs" c="dimmed" display="block">
              {t('interactionPage.yourTime', { time: formats.here.format(instant) })}
            </Text>
          )}
        </>
      );
    },
    [formats, zone, t],
  );
}
