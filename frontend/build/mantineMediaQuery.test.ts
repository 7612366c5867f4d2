import { act, render } from '@testing-library/react';
import { createElement, Profiler } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { importSwapped } from './importSwapped';
import { mantineMediaQuery, MEDIA_QUERY } from './mantineMediaQuery';

type Load = (id: string) => string | null;
type UseMediaQuery = (query: string, initialValue?: boolean, options?: { getInitialValueInEffect: boolean }) => boolean;

let useMediaQuery: UseMediaQuery;

beforeAll(async () => {
  useMediaQuery = (await importSwapped<{ useMediaQuery: UseMediaQuery }>('@mantine/hooks', 'esm/use-media-query', MEDIA_QUERY)).useMediaQuery;
});

/** A browser's media query list whose answer the test changes, as a window resized would. */
function fakeMatchMedia(matches: boolean) {
  const listeners = new Set<(event: { matches: boolean }) => void>();
  const list = {
    matches,
    addEventListener: (_type: string, listener: (event: { matches: boolean }) => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: (event: { matches: boolean }) => void) => listeners.delete(listener),
  };
  vi.stubGlobal('matchMedia', () => list);
  return {
    change(next: boolean) {
      list.matches = next;
      for (const listener of listeners) listener({ matches: next });
    },
    listening: () => listeners.size,
  };
}

/** What a component saw at each of its renders, and how many commits drew it. */
function watch(query: string, initialValue?: boolean) {
  const seen: boolean[] = [];
  let commits = 0;
  function Probe() {
    seen.push(useMediaQuery(query, initialValue));
    return null;
  }
  const view = render(createElement(Profiler, { id: 'probe', onRender: () => commits++ }, createElement(Probe)));
  return { seen, commits: () => commits, view };
}

afterEach(() => vi.unstubAllGlobals());

describe('mantineMediaQuery', () => {
  it('swaps @mantine/hooks’ useMediaQuery, and leaves every other file alone', () => {
    const load = mantineMediaQuery().load as unknown as Load;
    expect(load('/app/node_modules/@mantine/hooks/esm/use-media-query/use-media-query.mjs')).toBe(MEDIA_QUERY);
    expect(load('/app/node_modules/@mantine/hooks/esm/use-reduced-motion/use-reduced-motion.mjs')).toBeNull();
  });

  it('answers with the browser’s match in the first render, and draws once', () => {
    fakeMatchMedia(true);
    // The answer the browser gives wins over an initial value meant for a server's render.
    const probe = watch('(max-width: 36em)', false);
    expect(probe.seen).toEqual([true]);
    expect(probe.commits()).toBe(1);
    probe.view.unmount();
  });

  it('follows the query as it changes, and stops listening once unmounted', () => {
    const media = fakeMatchMedia(false);
    const probe = watch('(prefers-reduced-motion: reduce)');
    expect(probe.seen).toEqual([false]);
    expect(media.listening()).toBe(1);
    act(() => media.change(true));
    expect(probe.seen.at(-1)).toBe(true);
    act(() => media.change(false));
    expect(probe.seen.at(-1)).toBe(false);
    probe.view.unmount();
    expect(media.listening()).toBe(0);
  });
});
