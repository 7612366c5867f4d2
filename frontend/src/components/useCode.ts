import { useEffect, useState } from 'react';

/** A module fetched on first use, and known at once from then on. */
export interface Code<T> {
  load: () => Promise<T>;
  promise?: Promise<T>;
  value?: T;
  error?: unknown;
}

/** A module to fetch when a component first asks for it (not when this is called). */
export function code<T>(load: () => Promise<T>): Code<T> {
  return { load };
}

/** Asks for a module before a component does (a page's start, src/pageData.ts); resolves when it is in or has failed. */
export function preloadCode<T>(c: Code<T>): Promise<void> {
  return start(c).then(
    () => undefined,
    () => undefined,
  );
}

function start<T>(c: Code<T>): Promise<T> {
  c.promise ??= c.load().then(
    (value) => (c.value = value),
    (error: unknown) => {
      c.error = error;
      throw error;
    },
  );
  return c.promise;
}

/**
 * A module's exports once they are in, undefined until then: the caller draws
 * a placeholder meanwhile. Unlike React.lazy inside Suspense, the module is
 * drawn in the first frame after it arrives; React holds a Suspense
 * boundary's content back until 300 ms after its fallback was first shown,
 * which kept a page's chart (and so the page) from being complete for that
 * long after its code was in. A failed fetch is thrown while rendering, for
 * the route's error page, as React.lazy does.
 */
export function useCode<T>(c: Code<T>): T | undefined {
  const [, setArrived] = useState(0);
  // Asked for while the page is first drawn, not after: the fetch is the
  // same one however often this runs.
  if (c.value === undefined && c.error === undefined) start(c).catch(() => undefined);
  // What this render drew: the module may arrive before its effects run
  // (asked for earlier, by the page's start), and must be drawn then too.
  const drawn = c.value;
  const failed = c.error !== undefined;
  useEffect(() => {
    if (drawn !== undefined || failed) return;
    let mounted = true;
    const drawAgain = () => {
      if (mounted) setArrived((n) => n + 1);
    };
    start(c).then(drawAgain, drawAgain);
    return () => {
      mounted = false;
    };
  }, [c, drawn, failed]);
  if (failed) throw c.error;
  return drawn;
}
