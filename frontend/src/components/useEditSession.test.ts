import { describe, expect, it } from 'vitest';
import { diff, sameValue } from './useEditSession';

describe('diff', () => {
  it('keeps only the fields that changed, arrays compared by value', () => {
    const before = { name: 'MoS', city: 'Sarajevo', tags: ['sdg-16'], parent_id: null as number | null };
    expect(diff({ ...before, city: 'Mostar', tags: ['sdg-16'] }, before)).toEqual({ city: 'Mostar' });
    expect(diff({ ...before, tags: ['sdg-16', 'sdg-5'], parent_id: 3 }, before)).toEqual({ tags: ['sdg-16', 'sdg-5'], parent_id: 3 });
    expect(diff(before, before)).toEqual({});
  });

  it('treats a cleared optional field as a change to null', () => {
    expect(diff({ level: null }, { level: 'national' })).toEqual({ level: null });
    expect(sameValue([{ a: 1 }], [{ a: 1 }])).toBe(true);
  });
});
