import { describe, expect, it } from 'vitest';
import { relativeTime } from './useRelativeTime';

const now = new Date('2026-12-02T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('relativeTime', () => {
  const english = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

  it.each([
    [10, 'now'],
    [59, 'now'],
    [5 * 60, '5 minutes ago'],
    [3 * 3600, '3 hours ago'],
    [26 * 3600, 'yesterday'],
    [15 * 86400, '2 weeks ago'],
    [70 * 86400, '2 months ago'],
    [800 * 86400, '2 years ago'],
  ])('says %i seconds ago as "%s"', (seconds, expected) => {
    expect(relativeTime(ago(seconds), now, english)).toBe(expected);
  });

  it('speaks Arabic to Arabic readers', () => {
    expect(relativeTime(ago(5 * 60), now, new Intl.RelativeTimeFormat('ar', { numeric: 'auto' }))).toMatch(/دقائق/);
  });
});
