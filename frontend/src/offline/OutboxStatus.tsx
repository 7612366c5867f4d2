import { Badge, Button, Group, Modal, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCloudUpload } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { LogInteractionForm } from '../components/LogInteraction';
import { notify } from '../components/notify';
import { useFormat } from '../components/useFormat';
import { errorMessage } from '../i18n/errorMessage';
import { discardItem, flushOutbox, onOutboxSent, retryItem, storedError, type OutboxItem } from './outbox';
import { useOutboxItems, useOutboxSync } from './useOutbox';

/**
 * "2 waiting to send": what this device keeps in its outbox, for the header.
 * Nothing shows while the outbox is empty. The popover lists the items with
 * "Send now"; one the server refused says why (in the UI language) and can
 * be edited or discarded.
 */
export function OutboxStatus() {
  const { t } = useTranslation();
  const format = useFormat();
  const items = useOutboxItems();
  const [opened, setOpened] = useState(false);
  const [sending, setSending] = useState(false);
  const [editing, setEditing] = useState<OutboxItem | null>(null);
  const [discarding, setDiscarding] = useState<OutboxItem | null>(null);
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  useOutboxSync();
  useEffect(() => onOutboxSent((sent) => notify.success(t('outbox.sent', { count: sent.length }))), [t]);

  if (items.length === 0 && !editing) return null;
  const waiting = items.filter((i) => i.state === 'waiting').length;
  const failed = items.length - waiting;
  const label = [waiting ? t('outbox.waiting', { count: waiting }) : '', failed ? t('outbox.failedCount', { count: failed }) : ''].filter(Boolean).join(' · ');

  const send = async (run: () => ReturnType<typeof flushOutbox>) => {
    setSending(true);
    try {
      const result = await run();
      if (result.waiting > 0) notify.warning(t('outbox.stillOffline'));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <Popover opened={opened} onChange={setOpened} width={340} position="bottom-end" withArrow shadow="md" trapFocus returnFocus>
        <Popover.Target>
          {/* On a phone the header has room for the count only; the button's name says it all. */}
          <UnstyledButton onClick={() => setOpened((o) => !o)} aria-expanded={opened} aria-haspopup="dialog" aria-label={phone ? label : undefined}>
            <Badge
              size="lg"
              color={failed ? 'red' : 'orange'}
              variant="light"
              tt="none"
              leftSection={<IconCloudUpload size={14} aria-hidden="true" />}
              style={{ cursor: 'pointer' }}
            >
              {phone ? items.length : label}
            </Badge>
          </UnstyledButton>
        </Popover.Target>
        <Popover.Dropdown role="dialog" aria-label={t('outbox.title')}>
          <Stack gap="xs">
            <Text fw={600} size="sm">
              {t('outbox.title')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('outbox.intro')}
            </Text>
            <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {items.map((item) => (
                <li key={item.id}>
                  <Stack gap={4}>
                    <Group justify="space-between" gap="xs" wrap="nowrap">
                      <Text size="sm" fw={500} truncate>
                        <bdi>{item.label}</bdi>
                      </Text>
                      <Badge size="sm" variant="light" color={item.state === 'failed' ? 'red' : 'orange'} tt="none" style={{ flexShrink: 0 }}>
                        {item.state === 'failed' ? t('outbox.stateFailed') : t('outbox.stateWaiting')}
                      </Badge>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {t('outbox.savedAt', { time: format.dateTime(item.created_at) })}
                    </Text>
                    {item.error && (
                      <Text size="xs" c="red" role="alert">
                        {errorMessage(storedError(item.error), t)}
                      </Text>
                    )}
                    {item.state === 'failed' && (
                      <Group gap="xs">
                        {item.form != null && (
                          <Button
                            size="compact-xs"
                            variant="light"
                            onClick={() => {
                              setOpened(false);
                              setEditing(item);
                            }}
                          >
                            {t('outbox.edit')}
                          </Button>
                        )}
                        <Button size="compact-xs" variant="subtle" onClick={() => void send(() => retryItem(item.id))} loading={sending}>
                          {t('quickLog.retry')}
                        </Button>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDiscarding(item)}>
                          {t('outbox.discard')}
                        </Button>
                      </Group>
                    )}
                  </Stack>
                </li>
              ))}
            </Stack>
            {waiting > 0 && (
              <Button size="xs" leftSection={<IconCloudUpload size={14} aria-hidden="true" />} onClick={() => void send(() => flushOutbox())} loading={sending}>
                {t('outbox.sendNow')}
              </Button>
            )}
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={t('logInteraction.title')}
        size="lg"
        fullScreen={phone}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing && <LogInteractionForm from={editing} onDone={() => setEditing(null)} />}
      </Modal>
      <ConfirmDialog
        opened={discarding !== null}
        title={t('outbox.discardTitle')}
        message={t('outbox.discardText', { label: discarding?.label ?? '' })}
        confirmLabel={t('outbox.discard')}
        onConfirm={() => {
          if (discarding) void discardItem(discarding.id);
          setDiscarding(null);
        }}
        onClose={() => setDiscarding(null)}
      />
    </>
  );
}
