import { describe, expect, it } from 'vitest';
import { addMonths, firstDayOfWeek, itemsOn, layoutWeek, monthQuery, monthWeeks, moveFocus, overlaps, parseMonth, shiftMonthKeepingDay } from './calendar';
import { countryTimeZone, utcToZoned, zonedToUtc } from './timeZones';

const visit = (id: number, start_date: string, end_date: string) => ({ id, start_date, end_date });

describe('month calendar', () => {
  it('reads the month from the address and refuses nonsense', () => {
    expect(parseMonth('2026-09')).toEqual({ year: 2026, month: 9 });
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('september')).toBeNull();
    expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
  });

  it('lays a month out in whole weeks starting on the reader’s first weekday', () => {
    // September 2026 begins on a Tuesday.
    const monday = monthWeeks({ year: 2026, month: 9 }, 1);
    expect(monday[0]![0]).toBe('2026-08-31');
    expect(monday.at(-1)!.at(-1)).toBe('2026-10-04');
    expect(monday.every((w) => w.length === 7)).toBe(true);
    const saturday = monthWeeks({ year: 2026, month: 9 }, 6);
    expect(saturday[0]![0]).toBe('2026-08-29');
    expect(firstDayOfWeek('en-US')).toBe(0);
    expect(firstDayOfWeek('bs')).toBe(1);
  });

  it('spans a visit across its days and stacks overlapping visits in lanes', () => {
    const week = monthWeeks({ year: 2026, month: 9 }, 1)[3]!; // 21–27 September
    const week4 = visit(1, '2026-09-25', '2026-09-29');
    const day = visit(2, '2026-09-26', '2026-09-26');
    const before = visit(3, '2026-09-10', '2026-09-22');
    const { segments, lanes } = layoutWeek(week, [day, week4, before]);
    const by = Object.fromEntries(segments.map((s) => [s.item.id, s]));
    expect(by[3]).toMatchObject({ column: 0, span: 2, continuesBefore: true, continuesAfter: false, lane: 0 });
    expect(by[1]).toMatchObject({ column: 4, span: 3, continuesBefore: false, continuesAfter: true, lane: 0 });
    // The one-day visit falls inside the longer one's days: it goes one lane down.
    expect(by[2]).toMatchObject({ column: 5, span: 1, lane: 1 });
    expect(lanes).toBe(2);
    expect(itemsOn('2026-09-26', [day, week4, before]).map((v) => v.id)).toEqual([1, 2]);
  });

  it('asks the server for visits that start before the month and keeps those still running in it', () => {
    const q = monthQuery({ year: 2026, month: 10 });
    expect(q).toMatchObject({ start_before: '2026-11-01', from: '2026-10-01', to: '2026-10-31' });
    expect(q.start_after < '2026-07-01').toBe(true);
    expect(overlaps(visit(1, '2026-09-28', '2026-10-02'), q.from, q.to)).toBe(true);
    expect(overlaps(visit(2, '2026-09-20', '2026-09-30'), q.from, q.to)).toBe(false);
  });

  it('moves the focused day with the keyboard, mirrored for right-to-left', () => {
    expect(moveFocus('2026-09-30', 'ArrowRight')).toBe('2026-10-01');
    expect(moveFocus('2026-09-30', 'ArrowRight', { rtl: true })).toBe('2026-09-29');
    expect(moveFocus('2026-09-30', 'ArrowDown')).toBe('2026-10-07');
    expect(moveFocus('2026-09-30', 'ArrowUp')).toBe('2026-09-23');
    // Wednesday 30 September: Monday-first week runs 28 September – 4 October.
    expect(moveFocus('2026-09-30', 'Home', { firstDay: 1 })).toBe('2026-09-28');
    expect(moveFocus('2026-09-30', 'End', { firstDay: 1 })).toBe('2026-10-04');
    expect(moveFocus('2026-01-31', 'PageDown')).toBe('2026-02-28');
    expect(shiftMonthKeepingDay('2026-03-31', -1)).toBe('2026-02-28');
    expect(moveFocus('2026-09-30', 'Tab')).toBeNull();
  });
});

describe('host country clock', () => {
  it('picks the zone of the host country, the capital’s for countries with several', () => {
    expect(countryTimeZone('BA')).toBe('Europe/Sarajevo');
    expect(countryTimeZone('IQ')).toBe('Asia/Baghdad');
    expect(countryTimeZone('US')).toBe('America/New_York');
    expect(countryTimeZone(null, 'Europe/Berlin')).toBe('Europe/Berlin');
  });

  it('turns a wall-clock time in a zone into UTC and back, across summer time', () => {
    // Sarajevo is UTC+2 in September, UTC+1 in December.
    expect(zonedToUtc('2026-09-25T09:00', 'Europe/Sarajevo')).toBe('2026-09-25T07:00:00Z');
    expect(zonedToUtc('2026-12-01T09:00', 'Europe/Sarajevo')).toBe('2026-12-01T08:00:00Z');
    expect(zonedToUtc('2026-09-25T09:00', 'Asia/Baghdad')).toBe('2026-09-25T06:00:00Z');
    expect(utcToZoned('2026-09-25T07:00:00Z', 'Europe/Sarajevo')).toBe('2026-09-25T09:00');
    expect(utcToZoned('2026-10-25T00:30:00Z', 'Europe/Sarajevo')).toBe('2026-10-25T02:30');
    expect(zonedToUtc('not a time', 'Europe/Sarajevo')).toBeNull();
  });
});
