import { ActionIcon, Drawer, Popover } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { usePhone } from '../list/usePhone';
import { useFormat } from '../useFormat';
import { useUnreadCount } from '../../hooks/notifications';
import { NotificationPanel } from './NotificationPanel';
import classes from './Notifications.module.css';
import { MOST_SHOWN, unreadBadgeText } from './unreadBadge';

/**
 * The bell's name says what its badge shows, for those who do not see it,
 * with the badge's own text in it (the UI language's digits, "99+"), so
 * that a voice user can say what they see.
 */
function useBellLabel(count: number): string {
  const { t } = useTranslation();
  const format = useFormat();
  if (count === 0) return t('notifications.bell');
  const shown = unreadBadgeText(count, format.number);
  if (count > MOST_SHOWN) return t('notifications.bellOverflow', { shown });
  return t('notifications.bellUnread', { count, shown });
}

/**
 * The header's bell: the unread count as a badge (asked for every minute and
 * when the window regains focus), opening my notifications in a popover, or
 * on a phone in a drawer the width of the screen.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const format = useFormat();
  const phone = usePhone();
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  // Whatever took the person to another page (a notification, the back button), the panel stays behind.
  useEffect(close, [pathname, close]);
  // Until the count is known (or when it cannot be had) the bell shows none.
  const count = useUnreadCount().data ?? 0;
  const label = useBellLabel(count);

  const bell = (
    <ActionIcon
      variant="subtle"
      color="gray"
      size="lg"
      radius="xl"
      className={classes.bell}
      aria-label={label}
      aria-haspopup="dialog"
      aria-expanded={opened}
      onClick={toggle}
      data-testid="notification-bell"
      data-unread={count}
    >
      <IconBell size={22} stroke={1.6} aria-hidden="true" />
      {count > 0 && (
        <span className={classes.badge} aria-hidden="true" data-testid="notification-badge">
          {unreadBadgeText(count, format.number)}
        </span>
      )}
    </ActionIcon>
  );

  if (phone) {
    return (
      <>
        {bell}
        <Drawer
          opened={opened}
          onClose={close}
          position="right"
          size="100%"
          title={t('notifications.title')}
          closeButtonProps={{ 'aria-label': t('common.close') }}
          styles={{ body: { paddingInline: 0 }, title: { fontWeight: 700 } }}
        >
          <NotificationPanel withTitle={false} onLeave={close} />
        </Drawer>
      </>
    );
  }

  return (
    <Popover opened={opened} onDismiss={close} width={400} position="bottom-end" withArrow shadow="md" trapFocus returnFocus>
      <Popover.Target>{bell}</Popover.Target>
      <Popover.Dropdown p={0}>
        <NotificationPanel withTitle onLeave={close} maxHeight="min(28rem, calc(100dvh - 12rem))" />
      </Popover.Dropdown>
    </Popover>
  );
}
