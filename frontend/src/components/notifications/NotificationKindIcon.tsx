import { ThemeIcon } from '@mantine/core';
import { IconAlarm, IconAlertTriangle, IconAt, IconBell, IconTableImport, IconUserCheck } from '@tabler/icons-react';
import type { ComponentType } from 'react';

type Icon = ComponentType<{ size?: number; stroke?: number; 'aria-hidden'?: boolean }>;

/** Each kind of notification has its picture and colour; a kind this build does not know gets the bell. */
const KINDS: Record<string, { icon: Icon; color: string }> = {
  assigned: { icon: IconUserCheck, color: 'liaison' },
  due_soon: { icon: IconAlarm, color: 'yellow' },
  overdue: { icon: IconAlertTriangle, color: 'red' },
  mentioned: { icon: IconAt, color: 'grape' },
  import_finished: { icon: IconTableImport, color: 'teal' },
};

/** The light tint laid over white, so that it stays itself on an unread row's tinted background. */
const OPAQUE = { background: 'linear-gradient(var(--ti-bg), var(--ti-bg)), var(--mantine-color-white)' } as const;

/** The round picture at the start of a notification; its kind is said in words beside it. */
export function NotificationKindIcon({ kind }: { kind: string }) {
  const { icon: Icon, color } = KINDS[kind] ?? { icon: IconBell, color: 'gray' };
  return (
    <ThemeIcon variant="light" color={color} radius="xl" size={32} aria-hidden="true" style={OPAQUE}>
      <Icon size={18} stroke={1.7} aria-hidden />
    </ThemeIcon>
  );
}
