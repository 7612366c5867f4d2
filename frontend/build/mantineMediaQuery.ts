import type { Plugin } from 'vite';
import { swapModule } from './swapModule.ts';

/** Where @mantine/hooks keeps its useMediaQuery, as the bundler names the file. */
const MEDIA_QUERY_FILE = /[\\/]@mantine[\\/]hooks[\\/]esm[\\/]use-media-query[\\/]use-media-query\.mjs$/;

/**
 * useMediaQuery for the build, in place of @mantine/hooks' own: whether the
 * query matches, read from the browser as the component renders and followed
 * through React's external-store subscription.
 *
 * Why: Mantine's starts with no answer (unless told otherwise) and sets the
 * real one in an effect after the component is mounted, which draws it a
 * second time. Every Mantine Transition asks whether motion should be
 * reduced this way, and a page has dozens (each button's loader, each
 * dialog, menu and tooltip): the effects after a page's first commit drew
 * them all again, with the header's and dialogs' own queries, in one task of
 * 75-100 ms at a phone's 4x CPU. No server renders the page, so the browser's
 * answer is there from the first render; the signature and the boolean it
 * returns are Mantine's (the initial value and its option are only for a
 * server's render, which has no window: then the initial value, else false).
 */
export const MEDIA_QUERY = `import { useCallback, useSyncExternalStore } from "react";
const lists = new Map();
function mediaQueryList(query) {
  let list = lists.get(query);
  if (!list) {
    list = window.matchMedia(query);
    lists.set(query, list);
  }
  return list;
}
function useMediaQuery(query, initialValue) {
  const subscribe = useCallback((onChange) => {
    if (typeof window === "undefined" || !("matchMedia" in window)) return () => {};
    const list = mediaQueryList(query);
    list.addEventListener("change", onChange);
    return () => list.removeEventListener("change", onChange);
  }, [query]);
  const current = () => (typeof window !== "undefined" && "matchMedia" in window ? mediaQueryList(query).matches : initialValue || false);
  return useSyncExternalStore(subscribe, current, () => initialValue || false);
}
export { useMediaQuery };
`;

/** The build's step that swaps the file for MEDIA_QUERY; it fails the build if the file is gone (a new Mantine moved it). */
export function mantineMediaQuery(): Plugin {
  return swapModule('mantine-media-query', MEDIA_QUERY_FILE, MEDIA_QUERY, 'build/mantineMediaQuery.ts');
}
