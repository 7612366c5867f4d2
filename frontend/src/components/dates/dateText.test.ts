import { describe, expect, it } from 'vitest';
import { datePattern, formatDateText, isIsoDate, parseDateText } from './dateText';

describe('typed dates', () => {
  const bs = datePattern('bs');
  const ar = datePattern('ar');
  const us = datePattern('en-US');

  it('reads each language in its own order', () => {
    expect(parseDateText('31.12.2026.', bs)).toBe('2026-12-31');
    expect(parseDateText('31/12/2026', ar)).toBe('2026-12-31');
    expect(parseDateText('12/31/2026', us)).toBe('2026-12-31');
    expect(parseDateText('٣١/١٢/٢٠٢٦', ar)).toBe('2026-12-31');
    expect(parseDateText('2026-12-31', us)).toBe('2026-12-31');
    expect(parseDateText('1.2.26', bs)).toBe('2026-02-01');
  });

  it('refuses what is not a date instead of dropping it', () => {
    expect(parseDateText('12/16/2026', bs)).toBeNull();
    expect(parseDateText('mm/dd/162026', us)).toBeNull();
    expect(parseDateText('30.02.2026', bs)).toBeNull();
    expect(parseDateText('tomorrow', us)).toBeNull();
    expect(parseDateText('   ', us)).toBe('');
  });

  it('writes a date back in the pattern it is read in', () => {
    for (const pattern of [bs, ar, us]) expect(parseDateText(formatDateText('2026-03-09', pattern), pattern)).toBe('2026-03-09');
    expect(formatDateText('2026-03-09', bs)).toBe('09.03.2026.');
    expect(formatDateText('2026-03-09', ar)).toBe('09/03/2026');
  });

  it('knows a real calendar date', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-1-9')).toBe(false);
  });
});
