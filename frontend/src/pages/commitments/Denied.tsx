import { Box, Tooltip, VisuallyHidden } from '@mantine/core';
import { useId, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { DenyReason } from '../../auth/permissions';

/** Styles that keep a text for screen readers only (an input's description, say). */
export const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
} as const;

/** The sentence for why something is not offered, in the UI language. */
export function useDenyReason() {
  const { t } = useTranslation();
  return (reason: DenyReason) => t(`permissions.reason.${reason}`);
}

/**
 * A control shown but not usable, with the reason: on hover (a tooltip on
 * the wrapper, since a disabled control gets no pointer events) and for
 * screen readers (`aria-describedby` on the control). `children` receives
 * the id to put in its `aria-describedby`.
 */
export function Denied({
  reason,
  children,
  describe = true,
}: {
  reason: DenyReason;
  children: (describedBy: string | undefined) => ReactElement;
  /** False when the control names the reason itself (a Mantine input's own description). */
  describe?: boolean;
}) {
  const id = useId();
  const text = useDenyReason()(reason);
  return (
    <Tooltip label={text} multiline maw={260} withArrow openDelay={150}>
      {/* Positioned, so the hidden reason stays inside a scrolling table rather than widening the page. */}
      <Box component="span" display="inline-block" pos="relative" data-denied={reason} style={{ cursor: 'not-allowed', maxWidth: '100%' }}>
        {children(describe ? id : undefined)}
        {describe && <VisuallyHidden id={id}>{text}</VisuallyHidden>}
      </Box>
    </Tooltip>
  );
}
