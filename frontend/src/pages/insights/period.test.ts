import { describe, expect, it } from 'vitest';
import { isDate, localToday, periodProblem, presetOf, presetPeriod } from './period';

describe('reporting periods', () => {
  it.each([
    ['2026-11-27', 'thisQuarter', '2026-10-01', '2026-12-31'],
    ['2026-11-27', 'lastQuarter', '2026-07-01', '2026-09-30'],
    ['2026-02-10', 'thisQuarter', '2026-01-01', '2026-03-31'],
    // The quarter before the first is the last of the year before.
    ['2026-02-10', 'lastQuarter', '2025-10-01', '2025-12-31'],
    ['2026-05-31', 'lastQuarter', '2026-01-01', '2026-03-31'],
    ['2026-06-30', 'thisQuarter', '2026-04-01', '2026-06-30'],
    ['2024-08-15', 'lastQuarter', '2024-04-01', '2024-06-30'],
    ['2026-11-27', 'thisYear', '2026-01-01', '2026-12-31'],
    ['2026-01-01', 'lastYear', '2025-01-01', '2025-12-31'],
  ] as const)('on %s, %s is %s to %s', (today, preset, from, to) => {
    expect(presetPeriod(preset, today)).toEqual({ from, to });
  });

  it('recognises a preset from its dates, and nothing else', () => {
    expect(presetOf({ from: '2026-10-01', to: '2026-12-31' }, '2026-11-27')).toBe('thisQuarter');
    expect(presetOf({ from: '2025-01-01', to: '2025-12-31' }, '2026-11-27')).toBe('lastYear');
    expect(presetOf({ from: '2026-10-01', to: '2026-12-30' }, '2026-11-27')).toBeNull();
  });

  it('takes today from the local calendar', () => {
    expect(localToday(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });

  it('refuses what the server would refuse, naming the field', () => {
    expect(periodProblem({ from: '2026-01-01', to: '2026-12-31' })).toBeNull();
    expect(periodProblem({ from: '', to: '2026-12-31' })).toEqual({ field: 'from', problem: 'missing' });
    expect(periodProblem({ from: '2026-02-30', to: '2026-12-31' })).toEqual({ field: 'from', problem: 'missing' });
    expect(periodProblem({ from: '2026-12-31', to: '2026-01-01' })).toEqual({ field: 'to', problem: 'order' });
    expect(periodProblem({ from: '2026-01-01', to: '2030-12-31' })).toBeNull();
    expect(periodProblem({ from: '2026-01-01', to: '2031-01-01' })).toEqual({ field: 'to', problem: 'tooLong' });
    expect(isDate('2028-02-29')).toBe(true);
    expect(isDate('2027-02-29')).toBe(false);
  });
});
