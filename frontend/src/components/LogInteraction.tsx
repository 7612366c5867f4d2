import { ActionIcon, Button, Center, Kbd, Loader, Modal, Tooltip } from '@mantine/core';
import { useDisclosure, useHotkeys, useMediaQuery } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { lazy, Suspense, useRef, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { canCreate } from '../auth/permissions';
import { useMe } from '../hooks/auth';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * The quick log's form is code of its own, fetched when the dialog first
 * opens: the header carries the button on every page, and a phone should not
 * download and run the whole form (pickers, time zones, drafts) before it
 * draws the page.
 */
const LogInteractionFormCode = lazy(() => import('./LogInteractionForm').then((m) => ({ default: m.LogInteractionForm })));

/** The quick log's form (LogInteractionForm), with a spinner while its code arrives. */
export function LogInteractionForm(props: ComponentProps<typeof LogInteractionFormCode>) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <Center mih={200}>
          <Loader aria-label={t('common.loading')} />
        </Center>
      }
    >
      <LogInteractionFormCode {...props} />
    </Suspense>
  );
}

/**
 * "Log interaction": in the header or, with display="page", as a plain
 * button on a record page (full width on a phone); either answers the
 * keyboard shortcut L, and a page shows only one of them. The dialog is full screen on a phone. Closing it with something
 * typed asks first; what was typed stays as a draft either way.
 */
export function LogInteractionButton({ display = 'header' }: { display?: 'header' | 'page' }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [opened, { open, close }] = useDisclosure(false);
  const [asking, setAsking] = useState(false);
  const dirty = useRef(false);
  const phone = useMediaQuery('(max-width: 36em)') ?? false;
  const allowed = canCreate(me);
  // One button per page answers L: the header's, or on a record page (where the header has none) the page's own.
  useHotkeys([['L', () => allowed && open()]]);
  if (!allowed) return null;

  const requestClose = () => (dirty.current ? setAsking(true) : close());
  const finish = () => {
    dirty.current = false;
    close();
  };

  return (
    <>
      {display === 'page' ? (
        <Button leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={open} w={{ base: '100%', xs: 'auto' }} aria-keyshortcuts="L">
          {t('logInteraction.open')}
        </Button>
      ) : (
        <>
          <Button
            leftSection={<IconPlus size={16} aria-hidden="true" />}
            rightSection={<Kbd size="xs" visibleFrom="md">L</Kbd>}
            onClick={open}
            size="sm"
            aria-keyshortcuts="L"
            visibleFrom="sm"
          >
            {t('logInteraction.open')}
          </Button>
          {/* On a phone the header has room for an icon only; its name is the button's label. */}
          <Tooltip label={t('logInteraction.open')} hiddenFrom="sm">
            <ActionIcon size={36} radius="xl" variant="filled" onClick={open} aria-label={t('logInteraction.open')} aria-keyshortcuts="L" hiddenFrom="sm">
              <IconPlus size={18} aria-hidden="true" />
            </ActionIcon>
          </Tooltip>
        </>
      )}
      {/* One stack: the Escape that asks must not also close the question it opened, and while asking, Escape closes only the question. */}
      <Modal.Stack>
        <Modal
          stackId="log-interaction"
          opened={opened}
          onClose={requestClose}
          title={t('logInteraction.title')}
          size="lg"
          fullScreen={phone}
          closeButtonProps={{ 'aria-label': t('common.close') }}
        >
          {opened && (
            <LogInteractionForm
              onDone={finish}
              onCancel={requestClose}
              onDirtyChange={(d) => {
                dirty.current = d;
              }}
            />
          )}
        </Modal>
        <ConfirmDialog
          stackId="log-interaction-close"
          opened={asking}
          title={t('quickLog.closeTitle')}
          message={t('quickLog.closeText')}
          confirmLabel={t('quickLog.closeConfirm')}
          color="blue"
          onConfirm={() => {
            setAsking(false);
            finish();
          }}
          onClose={() => setAsking(false)}
        />
      </Modal.Stack>
    </>
  );
}

