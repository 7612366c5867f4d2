import { ThemeIcon } from '@mantine/core';
import { IconAlarm, IconAlertTriangle, IconAt, IconBell, IconTableImport, IconUserCheck } from '@tabler/icons-react';
import type { ComponentType } from 'react';

type Icon = ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean }>;

/** Each kind of notification has its picture and colour; a kind this build does not know gets the bell. */
const KINDS: Record<string, { icon: Icon; color: string }> = {
  assigned: { icon: IconUserCheck, color: 'liaison.8' },
  due_soon: { icon: IconAlarm, color: 'orange.8' },
  overdue: { icon: IconAlertTriangle, color: 'red.8' },
  mentioned: { icon: IconAt, color: 'grape.8' },
  import_finished: { icon: IconTableImport, color: 'teal.8' },
};

/**
 * The picture at the start of a notification, without a tinted disc of its
 * own: an unread row is tinted already. Its kind is said in words beside it.
 */
export function NotificationKindIcon({ kind }: { kind: string }) {
  const { icon: Icon, color } = KINDS[kind] ?? { icon: IconBell, color: 'gray.7' };
  return (
    <ThemeIcon variant="transparent" color={color} size={32} aria-hidden="true">
      <Icon size={22} stroke={1.7} aria-hidden />
    </ThemeIcon>
  );
}
