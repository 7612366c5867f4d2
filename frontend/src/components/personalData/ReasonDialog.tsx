import { Alert, Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isStale } from '../../api/client';
import { errorMessage } from '../../i18n/errorMessage';
import { formErrors } from '../../i18n/serverMessages';

/** The longest reason the server keeps. */
export const REASON_MAX = 500;

/**
 * Asks for the reason of an act on people's data (erasing, keeping) before
 * doing it. The reason stays in the audit log, so the hint asks not to name
 * the person. Problems with the reason show at the field; a stale version
 * (412) is left to `staleNotice`, anything else above the buttons.
 */
export function ReasonDialog({
  opened,
  title,
  children,
  confirmLabel,
  color = 'red',
  onConfirm,
  onClose,
  loading,
  error,
  staleNotice,
  progress,
}: {
  opened: boolean;
  title: string;
  /** What the act does, said before the reason is asked. */
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  onConfirm: (reason: string) => void;
  onClose: () => void;
  loading?: boolean;
  error?: unknown;
  /** Shown in place of the error when the server answered 412. */
  staleNotice?: ReactNode;
  /** Said while the act runs (how far it got). */
  progress?: ReactNode;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [ownError, setOwnError] = useState<string | null>(null);
  const server = formErrors(error, t, ['reason']);
  const stale = isStale(error) && staleNotice;
  const general = !error || stale || server.fieldErrors.reason ? [] : server.otherErrors.length ? server.otherErrors : [errorMessage(error, t)];

  const close = () => {
    setReason('');
    setOwnError(null);
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) return setOwnError(t('personalData.reason.required'));
    if (text.length > REASON_MAX) return setOwnError(t('serverErrors.maxLength', { count: REASON_MAX }));
    setOwnError(null);
    onConfirm(text);
  };

  return (
    <Modal opened={opened} onClose={close} title={title} centered size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {children}
          <Textarea
            label={t('personalData.reason.label')}
            description={t('personalData.reason.hint')}
            required
            autosize
            minRows={2}
            maxRows={6}
            maxLength={REASON_MAX}
            dir="auto"
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={ownError ?? server.fieldErrors.reason}
            data-autofocus
          />
          {stale ? staleNotice : null}
          {general.length > 0 && (
            <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} role="alert">
              {general.join(' ')}
            </Alert>
          )}
          {loading && progress}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={loading}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={color} loading={loading}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
