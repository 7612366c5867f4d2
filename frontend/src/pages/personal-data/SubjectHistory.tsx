import { Box, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldChange } from '../../components/history/FieldChange';
import { changesOf, KNOWN_ACTIONS, type KnownAction } from '../../components/history/HistoryPanel';
import { referencedIds } from '../../components/history/historyValues';
import { useHistoryText } from '../../components/history/useHistoryText';
import { useFormat } from '../../components/useFormat';
import { useUserName } from '../../components/useNames';
import type { AuditEntry } from '../../hooks/personalData';
import classes from './SubjectExport.module.css';

/** The record's history as the export holds it, oldest first, every change spelled out (nothing folds away on paper). */
export function SubjectHistory({ events }: { events: AuditEntry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const userName = useUserName();
  const ids = useMemo(
    () => referencedIds(events.flatMap((e) => changesOf(e).flatMap(([field, c]) => [[field, c.old] as [string, unknown], [field, c.new] as [string, unknown]])), 'contact'),
    [events],
  );
  const text = useHistoryText('contact', ids);
  return (
    <Box component="ol" m={0} p={0} style={{ listStyle: 'none' }}>
      {events.map((e) => (
        <Box component="li" key={e.id} className={classes.entry}>
          <Text size="sm" fw={600}>
            {(KNOWN_ACTIONS as readonly string[]).includes(e.action)
              ? t(`history.actions.${e.action as KnownAction}`)
              : t('history.actions.other', { action: e.action })}
          </Text>
          <Text size="xs" c="dimmed">
            <bdi>{e.actor_id ? userName(e.actor_id) || t('history.someone') : t('history.system')}</bdi>
            {' · '}
            <time dateTime={e.at}>{format.dateTime(e.at)}</time>
          </Text>
          <Stack gap={4} mt={4} component="dl" m={0}>
            {changesOf(e).map(([field, c]) => (
              <Box key={field}>
                <Text component="dt" size="xs" fw={600} c="dimmed">
                  {text.fieldLabel(field)}
                </Text>
                <Box component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
                  <FieldChange field={field} before={c.old} after={c.new} text={text} created={e.action === 'create'} erased={c.erased === true} />
                </Box>
              </Box>
            ))}
          </Stack>
        </Box>
      ))}
    </Box>
  );
}
