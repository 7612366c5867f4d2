import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { actionMatches, highlight, hitPath, paletteActions, paletteGroups } from './paletteItems';

const t = ((key: string, options?: { page?: string }) => (options?.page ? `Go to ${options.page}` : key.replace('nav.', ''))) as unknown as TFunction;

describe('palette rows', () => {
  it('groups hits by kind in a fixed order, keeping the ranking within each kind, then the matching actions', () => {
    const hits = [
      { kind: 'commitment', id: 3, title: 'Send the report', snippet: '' },
      { kind: 'organization', id: 2, title: 'City of Zenica', snippet: '' },
      { kind: 'organization', id: 1, title: 'Zenica-Doboj Canton', snippet: '' },
    ] as const;
    const groups = paletteGroups(hits, paletteActions(t, { role: 'officer', office_id: 1 }), 'zenica');
    expect(groups.map((g) => [g.id, g.items.map((i) => i.key)])).toEqual([
      ['organization', ['organization:2', 'organization:1']],
      ['commitment', ['commitment:3']],
    ]);
  });

  it('offers managers the review, duplicates, retention and reports, officers the import, and only admins the admin page', () => {
    const ids = (role: 'viewer' | 'officer' | 'manager' | 'admin') => paletteActions(t, { role, office_id: 1 }).map((a) => a.id);
    expect(ids('viewer')).not.toContain('review');
    expect(ids('viewer')).not.toContain('new-organization');
    expect(ids('viewer')).not.toContain('import');
    expect(ids('viewer')).toContain('network');
    expect(ids('officer')).toContain('new-organization');
    expect(ids('officer')).toContain('import');
    expect(ids('officer')).not.toContain('retention');
    expect(ids('manager')).toEqual(expect.arrayContaining(['review', 'duplicates', 'retention', 'reports']));
    expect(ids('manager')).not.toContain('admin');
    expect(ids('admin')).toContain('admin');
  });

  it('matches actions by word prefixes, ignoring case and accents', () => {
    const [dashboard] = paletteActions(t, { role: 'admin', office_id: 1 });
    expect(actionMatches(dashboard!, 'DASH')).toBe(true);
    expect(actionMatches(dashboard!, 'go dash')).toBe(true);
    expect(actionMatches(dashboard!, 'board')).toBe(false);
  });

  it('marks the typed prefixes in a text, accent-insensitively', () => {
    expect(highlight('Grad Zenica, Zeničko-dobojski', 'zeni')).toEqual([
      { text: 'Grad ', match: false },
      { text: 'Zeni', match: true },
      { text: 'ca, ', match: false },
      { text: 'Zeni', match: true },
      { text: 'čko-dobojski', match: false },
    ]);
    expect(highlight('Hodžić', 'hodz')).toEqual([
      { text: 'Hodž', match: true },
      { text: 'ić', match: false },
    ]);
  });

  it('leads each hit to its page, or to its list narrowed to it', () => {
    expect(hitPath({ kind: 'visit', id: 4, title: 'Study visit' })).toBe('/visits/4');
    expect(hitPath({ kind: 'interaction', id: 40, title: 'Framework review' })).toBe('/interactions/40');
    expect(hitPath({ kind: 'commitment', id: 7, title: 'Send the draft' })).toBe('/commitments?q=Send%20the%20draft');
  });
});
