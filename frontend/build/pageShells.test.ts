import { describe, expect, it } from 'vitest';
import { numberStyle, type NumberStyle } from './pageShells';

/** api/spa_shell.go numberStyle.format's rule: the digits, grouped by three from the right once the number has groupFrom digits. */
function written(style: NumberStyle, n: number): string {
  const plain = String(n);
  return Array.from(plain)
    .map((d, i) => {
      const left = plain.length - i;
      const group = i > 0 && left % 3 === 0 && plain.length >= Math.max(style.groupFrom, 4) ? style.group : '';
      return group + style.digits[Number(d)];
    })
    .join('');
}

describe('numberStyle', () => {
  // The server writes the review's tallies with this description of a
  // language's numbers; written its way, they must read as Intl writes them.
  it.each(['en', 'ar', 'bs', 'sr-Latn', 'ar-EG', 'es'])('describes how %s writes whole numbers', (locale) => {
    const style = numberStyle(locale);
    expect(style.digits).toHaveLength(10);
    for (const n of [0, 7, 42, 999, 1000, 1234, 9999, 12345, 100000, 1234567, 98765432]) {
      expect(written(style, n), `${n}`).toBe(new Intl.NumberFormat(locale).format(n));
    }
  });
});
