import { describe, expect, it } from 'vitest';
import type { EngagementRow } from '../../hooks/insights';
import { chartData, reportRows, type Namers } from './reportRows';

function row(key: string, label: string, interactions: number, extra: Partial<EngagementRow> = {}): EngagementRow {
  return {
    key,
    label,
    interactions,
    visits: 0,
    organizations: 0,
    contacts: 0,
    contacts_female: 0,
    contacts_male: 0,
    commitments_made: 0,
    commitments_done: 0,
    commitments_overdue: 0,
    ...extra,
  };
}

const names: Namers = {
  country: (code) => ({ BA: 'Bosna i Hercegovina', IQ: 'Irak' })[code] ?? '',
  sdg: (slug) => (slug === 'sdg-5' ? 'COR 5: Rodna ravnopravnost' : ''),
  none: (by) => (by === 'project' ? 'Bez programa' : 'Bez države'),
};

describe('report rows', () => {
  it('names countries in the reader’s language, keeping the server’s order', () => {
    const rows = reportRows({ by: 'country', rows: [row('BA', 'Bosnia and Herzegovina', 12), row('IQ', 'Iraq', 3), row('XK', 'Kosovo', 1)] }, names);
    expect(rows.map((r) => [r.key, r.label])).toEqual([
      ['BA', 'Bosna i Hercegovina'],
      ['IQ', 'Irak'],
      // A code the reader's language has no name for keeps the server's.
      ['XK', 'Kosovo'],
    ]);
  });

  it('puts records without a programme last, under a name of their own', () => {
    const rows = reportRows({ by: 'project', rows: [row('', '', 20), row('3', 'SIMVEX Study visits', 5), row('4', 'BHRI Resilience', 2)] }, names);
    expect(rows.map((r) => [r.label, r.unassigned])).toEqual([
      ['SIMVEX Study visits', false],
      ['BHRI Resilience', false],
      ['Bez programa', true],
    ]);
  });

  it('translates the SDGs and falls back to the tag name', () => {
    const rows = reportRows({ by: 'sdg', rows: [row('sdg-16', 'Peace, justice and strong institutions', 9), row('sdg-5', 'Gender equality', 4)] }, names);
    expect(rows.map((r) => r.label)).toEqual(['Peace, justice and strong institutions', 'COR 5: Rodna ravnopravnost']);
  });

  it('sums the long tail into one bar for the chart', () => {
    const rows = reportRows({ by: 'country', rows: Array.from({ length: 15 }, (_, i) => row(`C${i}`, `Country ${i}`, 15 - i, { visits: 1 })) }, names);
    const data = chartData(rows, 'Others', 12);
    expect(data).toHaveLength(12);
    expect(data[0]).toEqual({ label: 'Country 0', interactions: 15, visits: 1, commitments_made: 0 });
    // Rows 11 to 14 (4, 3, 2 and 1 interactions) are the others.
    expect(data[11]).toEqual({ label: 'Others', interactions: 10, visits: 4, commitments_made: 0 });
    expect(chartData(rows.slice(0, 3), 'Others', 12)).toHaveLength(3);
  });
});
