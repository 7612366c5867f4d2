import { useWindowVirtualizer, windowScroll, type Virtualizer } from '@tanstack/react-virtual';
import { startTransition, useEffect, useRef, useState, type RefObject } from 'react';
import { listOffset, rememberListOffset } from './listOffsets';
import { steadyRange } from './steadyRange';

/**
 * Where the first row starts on the page (filters above may change height),
 * for the window virtualizer. It is measured in the frame after the commit,
 * not in it: measuring in a layout effect (or even asking there how far the window is
 * scrolled) makes the browser lay out the whole new page inside React's
 * commit, and the list is then drawn a second time in the same task, one
 * long task on a phone. At the top of the page the first rows are the same
 * whatever the margin; a list drawn again (coming back to it, scrolled
 * where it was left, or in a later visit) starts from the margin it had
 * (listOffsets.ts), so its rows are right before the paint.
 */
function useScrollMargin(ref: RefObject<HTMLElement | null>, list: string) {
  const [scrollMargin, setScrollMargin] = useState(() => listOffset(list));
  useEffect(() => {
    // In the next frame, whose layout the reading then shares: an effect
    // may still run inside the commit's task.
    const frame = requestAnimationFrame(() => {
      const top = (ref.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
      rememberListOffset(list, top);
      setScrollMargin((margin) => (Math.abs(top - margin) > 1 ? top : margin));
    });
    return () => cancelAnimationFrame(frame);
  });
  return scrollMargin;
}

/**
 * The window's size for the virtualizer, read when the browser is about to
 * draw the next frame and on every resize, rather than in React's commit,
 * where reading it makes the browser lay out the page the commit has just
 * changed (a long task on a phone, for a size that rarely changed). Until
 * then the virtualizer works from the size read as the list was first drawn
 * (useWindowRows' initialRect).
 */
function observeWindowRect(virtualizer: Virtualizer<Window, Element>, report: (rect: { width: number; height: number }) => void) {
  const win = virtualizer.scrollElement;
  if (!win) return;
  const read = () => report({ width: win.innerWidth, height: win.innerHeight });
  const frame = win.requestAnimationFrame(read);
  win.addEventListener('resize', read, { passive: true });
  return () => {
    win.cancelAnimationFrame(frame);
    win.removeEventListener('resize', read);
  };
}

/**
 * Scrolls the window for the virtualizer, except to where it already is: as
 * it starts, the virtualizer scrolls to the offset it has just read, which
 * changes nothing but makes the browser lay out the page inside React's
 * commit. Every other scroll (a correction above the fold, a jump) is made.
 */
function scrollWindow(offset: number, options: { adjustments?: number; behavior?: ScrollBehavior }, virtualizer: Virtualizer<Window, Element>) {
  if (!options.adjustments && !options.behavior && offset === virtualizer.scrollOffset) return;
  windowScroll(offset, options, virtualizer);
}

/**
 * A row's height for the virtualizer. When a row is first drawn it answers
 * from what is known (the row's last height, else the estimate) rather than
 * measuring, which would force the browser to lay out the new page inside
 * React's commit; the ResizeObserver then reports the drawn height after the
 * browser's own layout, and the rows below move if it differs.
 */
function rowHeight(estimate: number) {
  return (element: Element, entry: ResizeObserverEntry | undefined, virtualizer: Virtualizer<Window, Element>) => {
    const box = entry?.borderBoxSize?.[0];
    if (box) return Math.round(box.blockSize);
    // A row not laid out yet (or in a test DOM) measures 0: keep the estimate then.
    if (entry) return element.getBoundingClientRect().height || estimate;
    return virtualizer.itemSizeCache.get(virtualizer.options.getItemKey(virtualizer.indexFromElement(element))) ?? estimate;
  };
}

/** The rows beyond the window's edge a list draws as it is first drawn. */
const FIRST_OVERSCAN = 2;

/**
 * How many rows beyond the window's edge a list draws: as it is first drawn
 * (a page opened, or come back to), only FIRST_OVERSCAN, so that the rows on
 * screen are drawn and shown sooner (a table row of commitments is some fifty
 * elements; twelve rows more doubled the list's first render, and coming back
 * to a list renders it within the browser's "back", in one task); from the
 * window's first scroll, `full`, drawn as a transition beside the scroll's
 * own rows, so that a quick scroll does not outrun them. Not before: rows
 * added below a table can widen its columns, which would move the rows on
 * screen while no one asked for anything.
 */
function useOverscan(full: number): number {
  const [widened, setWidened] = useState(false);
  useEffect(() => {
    if (widened) return;
    const widen = () => startTransition(() => setWidened(true));
    window.addEventListener('scroll', widen, { passive: true, once: true });
    return () => window.removeEventListener('scroll', widen);
  }, [widened]);
  return widened ? full : Math.min(full, FIRST_OVERSCAN);
}

/**
 * The window virtualizer of a list, set up so that drawing the list reads no
 * layout inside React's commit (the helpers above), and the space to leave
 * before and after the rows it draws. `list` names the list and its form,
 * for the scroll margin it starts from when drawn again.
 */
export function useWindowRows(ref: RefObject<HTMLElement | null>, list: string, count: number, estimate: number, fullOverscan: number) {
  const scrollMargin = useScrollMargin(ref, list);
  const overscan = useOverscan(fullOverscan);
  // The window's size as the list is first drawn, before React changes the page (reading it then costs no layout).
  const [initialRect] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  const instance = useRef<Virtualizer<Window, Element> | null>(null);
  const [rangeExtractor] = useState(() => steadyRange(() => instance.current?.scrollOffset ?? null));
  const virtualizer = useWindowVirtualizer({
    count,
    rangeExtractor,
    estimateSize: () => estimate,
    overscan,
    scrollMargin,
    initialRect,
    observeElementRect: observeWindowRect,
    scrollToFn: scrollWindow,
    measureElement: rowHeight(estimate),
  });
  instance.current = virtualizer;
  const items = virtualizer.getVirtualItems();
  const before = items.length ? items[0]!.start - scrollMargin : 0;
  const after = items.length ? virtualizer.getTotalSize() - (items[items.length - 1]!.end - scrollMargin) : 0;
  return { virtualizer, items, before, after };
}
