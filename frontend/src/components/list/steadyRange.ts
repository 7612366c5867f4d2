import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual';

/**
 * A range extractor for a list whose rows change each other's height: a
 * table's columns are as wide as the widest cell of the rows drawn, so
 * drawing one more row can narrow another column, wrap its text and make
 * every row taller, so that the row no longer fits and is dropped, the
 * columns widen back, the rows shrink and the row fits again: the list was
 * drawn anew every frame for as long as it stayed on screen. While the
 * window is not scrolled, the rows drawn are kept and only added to, which
 * settles after one more draw; a scroll, or another number of rows, starts
 * from the virtualizer's own range again.
 */
export function steadyRange(scrollOffset: () => number | null) {
  let last: { offset: number | null; count: number; start: number; end: number } | undefined;
  return (range: Range): number[] => {
    const offset = scrollOffset();
    let { startIndex, endIndex } = range;
    if (last && last.offset === offset && last.count === range.count) {
      startIndex = Math.min(startIndex, last.start);
      endIndex = Math.max(endIndex, last.end);
    }
    last = { offset, count: range.count, start: startIndex, end: endIndex };
    return defaultRangeExtractor({ ...range, startIndex, endIndex });
  };
}
