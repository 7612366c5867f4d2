import { Box, Button, Collapse, Group, Paper, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArchive, IconHistory, IconPencil, IconPlus, IconRestore } from '@tabler/icons-react';
import { memo, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordHistory, type AuditEvent, type HistoryEntity } from '../../hooks/audit';
import { flattenPages } from '../../hooks/list';
import { WhenVisible } from '../WhenVisible';
import { QueryError } from '../QueryError';
import { useFormat } from '../useFormat';
import { useUserName } from '../useNames';
import { FieldChange } from './FieldChange';
import { fieldRank, referencedIds, tellsAChange } from './historyValues';
import { useHistoryText } from './useHistoryText';

export const KNOWN_ACTIONS = [
  'create',
  'update',
  'archive',
  'restore',
  'merge',
  'erase',
  'subject_export',
  'retention_keep',
  'note_create',
  'note_update',
  'note_delete',
  'document_create',
  'document_delete',
] as const;
export type KnownAction = (typeof KNOWN_ACTIONS)[number];

/** Events that removed a note or a document: what they record is what was removed. */
const REMOVALS = new Set(['note_delete', 'document_delete']);

const ICONS = { create: IconPlus, update: IconPencil, archive: IconArchive, restore: IconRestore } as const;

/**
 * The old and new value of each changed field, as the server recorded them
 * (`erased` once they went with the person); left out are the ids and
 * hashes that only say how the record is kept, and fields recorded with the
 * value they already had; what the thing is comes first.
 */
export function changesOf(e: Pick<AuditEvent, 'changes'>): [field: string, change: { old?: unknown; new?: unknown; erased?: boolean }][] {
  return Object.entries(e.changes ?? {})
    .map(([field, change]): [string, { old?: unknown; new?: unknown; erased?: boolean }] => {
      const c = typeof change === 'object' && change !== null ? (change as { old?: unknown; new?: unknown; erased?: boolean }) : { new: change };
      return [field, c];
    })
    .filter(([field, c]) => tellsAChange(field, c))
    .sort(([a], [b]) => fieldRank(a) - fieldRank(b));
}

/**
 * The history of one record: who changed which field, from what to what,
 * newest first, a page at a time. Field names and values read in the UI
 * language; what the reader may not see the server has already left out.
 * It stands at the foot of every record's page, so it is drawn, and asks
 * for its events, when it comes near the screen (WhenVisible), not as part
 * of the page's first render.
 */
export const HistoryPanel = memo(function HistoryPanel({ entity, id }: { entity: HistoryEntity; id: number }) {
  return (
    <WhenVisible minHeight={160}>
      <RecordHistory entity={entity} id={id} />
    </WhenVisible>
  );
});

function RecordHistory({ entity, id }: { entity: HistoryEntity; id: number }) {
  const { t } = useTranslation();
  const history = useRecordHistory(entity, id);
  const events = useMemo(() => flattenPages(history.data?.pages), [history.data]);
  const ids = useMemo(
    () => referencedIds(events.flatMap((e) => changesOf(e).flatMap(([field, c]) => [[field, c.old] as [string, unknown], [field, c.new] as [string, unknown]])), entity),
    [events, entity],
  );
  const text = useHistoryText(entity, ids);
  const headingId = useId();

  return (
    <Paper withBorder radius="lg" p="lg" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Title order={2} size="h4" id={headingId}>
          {t('history.title')}
        </Title>
        <IconHistory size={20} aria-hidden="true" color="var(--mantine-color-dimmed)" />
      </Group>
      {history.isPending ? (
        <Stack gap="sm" aria-hidden="true">
          {[0, 1].map((i) => (
            <Skeleton key={i} height={40} radius="md" />
          ))}
        </Stack>
      ) : history.isError && events.length === 0 ? (
        <QueryError title={t('history.loadError')} error={history.error} onRetry={() => void history.refetch()} />
      ) : events.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('history.empty')}
        </Text>
      ) : (
        <>
          <Timeline bulletSize={24} lineWidth={2} active={-1} role="list" aria-labelledby={headingId}>
            {events.map((e) => (
              <Timeline.Item key={e.id} role="listitem" bullet={<Bullet action={e.action} />} title={<EventTitle event={e} />}>
                <EventChanges event={e} text={text} />
              </Timeline.Item>
            ))}
          </Timeline>
          {history.hasNextPage && (
            <Button variant="subtle" mt="md" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
              {t('history.more')}
            </Button>
          )}
        </>
      )}
    </Paper>
  );
}

function Bullet({ action }: { action: string }) {
  const Icon = ICONS[action as keyof typeof ICONS] ?? IconHistory;
  return <Icon size={13} aria-hidden="true" />;
}

function EventTitle({ event: e }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const format = useFormat();
  const userName = useUserName();
  const action = (KNOWN_ACTIONS as readonly string[]).includes(e.action)
    ? t(`history.actions.${e.action as KnownAction}`)
    : t('history.actions.other', { action: e.action });
  const who = e.actor_id ? userName(e.actor_id) || t('history.someone') : t('history.system');
  return (
    <Stack gap={0}>
      <Text size="sm" fw={600}>
        {action}
      </Text>
      <Text size="xs" c="dimmed">
        <bdi>{who}</bdi>
        {' · '}
        <time dateTime={e.at}>{format.dateTime(e.at)}</time>
      </Text>
    </Stack>
  );
}

/**
 * The fields an event changed. A creation sets many fields at once: they
 * fold behind a button so the history stays readable.
 */
function EventChanges({ event: e, text }: { event: AuditEvent; text: ReturnType<typeof useHistoryText> }) {
  const { t } = useTranslation();
  const [opened, { toggle }] = useDisclosure(false);
  const changes = changesOf(e);
  const listId = useId();
  if (changes.length === 0) return null;
  const created = e.action === 'create';
  const list = (
    <Box component="dl" m={0} mt={6} id={listId}>
      {changes.map(([field, c]) => (
        <Box key={field} mb={6} style={{ minWidth: 0 }}>
          <Text component="dt" size="xs" fw={600} c="dimmed">
            {text.fieldLabel(field)}
          </Text>
          <Box component="dd" m={0} fz="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
            <FieldChange field={field} before={c.old} after={c.new} text={text} created={created} removed={REMOVALS.has(e.action)} erased={c.erased === true} />
          </Box>
        </Box>
      ))}
    </Box>
  );
  if (!created) return list;
  return (
    <>
      <Button variant="subtle" size="compact-xs" px={0} onClick={toggle} aria-expanded={opened} aria-controls={listId}>
        {opened ? t('history.hideFields') : `${t('history.showFields')} (${t('history.createdWith', { count: changes.length })})`}
      </Button>
      <Collapse expanded={opened}>{list}</Collapse>
    </>
  );
}
