import type { Location } from 'react-router';

/** This document's own mark, the same for its whole life and new with every full load. */
const thisDocument = `${performance.timeOrigin}`;

/**
 * The key under which ScrollRestoration keeps a page's scroll position: the
 * history entry's own key, except for the entry a full load starts on (one
 * the address bar, a link from elsewhere or a bookmark opened), which the
 * router calls "default" in every document. Under that one shared key, the
 * next full load in the tab found the last such page's position saved and
 * "restored" it (usually to the top, where a new page starts anyway) by
 * changing the router's state, which draws the whole app a second time
 * straight after its first render (a synchronous render inside the first
 * commit, on a phone a long task of its own). Given a key of its own, a
 * fully loaded page finds nothing to restore; the entries the app pushes
 * keep theirs, so going back and forward still returns to where one was.
 */
export function scrollKey(location: Location): string {
  return location.key === 'default' ? `default ${thisDocument}` : location.key;
}
