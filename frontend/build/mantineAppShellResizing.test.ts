import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { importSwapped } from './importSwapped';
import { mantineAppShellResizing, RESIZING } from './mantineAppShellResizing';

type Load = (id: string) => string | null;
type Options = { transitionDuration?: number; disabled?: boolean; resizeKey?: string };
type UseResizing = (options: Options) => boolean;

let useResizing: UseResizing;

beforeAll(async () => {
  useResizing = (await importSwapped<{ useResizing: UseResizing }>('@mantine/core', 'esm/components/AppShell/use-resizing', RESIZING)).useResizing;
});
beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** Every value the hook returned, render by render. */
function watch(initial: Options) {
  const seen: boolean[] = [];
  const hook = renderHook((options: Options) => seen.push(useResizing(options)), { initialProps: initial });
  return { seen, rerender: hook.rerender };
}

describe('mantineAppShellResizing', () => {
  it('swaps the AppShell’s useResizing, and leaves every other file alone', () => {
    const load = mantineAppShellResizing().load as unknown as Load;
    expect(load('/app/node_modules/@mantine/core/esm/components/AppShell/use-resizing/use-resizing.mjs')).toBe(RESIZING);
    expect(load('/app/node_modules/@mantine/core/esm/components/AppShell/AppShell.mjs')).toBeNull();
  });

  it('is not resizing while the frame is first drawn, nor once its transition’s time has passed', () => {
    const frame = watch({ transitionDuration: 200 });
    act(() => void vi.advanceTimersByTime(1000));
    expect(frame.seen).toEqual([false]);
  });

  it('is resizing from a window’s resize until 200 ms after the last one', () => {
    const frame = watch({ transitionDuration: 200 });
    act(() => void window.dispatchEvent(new Event('resize')));
    expect(frame.seen.at(-1)).toBe(true);
    act(() => void vi.advanceTimersByTime(150));
    act(() => void window.dispatchEvent(new Event('resize')));
    act(() => void vi.advanceTimersByTime(150));
    expect(frame.seen.at(-1)).toBe(true);
    act(() => void vi.advanceTimersByTime(60));
    expect(frame.seen.at(-1)).toBe(false);
  });

  it('is resizing for a transition’s time when the frame is disabled or a section’s size changes', () => {
    const frame = watch({ transitionDuration: 300, disabled: false, resizeKey: '240' });
    frame.rerender({ transitionDuration: 300, disabled: true, resizeKey: '240' });
    expect(frame.seen.at(-1)).toBe(true);
    act(() => void vi.advanceTimersByTime(310));
    expect(frame.seen.at(-1)).toBe(false);
    frame.rerender({ transitionDuration: 300, disabled: true, resizeKey: '320' });
    expect(frame.seen.at(-1)).toBe(true);
    act(() => void vi.advanceTimersByTime(310));
    expect(frame.seen.at(-1)).toBe(false);
  });
});
