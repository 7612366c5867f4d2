import { ActionIcon, Button, EmptyState, Group, ScrollArea, Skeleton, Stack, Switch, Title, Tooltip } from '@mantine/core';
import { IconBellOff, IconChecks, IconSettings } from '@tabler/icons-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormAlert } from '../FormParts';
import { QueryError } from '../QueryError';
import { errorMessage } from '../../i18n/errorMessage';
import { flattenPages } from '../../hooks/list';
import { useMarkNotificationsRead, useNotifications, useUnreadCount, type AppNotification } from '../../hooks/notifications';
import { NotificationRow } from './NotificationRow';
import classes from './Notifications.module.css';

/** The path of the page where digests and emails are chosen. */
export const NOTIFICATION_SETTINGS_PATH = '/account/notifications';

/**
 * Asks for the next page once the end of the list scrolls into view, so
 * reading on needs no click; the "Load more" button stays for keyboards
 * and for browsers without IntersectionObserver.
 */
function useLoadOnReach(load: () => void, enabled: boolean) {
  const sentinel = useRef<HTMLDivElement>(null);
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    const target = sentinel.current;
    if (!enabled || !target || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) latest.current();
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [enabled]);
  return sentinel;
}

/**
 * What the bell opens: my notifications, newest first, with "only unread",
 * "mark all read" and a way to the settings. Following one marks it read
 * and closes the panel (`onLeave`). `maxHeight` bounds the list's scrolling
 * area; the popover gives one, the phone's drawer lets it fill the screen.
 */
export function NotificationPanel({ onLeave, withTitle, maxHeight }: { onLeave: () => void; withTitle: boolean; maxHeight?: number | string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const list = useNotifications({ unread: onlyUnread });
  const unread = useUnreadCount();
  const mark = useMarkNotificationsRead();
  const items = flattenPages(list.data?.pages);
  const more = list.hasNextPage && !list.isFetchingNextPage;
  const sentinel = useLoadOnReach(() => void list.fetchNextPage(), more);

  const open = (notification: AppNotification) => {
    if (!notification.read_at) mark.mutate({ ids: [notification.id] });
    onLeave();
  };

  return (
    <Stack component="section" gap={0} aria-labelledby={withTitle ? headingId : undefined} aria-label={withTitle ? undefined : t('notifications.title')}>
      <Stack gap="xs" p="sm" pb="xs">
        {withTitle && (
          <Group justify="space-between" wrap="nowrap">
            <Title order={2} size="h5" id={headingId}>
              {t('notifications.title')}
            </Title>
            <SettingsLink onLeave={onLeave} />
          </Group>
        )}
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Switch label={t('notifications.onlyUnread')} checked={onlyUnread} onChange={(event) => setOnlyUnread(event.currentTarget.checked)} />
          <Group gap={4} wrap="nowrap">
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconChecks size={16} aria-hidden="true" />}
              disabled={!unread.data}
              loading={mark.isPending && mark.variables?.all === true}
              onClick={() => mark.mutate({ all: true })}
            >
              {t('notifications.markAllRead')}
            </Button>
            {!withTitle && <SettingsLink onLeave={onLeave} />}
          </Group>
        </Group>
        {mark.error && <FormAlert title={t('notifications.markFailed')} messages={[errorMessage(mark.error, t)]} />}
      </Stack>
      <ScrollArea.Autosize mah={maxHeight} type="auto" offsetScrollbars={false}>
        {list.isPending ? (
          <Stack gap="xs" p="sm" aria-busy="true" aria-label={t('common.loading')}>
            <Skeleton height={52} radius="md" />
            <Skeleton height={52} radius="md" />
            <Skeleton height={52} radius="md" />
          </Stack>
        ) : list.isError && !list.data ? (
          <div style={{ padding: 'var(--mantine-spacing-sm)' }}>
            <QueryError title={t('notifications.loadFailed')} error={list.error} onRetry={() => void list.refetch()} />
          </div>
        ) : items.length === 0 ? (
          <EmptyState
            icon={<IconBellOff size={28} aria-hidden="true" />}
            title={onlyUnread ? t('notifications.emptyUnreadTitle') : t('notifications.emptyTitle')}
            description={onlyUnread ? t('notifications.emptyUnreadText') : t('notifications.emptyText')}
            py="lg"
            px="md"
          />
        ) : (
          <>
            <ul className={classes.list} aria-label={t('notifications.listLabel')} aria-busy={list.isFetching}>
              {items.map((notification) => (
                <NotificationRow key={notification.id} notification={notification} onOpen={open} />
              ))}
            </ul>
            <div ref={sentinel} aria-hidden="true" style={{ height: 1 }} />
            {list.hasNextPage && (
              <Group justify="center" p="sm">
                <Button variant="default" size="xs" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                  {t('list.loadMore')}
                </Button>
              </Group>
            )}
            {list.isError && (
              <div style={{ padding: 'var(--mantine-spacing-sm)' }}>
                <QueryError title={t('notifications.loadFailed')} error={list.error} onRetry={() => void list.fetchNextPage()} />
              </div>
            )}
          </>
        )}
      </ScrollArea.Autosize>
    </Stack>
  );
}

/** The gear that leads to the notification settings. */
function SettingsLink({ onLeave }: { onLeave: () => void }) {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('notifications.settings')} withinPortal={false}>
      <ActionIcon component={Link} to={NOTIFICATION_SETTINGS_PATH} variant="subtle" color="gray" aria-label={t('notifications.settings')} onClick={onLeave}>
        <IconSettings size={18} aria-hidden="true" />
      </ActionIcon>
    </Tooltip>
  );
}
