import type { Plugin } from 'vite';
import { swapModule } from './swapModule.ts';

/** Where @mantine/core keeps the AppShell's useResizing, as the bundler names the file. */
const RESIZING_FILE = /[\\/]@mantine[\\/]core[\\/]esm[\\/]components[\\/]AppShell[\\/]use-resizing[\\/]use-resizing\.mjs$/;

/**
 * The AppShell's useResizing for the build, in place of Mantine's: whether
 * the frame is being resized (while it is, the frame's transitions are
 * turned off, through `data-resizing` on its root), true from a window's
 * resize until 200 ms after it, and for the frame's transition after its
 * `disabled` or `transitionDuration` changes or a resizable section's size
 * does; false while the frame is first drawn.
 *
 * Why: Mantine's is true as the frame mounts and turns false once the
 * transition's duration has passed. Its root's rule sets a custom property
 * (`--app-shell-transition-duration`), which every element of the page
 * inherits, so turning it off restyled the whole page 200 ms after it was
 * drawn: on the commitments list at a phone's 4x CPU a task of 250-280 ms,
 * after the render the timer set off. A frame being drawn for the first
 * time has nothing to transition from: no transition runs for it either way.
 */
export const RESIZING = `import { startTransition, useEffect, useRef, useState } from "react";
import { useWindowEvent } from "@mantine/hooks";
function useResizing({ transitionDuration, disabled, resizeKey }) {
  const [resizing, setResizing] = useState(false);
  const [settledKey, setSettledKey] = useState(resizeKey);
  const timer = useRef(-1);
  const mounted = useRef(false);
  const pause = (ms) => {
    setResizing(true);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => startTransition(() => setResizing(false)), ms);
  };
  useWindowEvent("resize", () => pause(200));
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    pause(transitionDuration || 0);
  }, [disabled, transitionDuration]);
  useEffect(() => {
    if (settledKey === resizeKey) return undefined;
    const settle = window.setTimeout(() => startTransition(() => setSettledKey(resizeKey)), transitionDuration || 0);
    return () => window.clearTimeout(settle);
  }, [resizeKey, settledKey, transitionDuration]);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return resizing || settledKey !== resizeKey;
}
export { useResizing };
`;

/** The build's step that swaps the file for RESIZING; it fails the build if the file is gone (a new Mantine moved it). */
export function mantineAppShellResizing(): Plugin {
  return swapModule('mantine-app-shell-resizing', RESIZING_FILE, RESIZING, 'build/mantineAppShellResizing.ts');
}
