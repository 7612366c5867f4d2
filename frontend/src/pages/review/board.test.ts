import { describe, expect, it } from 'vitest';
import { BOARD_COLUMNS, groupByStatus, moveTargets, neighbour, planMove } from './board';

describe('the commitments board', () => {
  it('has a column per status, in the order a commitment lives', () => {
    expect(BOARD_COLUMNS).toEqual(['open', 'in_progress', 'done', 'cancelled']);
  });

  it('puts each card in its status column, keeping the given order', () => {
    const items = [
      { id: 1, status: 'done' as const },
      { id: 2, status: 'open' as const },
      { id: 3, status: 'open' as const },
      { id: 4, status: 'cancelled' as const },
    ];
    const columns = groupByStatus(items);
    expect(columns.open.map((c) => c.id)).toEqual([2, 3]);
    expect(columns.in_progress).toEqual([]);
    expect(columns.done.map((c) => c.id)).toEqual([1]);
    expect(columns.cancelled.map((c) => c.id)).toEqual([4]);
  });

  it('offers every other column as a move, and the neighbours for one-step moves', () => {
    expect(moveTargets('in_progress')).toEqual(['open', 'done', 'cancelled']);
    expect(neighbour('open', -1)).toBeNull();
    expect(neighbour('open', 1)).toBe('in_progress');
    expect(neighbour('done', 1)).toBe('cancelled');
    expect(neighbour('cancelled', 1)).toBeNull();
  });

  it('asks for a closure note before a card goes to done; other moves save at once', () => {
    expect(planMove('open', 'done')).toEqual({ kind: 'close' });
    expect(planMove('open', 'in_progress')).toEqual({ kind: 'save', status: 'in_progress' });
    expect(planMove('done', 'open')).toEqual({ kind: 'save', status: 'open' });
    expect(planMove('open', 'open')).toEqual({ kind: 'none' });
  });
});
