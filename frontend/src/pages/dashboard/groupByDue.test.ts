import { describe, expect, it } from 'vitest';
import { groupByDue } from './DashboardPage';

describe('my follow-ups by urgency', () => {
  it('puts overdue first, then what falls due in the next seven days, then the rest', () => {
    const items = [
      { id: 1, overdue: false, due_date: '2026-12-20' },
      { id: 2, overdue: true, due_date: '2026-11-01' },
      { id: 3, overdue: false, due_date: '2026-12-02' },
      { id: 4, overdue: false, due_date: null },
    ];
    const groups = groupByDue(items, new Date(2026, 10, 27));
    expect(groups.map((g) => [g.key, g.items.map((i) => i.id), g.total])).toEqual([
      ['overdue', [2], 1],
      ['thisWeek', [3], 1],
      ['later', [1, 4], 2],
    ]);
  });
});
