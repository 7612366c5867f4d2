import { notifications, type NotificationData } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import i18n from '../i18n';

/** Mantine notifications with a labelled close button (it has none by default). */
function show(data: NotificationData) {
  return notifications.show({ ...data, closeButtonProps: { 'aria-label': i18n.t('common.close'), ...data.closeButtonProps } });
}

export const notify = {
  success: (message: string) => show({ color: 'teal', icon: <IconCheck size={18} aria-hidden="true" />, message }),
  warning: (message: string) => show({ color: 'orange', icon: <IconAlertTriangle size={18} aria-hidden="true" />, message }),
};
