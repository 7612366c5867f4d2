import { Group, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../useFormat';
import { useRelativeTime } from '../useRelativeTime';
import type { AppNotification } from '../../hooks/notifications';
import { NotificationKindIcon } from './NotificationKindIcon';
import classes from './Notifications.module.css';

const KINDS = ['assigned', 'due_soon', 'overdue', 'mentioned', 'import_finished'] as const;
type KnownKind = (typeof KINDS)[number];

function isKnownKind(kind: string): kind is KnownKind {
  return (KINDS as readonly string[]).includes(kind);
}

/**
 * True for a path inside the app (`/commitments/12`). The server writes the
 * links, but a notification is never a way out of the app: anything else
 * (an address elsewhere, `//host`) is not followed.
 */
export function isAppPath(link: string | null | undefined): link is string {
  return typeof link === 'string' && link.startsWith('/') && !link.startsWith('//');
}

/**
 * One notification: what kind it is, its title (already in the reader's
 * language), how long ago, and whether it is unread. It is a link to what
 * it is about; following it marks it read (`onOpen`).
 */
export function NotificationRow({ notification, onOpen }: { notification: AppNotification; onOpen: (notification: AppNotification) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const ago = useRelativeTime();
  const unread = !notification.read_at;
  const kind = isKnownKind(notification.kind) ? t(`notifications.kinds.${notification.kind}`) : null;
  const content = (
    <>
      <NotificationKindIcon kind={notification.kind} />
      <div className={classes.text}>
        <Group gap={6} wrap="nowrap" justify="space-between">
          {kind && (
            <Text size="xs" c="dimmed" fw={500} truncate="end">
              {kind}
            </Text>
          )}
          <Text size="xs" c="dimmed" component="time" dateTime={notification.created_at} title={format.dateTime(notification.created_at)} style={{ flexShrink: 0 }}>
            {ago(notification.created_at)}
          </Text>
        </Group>
        <Text size="sm" fw={unread ? 600 : 400} mt={2}>
          <bdi>{notification.title}</bdi>
        </Text>
      </div>
      {unread ? (
        <>
          <span className={classes.dot} aria-hidden="true" />
          <VisuallyHidden>{t('notifications.unread')}</VisuallyHidden>
        </>
      ) : (
        // The read ones keep the dot's room, so titles line up.
        <span style={{ width: 10, flexShrink: 0 }} aria-hidden="true" />
      )}
    </>
  );
  const className = `${classes.row} ${unread ? classes.unread : ''}`;
  return (
    <li data-notification-id={notification.id} data-unread={unread || undefined}>
      {isAppPath(notification.link) ? (
        <UnstyledButton component={Link} to={notification.link} className={className} onClick={() => onOpen(notification)}>
          {content}
        </UnstyledButton>
      ) : (
        <UnstyledButton className={className} onClick={() => onOpen(notification)}>
          {content}
        </UnstyledButton>
      )}
    </li>
  );
}
