import { describe, expect, it } from 'vitest';
import type { MergePreview, MergeRecord } from '../../hooks/merge';
import { defaultSource, differingFields, parseIds, proposedSurvivor } from './mergeFields';

const contact = (id: number, created: string, extra: Record<string, unknown> = {}) =>
  ({ id, version: 1, created_at: created, full_name: 'Amra Hodžić', name_local: '', given_name: 'Amra', family_name: 'Hodžić', email: '', phone: '', languages: [], ...extra }) as unknown as MergeRecord;
const preview = (id: number, interactions: number): MergePreview => ({ id, interactions, visits: 0, commitments: 0, positions: 0, notes: 0, documents: 0 });

describe('the merge screen’s choices', () => {
  it('reads the ids of its address once each, ignoring what is not an id', () => {
    expect(parseIds('12,40, 12,x,-3,0')).toEqual([12, 40]);
    expect(parseIds(null)).toEqual([]);
  });

  it('proposes the record with most activity, then the oldest', () => {
    const older = contact(12, '2026-01-01T00:00:00Z');
    const newer = contact(40, '2026-06-01T00:00:00Z');
    expect(proposedSurvivor([older, newer], [preview(40, 3), preview(12, 1)])?.id).toBe(40);
    expect(proposedSurvivor([newer, older], [])?.id).toBe(12);
  });

  it('shows only the fields that differ, and keeps the survivor’s value unless it is empty', () => {
    const a = contact(12, '2026-01-01T00:00:00Z', { phone: '+387 61 123 456' });
    const b = contact(40, '2026-06-01T00:00:00Z', { phone: '061123456', email: 'amra@example.ba', family_name: 'Hodzic' });
    expect(differingFields('contacts', [a, b]).map((f) => f.name)).toEqual(['family_name', 'email', 'phone']);
    expect(defaultSource('phone', a, [b])).toBe(12);
    expect(defaultSource('email', a, [b])).toBe(40);
  });
});
