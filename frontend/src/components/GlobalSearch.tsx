import { Group, Kbd, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useOs } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

// The palette itself is fetched on first use (or once the page is idle): the
// header only carries the button and the shortcuts.
const loadPalette = () => import('./palette/CommandPalette');
const CommandPalette = lazy(loadPalette);

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Moves focus, and with it the next Tab's starting point, to the top of the document. */
function focusDocumentStart() {
  const body = document.body;
  body.tabIndex = -1;
  body.focus({ preventScroll: true });
  body.removeAttribute('tabindex');
}

/**
 * The header's search: a button that opens the command palette, also opened
 * with Ctrl+K / ⌘K anywhere and with "/" outside text fields. Closing it puts
 * focus back where it was.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  // Read while rendering: the default reads it in a layout effect and draws the header again inside the page's first commit.
  const os = useOs({ getValueInEffect: false });
  const mac = os === 'macos' || os === 'ios';
  const [opened, setOpened] = useState(false);
  const [mounted, setMounted] = useState(false);
  const returnTo = useRef<HTMLElement | null>(null);
  // People type straight after the shortcut. Until the palette's box has
  // focus (its code may still be on its way, the dialog still opening), the
  // keys are kept here and handed over when it takes focus.
  const typedEarly = useRef('');
  const stopKeeping = useRef<(() => void) | null>(null);
  const closeRef = useRef<() => void>(() => undefined);

  const takeTyped = useCallback(() => {
    stopKeeping.current?.();
    stopKeeping.current = null;
    const text = typedEarly.current;
    typedEarly.current = '';
    return text;
  }, []);

  const keepTyped = useCallback(() => {
    takeTyped();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (event.target instanceof Element && event.target.closest('[data-palette-input]')) return;
      if (event.key === 'Escape') closeRef.current();
      else if (event.key === 'Backspace') typedEarly.current = typedEarly.current.slice(0, -1);
      else if (event.key.length === 1) typedEarly.current += event.key;
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    // Registered now, in the same task as the shortcut, so that no key falls between.
    document.addEventListener('keydown', onKeyDown, true);
    stopKeeping.current = () => document.removeEventListener('keydown', onKeyDown, true);
  }, [takeTyped]);

  const open = useCallback(() => {
    const focused = document.activeElement;
    returnTo.current = focused instanceof HTMLElement && focused !== document.body ? focused : null;
    keepTyped();
    setMounted(true);
    setOpened(true);
  }, [keepTyped]);

  const close = useCallback((left = false) => {
    takeTyped();
    setOpened(false);
    const target = returnTo.current;
    returnTo.current = null;
    // After the dialog has let go of focus. Having gone to another page, the
    // keyboard starts from the top of it (the skip link comes first), as
    // after any page load; otherwise focus goes back where it was.
    window.setTimeout(() => {
      if (left) focusDocumentStart();
      else if (target?.isConnected) target.focus({ preventScroll: true });
    }, 20);
  }, [takeTyped]);
  useEffect(() => {
    closeRef.current = close;
  }, [close]);
  // Gone before the palette took the keys (say, its code failed to load): stop keeping them.
  useEffect(() => () => stopKeeping.current?.(), []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      // Ctrl+K / ⌘K by the key's place, so that it works with Arabic or Cyrillic layouts too.
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && (event.code === 'KeyK' || event.key.toLowerCase() === 'k')) {
        event.preventDefault();
        if (opened) close();
        else open();
        return;
      }
      // "/" by the character, wherever a layout puts it (Shift+7 on a Bosnian keyboard), but never while typing.
      if (event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !opened && !isTyping(event.target)) {
        event.preventDefault();
        open();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [opened, open, close]);

  useEffect(() => {
    const timer = window.setTimeout(() => void loadPalette().catch(() => undefined), 1_000);
    return () => window.clearTimeout(timer);
  }, []);

  return (
    <>
      <UnstyledButton
        onClick={open}
        onMouseEnter={() => void loadPalette().catch(() => undefined)}
        aria-haspopup="dialog"
        aria-keyshortcuts={mac ? 'Meta+K /' : 'Control+K /'}
        w={{ base: 44, sm: 320, lg: 420 }}
        h={36}
        px="sm"
        style={{
          border: '1px solid var(--mantine-color-gray-4)',
          borderRadius: 'var(--mantine-radius-xl)',
          background: 'var(--mantine-color-body)',
        }}
      >
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <IconSearch size={16} aria-hidden="true" style={{ flexShrink: 0 }} />
            <Text size="sm" c="dimmed" truncate="end" visibleFrom="sm">
              {t('search.placeholder')}
            </Text>
            <VisuallyHidden hiddenFrom="sm">{t('search.label')}</VisuallyHidden>
          </Group>
          <Group gap={2} wrap="nowrap" visibleFrom="sm" aria-hidden="true" dir="ltr">
            <Kbd size="xs">{mac ? '⌘' : 'Ctrl'}</Kbd>
            <Kbd size="xs">K</Kbd>
          </Group>
        </Group>
      </UnstyledButton>
      {mounted && (
        <Suspense fallback={null}>
          <CommandPalette opened={opened} onClose={close} takeTyped={takeTyped} />
        </Suspense>
      )}
    </>
  );
}
