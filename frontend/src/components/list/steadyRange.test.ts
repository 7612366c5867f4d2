import { describe, expect, it } from 'vitest';
import { steadyRange } from './steadyRange';

const range = (startIndex: number, endIndex: number, count = 50) => ({ startIndex, endIndex, overscan: 0, count });

describe('steadyRange', () => {
  it('keeps the rows drawn while the window stays where it is, so rows that change each other’s height settle', () => {
    const extract = steadyRange(() => 0);
    expect(extract(range(0, 15))).toHaveLength(16);
    // Row 15 made the others taller: the virtualizer now fits one row fewer.
    expect(extract(range(0, 14))).toHaveLength(16);
    expect(extract(range(0, 15))).toHaveLength(16);
  });

  it('starts from the virtualizer’s range again after a scroll', () => {
    let offset = 0;
    const extract = steadyRange(() => offset);
    extract(range(0, 15));
    offset = 900;
    expect(extract(range(10, 25))).toEqual(Array.from({ length: 16 }, (_, i) => i + 10));
    // And keeps that one while the window stays there.
    expect(extract(range(11, 24))).toEqual(Array.from({ length: 16 }, (_, i) => i + 10));
  });

  it('starts again when the list has another number of rows', () => {
    const extract = steadyRange(() => 0);
    extract(range(0, 15, 50));
    expect(extract(range(0, 9, 10))).toHaveLength(10);
  });
});
